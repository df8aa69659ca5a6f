import { useEffect, useState } from 'react';
import { Badge, Button, Group, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { certificationSettings } from '#shared/contracts/certification';
import { useCan } from '../../api/session';
import { ErrorAlert, Page } from '../../components/Page';
import { RequirePermission } from '../../components/RequirePermission';
import { zodValidate } from '../../components/forms';
import { notifySaved } from '../organisation/parts';
import { useCertificationSettings, useSaveCertificationSettings, useSchemes } from './api';
import { BackToCertification } from './parts';
import { SchemeForm } from './SchemeForm';
import { AnchorLink } from '../../components/links';

/** The certification schemes with their issuer, validity and criteria, and when renewals are reminded of. */
export function SchemesPage() {
  const { t } = useTranslation();
  return (
    <RequirePermission action="read" entity="certification_scheme" title={t('certification.schemes.title')}>
      <Schemes />
    </RequirePermission>
  );
}

function Schemes() {
  const { t } = useTranslation();
  const can = useCan();
  const schemes = useSchemes();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const items = schemes.data?.items ?? [];
  return (
    <Page
      title={t('certification.schemes.title')}
      actions={
        can('create', 'certification_scheme') && (
          <Button onClick={() => setCreating(true)}>{t('certification.schemes.create')}</Button>
        )
      }
    >
      <BackToCertification />
      <Text>{t('certification.schemes.intro')}</Text>
      <ErrorAlert error={schemes.error} />
      {schemes.data && items.length === 0 && <Text>{t('certification.schemes.none')}</Text>}
      {items.length > 0 && (
        <div role="region" aria-label={t('certification.schemes.title')} tabIndex={0} style={{ overflowX: 'auto' }}>
          <Table striped withTableBorder miw={520}>
            <Table.Caption style={{ textAlign: 'left' }}>{t('certification.schemes.title')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('certification.schemes.name')}</Table.Th>
                <Table.Th scope="col">{t('certification.schemes.issuer')}</Table.Th>
                <Table.Th scope="col">{t('certification.schemes.validity')}</Table.Th>
                <Table.Th scope="col">{t('certification.schemes.criteria')}</Table.Th>
                <Table.Th scope="col">{t('certification.status')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((scheme) => (
                <Table.Tr key={scheme.id}>
                  <Table.Th scope="row" fw={500}>
                    <AnchorLink to="/certification/schemes/$id" params={{ id: scheme.id }}>
                      {scheme.name}
                    </AnchorLink>
                  </Table.Th>
                  <Table.Td>{scheme.issuer}</Table.Td>
                  <Table.Td>{t('certification.schemes.years', { count: scheme.validityYears })}</Table.Td>
                  <Table.Td>{scheme.criterionCount}</Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      <SchemeActiveBadge active={scheme.active} />
                      {scheme.inUse && <Text size="sm">{t('certification.schemes.inUse')}</Text>}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      )}
      <ReminderSettings />
      <SchemeForm
        opened={creating}
        onClose={() => setCreating(false)}
        onSaved={(saved) => void navigate({ to: '/certification/schemes/$id', params: { id: saved.id } })}
      />
    </Page>
  );
}

export function SchemeActiveBadge({ active }: { active: boolean }) {
  const { t } = useTranslation();
  return (
    <Badge color={active ? 'teal.9' : 'gray.8'} variant="filled">
      {active ? t('certification.schemes.offered') : t('certification.schemes.notOffered')}
    </Badge>
  );
}

/** The months before expiry that a unit and the administrators are reminded to renew, as a list like "6, 3, 1". */
function ReminderSettings() {
  const { t } = useTranslation();
  const can = useCan();
  const settings = useCertificationSettings();
  const save = useSaveCertificationSettings();
  const [text, setText] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const months = settings.data?.renewalReminderMonths;
  useEffect(() => {
    if (months) setText(months.join(', '));
  }, [months]);
  const editable = can('update', 'certification_scheme');

  const submit = async () => {
    const parsed = text
      .split(/[,;\s]+/)
      .filter(Boolean)
      .map((part) => (/^\d+$/.test(part) ? Number(part) : NaN));
    if (parsed.some((n) => Number.isNaN(n))) {
      setFieldError(t('certification.schemes.reminders.notNumbers'));
      return;
    }
    const errors = zodValidate(certificationSettings)({ renewalReminderMonths: parsed });
    const first = Object.values(errors)[0];
    if (first) {
      setFieldError(first);
      return;
    }
    setFieldError(null);
    const saved = await save.mutateAsync({ renewalReminderMonths: parsed }).catch(() => null);
    if (saved) notifySaved();
  };

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="reminder-settings">
      <Stack gap="sm">
        <Title order={2} size="h3" id="reminder-settings">
          {t('certification.schemes.reminders.title')}
        </Title>
        <Text size="sm">{t('certification.schemes.reminders.intro')}</Text>
        <ErrorAlert error={settings.error ?? save.error} />
        {editable ? (
          <form
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              void submit();
            }}
          >
            <Group align="flex-end">
              <TextInput
                label={t('certification.schemes.reminders.months')}
                description={t('certification.schemes.reminders.monthsHelp')}
                value={text}
                error={fieldError}
                onChange={(event) => {
                  setText(event.currentTarget.value);
                  setFieldError(null);
                }}
                maw={320}
              />
              <Button type="submit" loading={save.isPending}>
                {t('common.save')}
              </Button>
            </Group>
          </form>
        ) : (
          <Text>
            {months && months.length > 0
              ? t('certification.schemes.reminders.current', { months: months.join(', ') })
              : t('certification.schemes.reminders.noneSet')}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
