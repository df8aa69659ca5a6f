import { useState } from 'react';
import { Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { Certificate } from '#shared/contracts/certification';
import { useCan } from '../../api/session';
import { FormDialog } from '../../components/FormDialog';
import { ErrorAlert, Page } from '../../components/Page';
import { RequirePermission } from '../../components/RequirePermission';
import { formatDate, formatDateTime } from '../../components/format';
import { notifyDone } from '../../components/notify';
import { Facts, RecordError } from '../organisation/parts';
import { DataGrid } from '../coverage/parts';
import { certificatePdfUrl, useCertificate, useCertificates, useProcesses, useRevoke } from './api';
import { OpenProcessDialog } from './OpenProcessDialog';
import { BackToCertification, CertificateStatusBadge, useCriterionValueText } from './parts';
import { AnchorLink, ButtonLink } from '../../components/links';

export function CertificatePage() {
  const { t } = useTranslation();
  return (
    <RequirePermission action="read" entity="certificate" title={t('certification.certificate.title')}>
      <CertificateDetail />
    </RequirePermission>
  );
}

function CertificateDetail() {
  const { t } = useTranslation();
  const { id } = useParams({ from: '/app/certificates/$id' });
  const query = useCertificate(id);
  const can = useCan();
  const [revoking, setRevoking] = useState(false);
  const [renewing, setRenewing] = useState(false);
  const certificate = query.data;
  const mayRenew = can('create', 'certification');
  const openProcesses = useProcesses({ unitId: certificate?.unitId, status: 'open' }, certificate !== undefined && mayRenew);

  if (!certificate) {
    return (
      <Page title={t('certification.certificate.title')}>
        <BackToCertification />
        <RecordError error={query.error} />
      </Page>
    );
  }

  const openProcess = openProcesses.data?.items[0];
  return (
    <Page
      title={t('certification.certificate.titleOf', { unit: certificate.unitName })}
      actions={
        <>
          <Button component="a" href={certificatePdfUrl(certificate.id)} variant="default">
            {t('certification.certificate.pdf')}
          </Button>
          {mayRenew &&
            certificate.status !== 'revoked' &&
            openProcesses.data &&
            (openProcess ? (
              <ButtonLink to="/certification/processes/$id" params={{ id: openProcess.id }} variant="default">
                {t('certification.certificate.showRenewal')}
              </ButtonLink>
            ) : (
              <Button variant="default" onClick={() => setRenewing(true)}>
                {t('certification.renew')}
              </Button>
            ))}
          {certificate.status === 'valid' && can('update', 'certificate') && (
            <Button variant="default" color="red.9" onClick={() => setRevoking(true)}>
              {t('certification.certificate.revoke')}
            </Button>
          )}
        </>
      }
    >
      <BackToCertification />
      <Paper withBorder p="md">
        <Facts
          items={[
            {
              label: t('certification.unit'),
              value: (
                <AnchorLink to="/units/$id" params={{ id: certificate.unitId }}>
                  {certificate.unitName}
                </AnchorLink>
              ),
            },
            { label: t('certification.administration'), value: certificate.administrationName },
            { label: t('certification.scheme'), value: certificate.schemeName },
            { label: t('certification.certificate.issuer'), value: certificate.issuer },
            { label: t('certification.status'), value: <CertificateStatusBadge status={certificate.status} /> },
            { label: t('certification.certifiedOn'), value: formatDate(certificate.certifiedOn) },
            { label: t('certification.validUntil'), value: formatDate(certificate.validUntil) },
            { label: t('certification.certificate.code'), value: <code>{certificate.code}</code> },
            { label: t('certification.certificate.certifiedBy'), value: certificate.certifiedByName },
            {
              label: t('certification.certificate.process'),
              value: (
                <AnchorLink to="/certification/processes/$id" params={{ id: certificate.processId }}>
                  {t('certification.certificate.showProcess')}
                </AnchorLink>
              ),
            },
            ...(certificate.revokedAt
              ? [
                  { label: t('certification.certificate.revokedAt'), value: formatDateTime(certificate.revokedAt) },
                  { label: t('certification.certificate.revokedReason'), value: certificate.revokedReason },
                ]
              : []),
          ]}
        />
      </Paper>
      <Snapshot certificate={certificate} />
      <History certificate={certificate} />
      <RevokeDialog certificate={certificate} opened={revoking} onClose={() => setRevoking(false)} />
      <OpenProcessDialog
        unit={renewing ? { unitId: certificate.unitId, unitName: certificate.unitName } : null}
        onClose={() => setRenewing(false)}
      />
    </Page>
  );
}

/** The criteria as they stood on the day the unit was certified: what the certificate rests on. */
function Snapshot({ certificate }: { certificate: Certificate }) {
  const { t } = useTranslation();
  const valueText = useCriterionValueText();
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="certificate-snapshot">
      <Stack gap="sm">
        <Title order={2} size="h3" id="certificate-snapshot">
          {t('certification.certificate.snapshot')}
        </Title>
        <Text size="sm">{t('certification.certificate.snapshotIntro', { date: formatDate(certificate.certifiedOn) })}</Text>
        <DataGrid
          caption={t('certification.certificate.snapshot')}
          head={[t('certification.certificate.criterion'), t('certification.certificate.value')]}
          rows={certificate.snapshot.map((item) => [
            item.label,
            item.kind === 'confirmed' ? `${t('certification.checklist.evidence')}: ${item.evidence ?? '–'}` : valueText(item),
          ])}
        />
      </Stack>
    </Paper>
  );
}

