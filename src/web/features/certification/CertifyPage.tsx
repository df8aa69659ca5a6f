import { useState } from 'react';
import { Alert, Badge, Button, Checkbox, Group, List, Paper, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Certificate, ProcessListItem } from '#shared/contracts/certification';
import { ApiError } from '../../api/client';
import { ErrorAlert, Page } from '../../components/Page';
import { RequirePermission } from '../../components/RequirePermission';
import { formatDate, todayInStockholm } from '../../components/format';
import { DateField } from '../organisation/EmployeeForm';
import { useCertify, useProcesses } from './api';
import { BackToCertification } from './parts';
import { AnchorLink } from '../../components/links';

/**
 * Certifying several units on one day, as the source tells of eight units certified together: the
 * open processes with whether each is ready, and one decision for those chosen (all or none).
 */
export function CertifyPage() {
  const { t } = useTranslation();
  return (
    <RequirePermission action="create" entity="certificate" title={t('certification.certify.title')}>
      <Certify />
    </RequirePermission>
  );
}

function Certify() {
  const { t } = useTranslation();
  const processes = useProcesses({ status: 'open' });
  const items = processes.data?.items ?? [];
  const certify = useCertify();
  const [chosen, setChosen] = useState<string[]>([]);
  const [certifiedOn, setCertifiedOn] = useState<string | null>(todayInStockholm());
  const [issued, setIssued] = useState<Certificate[]>([]);
  const [nothingChosen, setNothingChosen] = useState(false);
  const [sent, setSent] = useState<string[]>([]);
  const readyIds = items.filter((process) => process.readiness?.ready).map((process) => process.id);
  const stillOpen = chosen.filter((id) => items.some((process) => process.id === id));

  const submit = async () => {
    if (stillOpen.length === 0) {
      setNothingChosen(true);
      return;
    }
    setSent(stillOpen);
    const result = await certify.mutateAsync({ processIds: stillOpen, certifiedOn: certifiedOn ?? undefined }).catch(() => null);
    if (!result) return;
    setIssued(result.items);
    setChosen([]);
  };

  return (
    <Page title={t('certification.certify.title')}>
      <BackToCertification />
      <Text>{t('certification.certify.intro')}</Text>
      {issued.length > 0 && (
        <Alert color="teal" variant="light" title={t('certification.certify.done', { count: issued.length })} role="status">
          <List>
            {issued.map((certificate) => (
              <List.Item key={certificate.id}>
                <AnchorLink to="/certificates/$id" params={{ id: certificate.id }}>
                  {t('certification.certify.issuedFor', {
                    unit: certificate.unitName,
                    date: formatDate(certificate.validUntil),
                  })}
                </AnchorLink>
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
      <ErrorAlert error={processes.error} />
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <Stack>
          <Paper withBorder p="md" component="fieldset" style={{ minWidth: 0 }}>
            <Stack gap="sm">
              <Title order={2} size="h3" component="legend" style={{ float: 'left', width: '100%', padding: 0 }}>
                {t('certification.certify.openProcesses')}
              </Title>
              {processes.data && items.length === 0 && <Text>{t('certification.certify.noneOpen')}</Text>}
              {readyIds.length > 0 && (
                <Group gap="xs">
                  <Button size="xs" variant="outline" onClick={() => setChosen(readyIds)}>
                    {t('certification.certify.chooseReady', { count: readyIds.length })}
                  </Button>
                  <Button size="xs" variant="subtle" onClick={() => setChosen([])}>
                    {t('certification.certify.chooseNone')}
                  </Button>
                </Group>
              )}
              <Checkbox.Group
                value={stillOpen}
                onChange={(value) => {
                  setChosen(value);
                  setNothingChosen(false);
                }}
                error={nothingChosen ? t('certification.certify.chooseOne') : undefined}
                aria-label={t('certification.certify.openProcesses')}
              >
                <Stack gap="sm" mt="xs">
                  {items.map((process) => (
                    <ProcessChoice key={process.id} process={process} />
                  ))}
                </Stack>
              </Checkbox.Group>
            </Stack>
          </Paper>
          <DateField
            label={t('certification.certifiedOn')}
            required
            value={certifiedOn}
            onChange={(value) => setCertifiedOn(typeof value === 'string' ? value : null)}
            maxDate={todayInStockholm()}
            maw={320}
          />
          <CertifyError error={certify.error} items={items} sent={sent} />
          <Group>
            <Button type="submit" loading={certify.isPending}>
              {t('certification.certify.submit', { count: stillOpen.length })}
            </Button>
          </Group>
        </Stack>
      </form>
    </Page>
  );
}

function ProcessChoice({ process }: { process: ProcessListItem }) {
  const { t } = useTranslation();
  const readiness = process.readiness;
  return (
    <Stack gap={6}>
      <Checkbox
        value={process.id}
        label={`${process.unitName}, ${process.administrationName}`}
        description={
          readiness
            ? `${process.schemeName}. ${t('certification.checklist.summary', { met: readiness.met, total: readiness.total })}`
            : process.schemeName
        }
      />
      <Group gap="sm" wrap="wrap" pl={32}>
        {readiness && (
          <Badge color={readiness.ready ? 'teal.9' : 'gray.8'} variant="filled">
            {readiness.ready ? t('certification.checklist.ready') : t('certification.checklist.notReady')}
          </Badge>
        )}
        <AnchorLink to="/certification/processes/$id" params={{ id: process.id }} size="sm">
          {t('certification.certify.showChecklist')}
          <VisuallyHidden> {process.unitName}</VisuallyHidden>
        </AnchorLink>
      </Group>
    </Stack>
  );
}

/** The server says which of the chosen units could not be certified, and why; none was. */
function CertifyError({ error, items, sent }: { error: unknown; items: ProcessListItem[]; sent: string[] }) {
  const { t } = useTranslation();
  if (!error) return null;
  if (!(error instanceof ApiError) || error.details.length === 0) return <ErrorAlert error={error} />;
  return (
    <Alert color="red" variant="light" title={t('common.error')} role="alert">
      <Text mb="xs">{t('certification.certify.noneCertified')}</Text>
      <List>
        {error.details.map((detail) => {
          const index = Number(detail.path.split('.').pop());
          const process = items.find((item) => item.id === sent[index]);
          return (
            <List.Item key={detail.path}>
              {process ? `${process.unitName}: ` : ''}
              {detail.message}
            </List.Item>
          );
        })}
      </List>
    </Alert>
  );
}
