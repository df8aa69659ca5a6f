import { useState } from 'react';
import { Button, Group, NativeSelect, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Invitation } from '#shared/contracts/networks';
import { FormDialog } from '../../components/FormDialog';
import { ErrorAlert, Page } from '../../components/Page';
import { RequirePermission } from '../../components/RequirePermission';
import { formatDateTime } from '../../components/format';
import { notifyDone } from '../../components/notify';
import { useMe } from '../../api/session';
import { useContactCandidates, useMyInvitations, useNetworkSteps } from './api';
import { StatusBadge } from './NetworkPage';

/** The unit manager's invitations: answer the open ones (accept with a contact person, or decline with a reason). */
export function MyInvitationsPage() {
  const { t } = useTranslation();
  return (
    <RequirePermission action="update" entity="network_invitation" title={t('networks.my.title')}>
      <MyInvitations />
    </RequirePermission>
  );
}

function MyInvitations() {
  const { t } = useTranslation();
  const query = useMyInvitations();
  const [answering, setAnswering] = useState<{ invitation: Invitation; answer: 'accept' | 'decline' } | null>(null);
  const items = query.data?.items ?? [];
  return (
    <Page title={t('networks.my.title')}>
      <Text>{t('networks.my.intro')}</Text>
      <ErrorAlert error={query.error} />
      {query.isSuccess && items.length === 0 && <Text>{t('networks.my.none')}</Text>}
      <Stack>
        {items.map((i) => (
          <Paper key={i.id} withBorder p="md" component="article" aria-labelledby={`invitation-${i.id}`}>
            <Stack gap={4}>
              <Group gap="xs">
                <Title order={2} size="h4" id={`invitation-${i.id}`}>
                  {i.networkName} – {i.unitName}
                </Title>
                <StatusBadge status={i.status} />
              </Group>
              <Text size="sm">{t('networks.my.invitedBy', { name: i.invitedByName ?? '', date: formatDateTime(i.sentAt) })}</Text>
              {i.message && <Text style={{ whiteSpace: 'pre-line' }}>{i.message}</Text>}
              {i.answeredAt && (
                <Text size="sm">
                  {t('networks.answered')}:{' '}
                  {t('networks.answeredBy', { name: i.answeredByName ?? '', date: formatDateTime(i.answeredAt) })}
                </Text>
              )}
              {i.declineReason && <Text size="sm">{t('networks.reason', { reason: i.declineReason })}</Text>}
              {i.status === 'sent' && (
                <Group>
                  <Button onClick={() => setAnswering({ invitation: i, answer: 'accept' })}>{t('networks.my.accept')}</Button>
                  <Button variant="outline" onClick={() => setAnswering({ invitation: i, answer: 'decline' })}>
                    {t('networks.my.decline')}
                  </Button>
                </Group>
              )}
            </Stack>
          </Paper>
        ))}
      </Stack>
      <FormDialog
        opened={answering !== null}
        onClose={() => setAnswering(null)}
        title={
          answering
            ? t(answering.answer === 'accept' ? 'networks.my.acceptTitle' : 'networks.my.declineTitle', {
                name: answering.invitation.networkName,
              })
            : ''
        }
      >
        {answering && <Answer invitation={answering.invitation} answer={answering.answer} onDone={() => setAnswering(null)} />}
      </FormDialog>
    </Page>
  );
}

function Answer({ invitation, answer, onDone }: { invitation: Invitation; answer: 'accept' | 'decline'; onDone: () => void }) {
  const { t } = useTranslation();
  const steps = useNetworkSteps();
  const contacts = useContactCandidates(answer === 'accept' ? invitation.unitId : null);
  const { data: me } = useMe();
  // The manager is the contact unless they name someone else of the unit.
  const [contactUserId, setContactUserId] = useState(me?.id ?? '');
  const [reason, setReason] = useState('');
  const step = answer === 'accept' ? steps.accept : steps.decline;
  return (
    <form
      onSubmit={async (event) => {
        event.preventDefault();
        if (answer === 'accept') await steps.accept.mutateAsync({ id: invitation.id, contactUserId: contactUserId || null });
        else await steps.decline.mutateAsync({ id: invitation.id, reason });
        notifyDone(invitation.networkName, t(answer === 'accept' ? 'networks.my.accepted' : 'networks.my.declined'));
        onDone();
      }}
    >
      <Stack>
        <ErrorAlert error={step.error ?? contacts.error} />
        {answer === 'accept' ? (
          <NativeSelect
            label={t('networks.my.contact')}
            description={t('networks.my.contactHelp')}
            value={contactUserId}
            onChange={(e) => setContactUserId(e.currentTarget.value)}
            data={(contacts.data?.items ?? []).map((c) => ({ value: c.userId, label: c.name }))}
          />
        ) : (
          <Textarea
            label={t('networks.my.declineReason')}
            autosize
            minRows={3}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
          />
        )}
        <Button type="submit" loading={step.isPending}>
          {t(answer === 'accept' ? 'networks.my.accept' : 'networks.my.decline')}
        </Button>
      </Stack>
    </form>
  );
}