/** Every certificate the unit has held, newest first: renewals, lapses and revocations at a glance. */
function History({ certificate }: { certificate: Certificate }) {
  const { t } = useTranslation();
  const certificates = useCertificates(certificate.unitId);
  const items = certificates.data?.items ?? [];
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="certificate-history">
      <Stack gap="sm">
        <Title order={2} size="h3" id="certificate-history">
          {t('certification.certificate.history', { unit: certificate.unitName })}
        </Title>
        <ErrorAlert error={certificates.error} />
        {items.length > 0 && (
          <DataGrid
            caption={t('certification.certificate.history', { unit: certificate.unitName })}
            head={[
              t('certification.scheme'),
              t('certification.certifiedOn'),
              t('certification.validUntil'),
              t('certification.status'),
            ]}
            rows={items.map((item) => [
              item.id === certificate.id ? (
                <Text span fw={700} key="scheme">
                  {item.schemeName} ({t('certification.certificate.thisOne')})
                </Text>
              ) : (
                <AnchorLink to="/certificates/$id" params={{ id: item.id }} key="scheme">
                  {item.schemeName}
                </AnchorLink>
              ),
              formatDate(item.certifiedOn),
              formatDate(item.validUntil),
              <CertificateStatusBadge status={item.status} key="status" />,
            ])}
          />
        )}
      </Stack>
    </Paper>
  );
}

function RevokeDialog({ certificate, opened, onClose }: { certificate: Certificate; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      title={t('certification.certificate.revokeTitle', { unit: certificate.unitName })}
    >
      <RevokeForm certificate={certificate} onClose={onClose} />
    </FormDialog>
  );
}

function RevokeForm({ certificate, onClose }: { certificate: Certificate; onClose: () => void }) {
  const { t } = useTranslation();
  const revoke = useRevoke(certificate.id);
  const [reason, setReason] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  return (
    <form
      noValidate
      onSubmit={async (event) => {
        event.preventDefault();
        if (!reason.trim()) {
          setFieldError(t('certification.certificate.reasonRequired'));
          return;
        }
        const done = await revoke.mutateAsync(reason.trim()).catch(() => null);
        if (!done) return;
        onClose();
        notifyDone(t('certification.certificate.revoked'), certificate.unitName);
      }}
    >
      <Stack>
        <Text>{t('certification.certificate.revokeText')}</Text>
        <ErrorAlert error={revoke.error} />
        <Textarea
          label={t('certification.certificate.revokedReason')}
          required
          data-autofocus
          autosize
          minRows={3}
          maxLength={2000}
          value={reason}
          error={fieldError}
          onChange={(event) => {
            setReason(event.currentTarget.value);
            setFieldError(null);
          }}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" color="red.9" loading={revoke.isPending}>
            {t('certification.certificate.revoke')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
