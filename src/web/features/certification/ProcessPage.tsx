import { useEffect, useState } from 'react';
import { Badge, Button, Group, List, Paper, Progress, Stack, Text, Textarea, Title } from '@mantine/core';
import { useNavigate, useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { CertificationProcess, ChecklistItem } from '#shared/contracts/certification';
import { type EvidenceFile } from '#shared/contracts/certification-evidence';
import { useCan } from '../../api/session';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { DocumentFiles } from '../../components/DocumentFiles';
import { FormDialog } from '../../components/FormDialog';
import { ErrorAlert, Page } from '../../components/Page';
import { RequirePermission } from '../../components/RequirePermission';
import { formatDate, formatDateTime, todayInStockholm } from '../../components/format';
import { notifyDone } from '../../components/notify';
import { Facts, RecordError } from '../organisation/parts';
import { EmployeeMultiSelect } from '../organisation/Selects';
import { DateField } from '../organisation/EmployeeForm';
import { evidenceFileUrl, useCertify, useEvidence, useEvidenceChanges, useProcess, useProcessChanges } from './api';
import { BackToCertification, ProcessStatusBadge, useCriterionValueText } from './parts';
import { AnchorLink } from '../../components/links';

export function ProcessPage() {
  const { t } = useTranslation();
  return (
    <RequirePermission action="read" entity="certification" title={t('certification.process.title')}>
      <ProcessDetail />
    </RequirePermission>
  );
}

function ProcessDetail() {
  const { t } = useTranslation();
  const { id } = useParams({ from: '/app/certification/processes/$id' });
  const query = useProcess(id);
  const can = useCan();
  const changes = useProcessChanges(id);
  const [certifying, setCertifying] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const process = query.data;

  if (!process) {
    return (
      <Page title={t('certification.process.title')}>
        <BackToCertification />
        <RecordError error={query.error} />
      </Page>
    );
  }

  const open = process.status === 'open';
  const mayChange = open && can('update', 'certification');
  const metCount = process.checklist.filter((item) => item.met).length;
  return (
    <Page
      title={t('certification.process.titleOf', { unit: process.unitName })}
      actions={
        <>
          {open && can('create', 'certificate') && (
            <Button onClick={() => setCertifying(true)} disabled={!process.ready}>
              {t('certification.process.certify')}
            </Button>
          )}
          {mayChange && (
            <Button variant="default" color="red.9" onClick={() => setCancelling(true)}>
              {t('certification.process.cancel')}
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
                <AnchorLink to="/units/$id" params={{ id: process.unitId }}>
                  {process.unitName}
                </AnchorLink>
              ),
            },
            { label: t('certification.administration'), value: process.administrationName },
            { label: t('certification.scheme'), value: process.schemeName },
            { label: t('certification.status'), value: <ProcessStatusBadge status={process.status} /> },
            {
              label: t('certification.process.opened'),
              value: process.openedByName
                ? t('certification.process.openedBy', { date: formatDateTime(process.openedAt), name: process.openedByName })
                : formatDateTime(process.openedAt),
            },
            {
              label: t('certification.process.renewalOf'),
              value: process.renewalOfCertificateId ? (
                <AnchorLink to="/certificates/$id" params={{ id: process.renewalOfCertificateId }}>
                  {t('certification.process.previousCertificate')}
                </AnchorLink>
              ) : (
                t('certification.process.firstCertification')
              ),
            },
            ...(process.certificateId
              ? [
                  {
                    label: t('certification.process.certificate'),
                    value: (
                      <AnchorLink to="/certificates/$id" params={{ id: process.certificateId }}>
                        {t('certification.process.showCertificate')}
                      </AnchorLink>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Paper>
      <ErrorAlert error={changes.cancel.error} />
      <Checklist process={process} metCount={metCount} mayChange={mayChange} />
      <WorkingGroup process={process} mayChange={mayChange} />
      <CertifyDialog process={process} opened={certifying} onClose={() => setCertifying(false)} />
      <ConfirmDialog
        opened={cancelling}
        title={t('certification.process.cancelTitle')}
        confirmLabel={t('certification.process.cancel')}
        danger
        onClose={() => setCancelling(false)}
        onConfirm={async () => {
          await changes.cancel.mutateAsync();
          notifyDone(t('certification.process.cancelled'), process.unitName);
        }}
      >
        {t('certification.process.cancelText', { unit: process.unitName })}
      </ConfirmDialog>
    </Page>
  );
}

function Checklist({ process, metCount, mayChange }: { process: CertificationProcess; metCount: number; mayChange: boolean }) {
  const { t } = useTranslation();
  const total = process.checklist.length;
  const percent = total === 0 ? 0 : Math.round((metCount / total) * 100);
  const summary = t('certification.checklist.summary', { met: metCount, total });
  const evidence = useEvidence(process.id);
  const files = evidence.data?.items ?? [];
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="process-checklist">
      <Stack gap="md">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Title order={2} size="h3" id="process-checklist">
            {t('certification.checklist.title')}
          </Title>
          {process.status === 'open' && (
            <Badge color={process.ready ? 'teal.9' : 'gray.8'} variant="filled">
              {process.ready ? t('certification.checklist.ready') : t('certification.checklist.notReady')}
            </Badge>
          )}
        </Group>
        <Text size="sm">{t('certification.checklist.asOf', { date: formatDate(process.asOf) })}</Text>
        <Progress.Root size="lg" aria-hidden="true">
          <Progress.Section value={percent} color={process.ready ? 'teal.8' : 'indigo.8'} />
        </Progress.Root>
        <div
          role="meter"
          aria-label={t('certification.checklist.title')}
          aria-valuemin={0}
          aria-valuemax={total}
          aria-valuenow={metCount}
          aria-valuetext={summary}
        >
          <Text fw={500}>{summary}</Text>
        </div>
        <Stack gap="sm" component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {process.checklist.map((item) => (
            <li key={item.id}>
              <ChecklistEntry
                processId={process.id}
                item={item}
                mayChange={mayChange}
                files={files.filter((file) => file.criterionId === item.id)}
              />
            </li>
          ))}
        </Stack>
      </Stack>
    </Paper>
  );
}

function ChecklistEntry({
  processId,
  item,
  mayChange,
  files,
}: {
  processId: string;
  item: ChecklistItem;
  mayChange: boolean;
  files: EvidenceFile[];
}) {
  const { t } = useTranslation();
  const valueText = useCriterionValueText();
  const changes = useProcessChanges(processId);
  const [confirming, setConfirming] = useState(false);
  const [takingBack, setTakingBack] = useState(false);
  return (
    <Paper withBorder p="sm" radius="sm">
      <Stack gap={6}>
        <Group justify="space-between" wrap="wrap" gap="xs" align="flex-start">
          <Text fw={700} component="h3" size="md" m={0}>
            {item.label}
          </Text>
          <Badge color={item.met ? 'teal.9' : 'red.9'} variant="filled">
            {item.met ? t('certification.checklist.met') : t('certification.checklist.notMet')}
          </Badge>
        </Group>
        {item.description && <Text size="sm">{item.description}</Text>}
        {item.kind === 'confirmed' ? (
          item.confirmation ? (
            <>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                <strong>{t('certification.checklist.evidence')}:</strong> {item.confirmation.evidence}
              </Text>
              <Text size="sm">
                {t('certification.checklist.confirmedBy', {
                  name: item.confirmation.confirmedByName ?? t('certification.checklist.someone'),
                  date: formatDateTime(item.confirmation.confirmedAt),
                })}
              </Text>
            </>
          ) : (
            <Text size="sm">{t('certification.checklist.awaitingConfirmation')}</Text>
          )
        ) : (
          <Text size="sm">
            {item.courseName && `${item.courseName}: `}
            {valueText(item)}
          </Text>
        )}
        {item.kind === 'confirmed' && <EvidenceFiles processId={processId} item={item} files={files} mayChange={mayChange} />}
        {mayChange && item.kind === 'confirmed' && (
          <Group gap="xs">
            <Button
              size="xs"
              variant="outline"
              onClick={() => setConfirming(true)}
              aria-label={t(
                item.confirmation ? 'certification.checklist.changeEvidenceFor' : 'certification.checklist.confirmFor',
                { criterion: item.label },
              )}
            >
              {item.confirmation ? t('certification.checklist.changeEvidence') : t('certification.checklist.confirm')}
            </Button>
            {item.confirmation && (
              <Button
                size="xs"
                variant="default"
                color="red.9"
                onClick={() => setTakingBack(true)}
                aria-label={t('certification.checklist.takeBackFor', { criterion: item.label })}
              >
                {t('certification.checklist.takeBack')}
              </Button>
            )}
          </Group>
        )}
      </Stack>
      <ConfirmCriterionDialog processId={processId} item={item} opened={confirming} onClose={() => setConfirming(false)} />
      <ConfirmDialog
        opened={takingBack}
        title={t('certification.checklist.takeBackTitle')}
        confirmLabel={t('certification.checklist.takeBack')}
        danger
        onClose={() => setTakingBack(false)}
        onConfirm={() => changes.unconfirm.mutateAsync(item.id)}
      >
        {t('certification.checklist.takeBackText', { criterion: item.label })}
      </ConfirmDialog>
    </Paper>
  );
}

/** The files that show a confirmed criterion is met: downloadable by all who see the process; attached and removed while it is open. */
function EvidenceFiles({
  processId,
  item,
  files,
  mayChange,
}: {
  processId: string;
  item: ChecklistItem;
  files: EvidenceFile[];
  mayChange: boolean;
}) {
  const { t } = useTranslation();
  const { attach, remove } = useEvidenceChanges(processId);
  return (
    <DocumentFiles
      files={files}
      hrefOf={(file) => evidenceFileUrl(processId, file.id)}
      attach={
        mayChange
          ? {
              name: t('certification.evidence.attachFor', { criterion: item.label }),
              pending: attach.isPending,
              error: attach.error,
              onFile: (file) => attach.mutate({ criterionId: item.id, file }),
            }
          : undefined
      }
      mayRemove={() => mayChange}
      onRemove={(file) => remove.mutateAsync(file.id)}
    />
  );
}

/** Confirming a criterion needs evidence: what shows that it is met (a decision, minutes, a plan). */
function ConfirmCriterionDialog(props: { processId: string; item: ChecklistItem; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <FormDialog
      opened={props.opened}
      onClose={props.onClose}
      title={t('certification.checklist.confirmTitle', { criterion: props.item.label })}
    >
      <ConfirmCriterionForm {...props} />
    </FormDialog>
  );
}

function ConfirmCriterionForm(props: { processId: string; item: ChecklistItem; onClose: () => void }) {
  const { t } = useTranslation();
  const { confirm } = useProcessChanges(props.processId);
  const [evidence, setEvidence] = useState(props.item.confirmation?.evidence ?? '');
  const [fieldError, setFieldError] = useState<string | null>(null);
  return (
    <form
      noValidate
      onSubmit={async (event) => {
        event.preventDefault();
        if (!evidence.trim()) {
          setFieldError(t('certification.checklist.evidenceRequired'));
          return;
        }
        const done = await confirm.mutateAsync({ criterionId: props.item.id, evidence: evidence.trim() }).catch(() => null);
        if (done) props.onClose();
      }}
    >
      <Stack>
        {props.item.description && <Text size="sm">{props.item.description}</Text>}
        <ErrorAlert error={confirm.error} />
        <Textarea
          label={t('certification.checklist.evidence')}
          description={t('certification.checklist.evidenceHelp')}
          required
          data-autofocus
          autosize
          minRows={3}
          maxLength={4000}
          value={evidence}
          error={fieldError}
          onChange={(event) => {
            setEvidence(event.currentTarget.value);
            setFieldError(null);
          }}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={confirm.isPending}>
            {t('certification.checklist.confirm')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function WorkingGroup({ process, mayChange }: { process: CertificationProcess; mayChange: boolean }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="process-group">
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Title order={2} size="h3" id="process-group">
            {t('certification.group.title')}
          </Title>
          {mayChange && (
            <Button size="xs" variant="outline" onClick={() => setEditing(true)}>
              {t('certification.group.edit')}
            </Button>
          )}
        </Group>
        <Text size="sm">{t('certification.group.intro')}</Text>
        {process.group.length === 0 ? (
          <Text>{t('certification.group.empty')}</Text>
        ) : (
          <List>
            {process.group.map((member) => (
              <List.Item key={member.employeeId}>
                <AnchorLink to="/employees/$id" params={{ id: member.employeeId }}>
                  {member.name}
                </AnchorLink>
                {member.title && `, ${member.title}`}
                {!member.current && ` (${t('certification.group.leftUnit')})`}
              </List.Item>
            ))}
          </List>
        )}
      </Stack>
      <GroupDialog process={process} opened={editing} onClose={() => setEditing(false)} />
    </Paper>
  );
}

function GroupDialog({ process, opened, onClose }: { process: CertificationProcess; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      size="lg"
      title={t('certification.group.editTitle', { unit: process.unitName })}
    >
      <GroupForm process={process} onClose={onClose} />
    </FormDialog>
  );
}

/** Starts from the saved group each time the dialog opens. */
function GroupForm({ process, onClose }: { process: CertificationProcess; onClose: () => void }) {
  const { t } = useTranslation();
  const { setGroup } = useProcessChanges(process.id);
  const [employeeIds, setEmployeeIds] = useState(process.group.map((member) => member.employeeId));
  return (
    <form
      noValidate
      onSubmit={async (event) => {
        event.preventDefault();
        const done = await setGroup.mutateAsync(employeeIds).catch(() => null);
        if (done) onClose();
      }}
    >
      <Stack>
        <ErrorAlert error={setGroup.error} />
        <EmployeeMultiSelect
          label={t('certification.group.members')}
          description={t('certification.group.membersHelp')}
          unitId={process.unitId}
          value={employeeIds}
          onChange={setEmployeeIds}
          current={process.group.map((member) => ({ value: member.employeeId, label: member.name }))}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={setGroup.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Certifies this one unit; several at once are certified from the certify page. */
function CertifyDialog({ process, opened, onClose }: { process: CertificationProcess; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const certify = useCertify();
  const navigate = useNavigate();
  const [certifiedOn, setCertifiedOn] = useState<string | null>(null);
  useEffect(() => {
    if (opened) {
      setCertifiedOn(todayInStockholm());
      certify.reset();
    }
    // Start from today each time the dialog opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [opened]);
  const submit = async () => {
    const result = await certify
      .mutateAsync({ processIds: [process.id], certifiedOn: certifiedOn ?? undefined })
      .catch(() => null);
    const certificate = result?.items[0];
    if (!certificate) return;
    onClose();
    notifyDone(t('certification.process.certified'), process.unitName);
    await navigate({ to: '/certificates/$id', params: { id: certificate.id } });
  };
  return (
    <ConfirmDialog
      opened={opened}
      title={t('certification.process.certifyTitle', { unit: process.unitName })}
      confirmLabel={t('certification.process.certify')}
      loading={certify.isPending}
      error={certify.error}
      onClose={onClose}
      onConfirm={() => void submit()}
    >
      <Stack>
        <Text>{t('certification.process.certifyText', { unit: process.unitName, scheme: process.schemeName })}</Text>
        <DateField
          label={t('certification.certifiedOn')}
          required
          value={certifiedOn}
          onChange={(value) => setCertifiedOn(typeof value === 'string' ? value : null)}
          maxDate={todayInStockholm()}
        />
      </Stack>
    </ConfirmDialog>
  );
}
