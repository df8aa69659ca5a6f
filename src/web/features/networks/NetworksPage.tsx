import { useState } from 'react';
import { Button, Paper, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { networkBody, type Network } from '#shared/contracts/networks';
import { FormDialog } from '../../components/FormDialog';
import { ErrorAlert, Page } from '../../components/Page';
import { RequirePermission } from '../../components/RequirePermission';
import { applyServerErrors, zodValidate } from '../../components/forms';
import { formatDateTime } from '../../components/format';
import { useNetworks, useNetworkSteps } from './api';
import { AnchorLink } from '../../components/links';

/** The networks: every one for administrators, the ones one's unit belongs to for others. */
export function NetworksPage() {
  const { t } = useTranslation();
  return (
    <RequirePermission action="read" entity="network" title={t('networks.title')}>
      <Networks />
    </RequirePermission>
  );
}

function Networks() {
  const { t } = useTranslation();
  const query = useNetworks();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const items = query.data?.items ?? [];
  const canCreate = query.data?.canCreate ?? false;
  return (
    <Page
      title={t('networks.title')}
      actions={canCreate && <Button onClick={() => setCreating(true)}>{t('networks.create')}</Button>}
    >
      <Text>{canCreate ? t('networks.adminIntro') : t('networks.intro')}</Text>
      <ErrorAlert error={query.error} />
      {query.isSuccess && items.length === 0 && <Text>{t('networks.none')}</Text>}
      <Stack>
        {items.map((n) => (
          <Paper key={n.id} withBorder p="md" component="article" aria-labelledby={`network-${n.id}`}>
            <Stack gap={4}>
              <Title order={2} size="h4" id={`network-${n.id}`}>
                <AnchorLink to="/networks/$id" params={{ id: n.id }}>
                  {n.name}
                </AnchorLink>
              </Title>
              {n.description && <Text size="sm">{n.description}</Text>}
              <Text size="sm">
                {t('networks.memberCount', { count: n.memberCount })} ·{' '}
                {n.nextMeetingAt
                  ? t('networks.nextMeeting', { date: formatDateTime(n.nextMeetingAt) })
                  : t('networks.noNextMeeting')}
              </Text>
            </Stack>
          </Paper>
        ))}
      </Stack>
      <NetworkForm
        opened={creating}
        onClose={() => setCreating(false)}
        onSaved={(n) => navigate({ to: '/networks/$id', params: { id: n.id } })}
      />
    </Page>
  );
}

/** Create a network or change its name and description. */
export function NetworkForm(props: { network?: Network; opened: boolean; onClose: () => void; onSaved?: (n: Network) => void }) {
  const { t } = useTranslation();
  return (
    <FormDialog opened={props.opened} onClose={props.onClose} title={props.network ? t('networks.edit') : t('networks.create')}>
      <NetworkFormBody {...props} />
    </FormDialog>
  );
}

function NetworkFormBody({
  network,
  onClose,
  onSaved,
}: {
  network?: Network;
  onClose: () => void;
  onSaved?: (n: Network) => void;
}) {
  const { t } = useTranslation();
  const steps = useNetworkSteps();
  const [error, setError] = useState<string | null>(null);
  const form = useForm({
    initialValues: { name: network?.name ?? '', description: network?.description ?? '' },
    validate: zodValidate(networkBody),
  });
  const pending = steps.create.isPending || steps.update.isPending;
  return (
    <form
      noValidate
      onSubmit={form.onSubmit(async (values) => {
        setError(null);
        try {
          const saved = network
            ? await steps.update.mutateAsync({ id: network.id, body: values })
            : await steps.create.mutateAsync(values);
          onClose();
          onSaved?.(saved);
        } catch (e) {
          setError(applyServerErrors(form, e));
        }
      })}
    >
      <Stack>
        <ErrorAlert error={error} />
        <TextInput label={t('networks.name')} required {...form.getInputProps('name')} />
        <Textarea label={t('networks.description')} autosize minRows={3} {...form.getInputProps('description')} />
        <Button type="submit" loading={pending}>
          {t('networks.save')}
        </Button>
      </Stack>
    </form>
  );
}
