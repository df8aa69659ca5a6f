import { useState } from 'react';
import { Alert, Box, Button, Group, Loader, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { getRouteApi } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { minutesToHours } from '#shared/contracts/courses';
import { useCan } from '../../api/session';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Page } from '../../components/Page';
import { formatDate, formatDateTime, formatNumber } from '../../components/format';
import { notifyDone } from '../../components/notify';
import { Facts, RecordError } from '../organisation/parts';
import { useCancelSession, useSession } from './api';
import { SessionsForm } from './SessionsForm';
import { sessionName, SessionStatusBadge, useSessionDates } from './SessionsPage';
import { AnchorLink } from '../../components/links';

const routeApi = getRouteApi('/app/training-sessions/$id');

export function SessionDetailPage() {
  const { t } = useTranslation();
  const { id } = routeApi.useParams();
  const can = useCan();
  const query = useSession(id);
  const dates = useSessionDates();
  const cancel = useCancelSession();
  const [editOpened, edit] = useDisclosure(false);
  const [cancelOpened, cancelDialog] = useDisclosure(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const s = query.data;
  const mayChange = !!s && s.status === 'planned' && can('update', 'training_session');

  const confirmCancel = async () => {
    if (!s) return;
    if (!reason.trim()) {
      setReasonError(t('trainingSessions.reasonRequired'));
      return;
    }
    try {
      await cancel.mutateAsync({ id: s.id, reason: reason.trim() });
      cancelDialog.close();
      notifyDone(t('trainingSessions.cancelledTitle'), t('trainingSessions.cancelledMessage'));
    } catch {
      // Shown in the dialog (cancel.error).
    }
  };

  return (
    <Page
      title={s ? sessionName(s) : t('trainingSessions.one')}
      actions={
        mayChange && (
          <>
            <Button onClick={edit.open}>{t('trainingSessions.edit')}</Button>
            <Button
              variant="outline"
              color="red.9"
              onClick={() => {
                setReason('');
                setReasonError(null);
                cancel.reset();
                cancelDialog.open();
              }}
            >
              {t('trainingSessions.cancel')}
            </Button>
          </>
        )
      }
    >
      <AnchorLink to="/training-sessions" size="sm">
        <span aria-hidden="true">← </span>
        {t('trainingSessions.title')}
      </AnchorLink>
      {query.isPending && <Loader size="sm" aria-label={t('common.loading')} />}
      <RecordError error={query.error} />
      {s && (
        <>
          {s.status === 'cancelled' && (
            <Alert color="red" variant="light" title={t('trainingSessions.cancelledTitle')}>
              <Text size="sm">{s.cancelReason}</Text>
            </Alert>
          )}
          <Facts
            items={[
              { label: t('trainingSessions.course'), value: s.courseName },
              { label: t('trainingSessions.sessionTitle'), value: s.title },
              { label: t('trainingSessions.status'), value: <SessionStatusBadge status={s.status} /> },
              { label: t('trainingSessions.dates'), value: dates(s) },
              {
                label: t('trainingSessions.totalHours'),
                value: t('trainingSessions.hoursValue', { hours: formatNumber(minutesToHours(s.totalMinutes)) }),
              },
              { label: t('trainingSessions.capacity'), value: formatNumber(s.capacity) },
              { label: t('trainingSessions.enrolled'), value: formatNumber(s.enrolledCount) },
              { label: t('trainingSessions.waiting'), value: formatNumber(s.waitingCount) },
              {
                label: t('trainingSessions.trainers'),
                value: s.trainers.length > 0 ? s.trainers.map((tr) => tr.name).join(', ') : t('trainingSessions.noTrainers'),
              },
              {
                label: t('trainingSessions.eligibility'),
                value:
                  s.eligibility === 'everyone'
                    ? t('trainingSessions.eligibilities.everyone')
                    : [...s.eligibleAdministrations, ...s.eligibleUnits].map((x) => x.name).join(', '),
              },
              { label: t('common.updatedAt'), value: formatDateTime(s.updatedAt) },
            ]}
          />

          <Stack gap="sm" component="section" aria-labelledby="session-parts">
            <Title order={2} size="h3" id="session-parts">
              {t('trainingSessions.parts')}
            </Title>
            {/* A wide table scrolls inside itself, never the page (a focusable region, for keyboards). */}
            <Box style={{ overflowX: 'auto' }} tabIndex={0} role="region" aria-labelledby="session-parts">
              <Table striped withTableBorder aria-labelledby="session-parts">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('trainingSessions.parts')}</Table.Th>
                    <Table.Th scope="col">{t('trainingSessions.partDate')}</Table.Th>
                    <Table.Th scope="col">{t('trainingSessions.time')}</Table.Th>
                    <Table.Th scope="col">{t('trainingSessions.place')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {s.parts.map((p) => (
                    <Table.Tr key={p.id}>
                      <Table.Td>{p.position}</Table.Td>
                      <Table.Td>{formatDate(p.date)}</Table.Td>
                      <Table.Td>{t('trainingSessions.timeRange', { start: p.startTime, end: p.endTime })}</Table.Td>
                      <Table.Td>{p.place ?? '–'}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Box>
          </Stack>

          <Stack gap="sm" component="section" aria-labelledby="session-links">
            <Title order={2} size="h3" id="session-links">
              {t('trainingSessions.links')}
            </Title>
            <Group gap="lg">
              {/* The participants' and attendance pages are the enrolments feature's. */}
              <AnchorLink to="/training-sessions/$id/participants" params={{ id: s.id }}>
                {t('trainingSessions.participants')}
              </AnchorLink>
              <AnchorLink to="/training-sessions/$id/attendance" params={{ id: s.id }}>
                {t('trainingSessions.attendance')}
              </AnchorLink>
            </Group>
          </Stack>

          <SessionsForm session={s} opened={editOpened} onClose={edit.close} />
          <ConfirmDialog
            opened={cancelOpened}
            onClose={cancelDialog.close}
            title={t('trainingSessions.cancelTitle', { name: sessionName(s) })}
            confirmLabel={t('trainingSessions.cancel')}
            danger
            loading={cancel.isPending}
            error={cancel.error}
            onConfirm={confirmCancel}
          >
            <Stack>
              <Text>{t('trainingSessions.cancelBody')}</Text>
              <Textarea
                label={t('trainingSessions.cancelReason')}
                description={t('trainingSessions.cancelReasonHelp')}
                required
                autosize
                minRows={2}
                value={reason}
                error={reasonError}
                onChange={(event) => {
                  setReason(event.currentTarget.value);
                  setReasonError(null);
                }}
              />
            </Stack>
          </ConfirmDialog>
        </>
      )}
    </Page>
  );
}
