import { useState } from 'react';
import { Alert, Button, Group, NumberInput, Stack, Table, Text, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import {
  headcountBody,
  headcountNoteMax,
  occurrenceChangeBody,
  type Activity,
  type OccurrenceWithHeadcount,
} from '#shared/contracts/activities';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { FormDialog } from '../../components/FormDialog';
import { ErrorAlert, Page } from '../../components/Page';
import { RequirePermission } from '../../components/RequirePermission';
import { formatDate, formatNumber, todayInStockholm } from '../../components/format';
import { applyServerErrors, zodValidate } from '../../components/forms';
import { notifyDone } from '../../components/notify';
import { DateField } from '../organisation/EmployeeForm';
import { ActivityForm } from './ActivityForm';
import { useActivity, useActivitySteps, useOccurrences } from './api';
import { BreakList, OccurrenceStatus, useScheduleText } from './parts';
import { AnchorLink } from '../../components/links';

const routeApi = getRouteApi('/app/activities/$id');

const shift = (iso: string, days: number) => {
  const date = new Date(`${iso}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
};

export function ActivityPage() {
  const { t } = useTranslation();
  return (
    <RequirePermission action="read" entity="activity" title={t('activities.title')}>
      <ActivityDetail />
    </RequirePermission>
  );
}

type Dialog = { kind: 'record' | 'cancel' | 'move'; occurrence: OccurrenceWithHeadcount } | { kind: 'edit' | 'delete' } | null;

function ActivityDetail() {
  const { t } = useTranslation();
  const { id } = routeApi.useParams();
  const activity = useActivity(id);
  const [dialog, setDialog] = useState<Dialog>(null);
  const navigate = useNavigate();
  const steps = useActivitySteps();
  const scheduleText = useScheduleText();
  const a = activity.data;
  if (!a) return <ErrorAlert error={activity.error} />;
  const close = () => setDialog(null);
  return (
    <Page
      title={a.name}
      actions={
        a.can.edit && (
          <Group gap="xs">
            <Button variant="default" onClick={() => setDialog({ kind: 'edit' })}>
              {t('activities.edit')}
            </Button>
            <Button variant="default" color="red.9" onClick={() => setDialog({ kind: 'delete' })}>
              {t('activities.delete')}
            </Button>
          </Group>
        )
      }
    >
      {a.description && <Text>{a.description}</Text>}
      <Text>
        {scheduleText(a)}, {a.place}
      </Text>
      <BreakList breaks={a.breaks} />
      <Text size="sm">
        {t('activities.hosts')}: {a.hosts.length > 0 ? a.hosts.map((h) => h.name).join(', ') : t('activities.noHosts')}
      </Text>
      <Occurrences activity={a} onAction={(kind, occurrence) => setDialog({ kind, occurrence })} />
      <Group gap="md">
        <AnchorLink to="/activities/statistics" search={{ activityId: a.id }}>
          {t('activities.statistics.title')}
        </AnchorLink>
      </Group>
      <ActivityForm activity={a} opened={dialog?.kind === 'edit'} onClose={close} />
      {dialog?.kind === 'delete' && (
        <ConfirmDialog
          opened
          danger
          title={t('activities.deleteTitle', { name: a.name })}
          confirmLabel={t('activities.delete')}
          onConfirm={async () => {
            await steps.remove.mutateAsync(a.id);
            notifyDone(t('activities.deleted'), a.name);
            await navigate({ to: '/activities' });
          }}
          onClose={close}
        >
          {t('activities.deleteText')}
        </ConfirmDialog>
      )}
      {dialog?.kind === 'record' && <RecordDialog activity={a} occurrence={dialog.occurrence} onClose={close} />}
      {(dialog?.kind === 'cancel' || dialog?.kind === 'move') && (
        <ChangeDialog kind={dialog.kind} activity={a} occurrence={dialog.occurrence} onClose={close} />
      )}
    </Page>
  );
}

function Occurrences({
  activity,
  onAction,
}: {
  activity: Activity;
  onAction: (kind: 'record' | 'cancel' | 'move', occurrence: OccurrenceWithHeadcount) => void;
}) {
  const { t } = useTranslation();
  const today = todayInStockholm();
  const [range, setRange] = useState({ from: shift(today, -56), to: shift(today, 28) });
  const query = useOccurrences(activity.id, range);
  const { restore } = useActivitySteps();
  const move = (days: number) => setRange({ from: shift(range.from, days), to: shift(range.to, days) });
  const caption = t('activities.occurrencesRange', { from: formatDate(range.from), to: formatDate(range.to) });
  const items = query.data?.items ?? [];
  return (
    <Stack gap="sm">
      <Group gap="xs">
        <Button variant="default" size="xs" onClick={() => move(-56)}>
          {t('activities.earlier')}
        </Button>
        <Button variant="default" size="xs" onClick={() => move(56)}>
          {t('activities.later')}
        </Button>
      </Group>
      <ErrorAlert error={query.error ?? restore.error} />
      <div role="region" aria-label={caption} tabIndex={0} style={{ overflowX: 'auto', maxWidth: '100%' }}>
        <Table striped withTableBorder captionSide="top" fz="sm" miw={560}>
          <Table.Caption style={{ textAlign: 'left' }}>{caption}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('activities.date')}</Table.Th>
              <Table.Th scope="col">{t('activities.time')}</Table.Th>
              <Table.Th scope="col">{t('activities.status')}</Table.Th>
              <Table.Th scope="col">{t('activities.visitors')}</Table.Th>
              <Table.Th scope="col">{t('common.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {query.isSuccess && items.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={5}>{t('activities.noOccurrences')}</Table.Td>
              </Table.Tr>
            )}
            {items.map((o) => {
              const date = formatDate(o.date);
              return (
                <Table.Tr key={o.scheduledDate}>
                  <Table.Th scope="row" fw={500}>
                    {date}
                  </Table.Th>
                  <Table.Td>
                    {o.startTime}–{o.endTime}
                    {o.place !== activity.place && <Text size="xs">{o.place}</Text>}
                  </Table.Td>
                  <Table.Td>
                    <OccurrenceStatus occurrence={o} />
                  </Table.Td>
                  <Table.Td>
                    {o.headcount ? (
                      <>
                        {formatNumber(o.headcount.visitors)}
                        {o.headcount.firstTimeVisitors !== null && (
                          <Text size="xs">
                            {t('activities.firstTimeVisitors')}: {formatNumber(o.headcount.firstTimeVisitors)}
                          </Text>
                        )}
                        {o.headcount.note && <Text size="xs">{o.headcount.note}</Text>}
                      </>
                    ) : o.held ? (
                      t('activities.notRecorded')
                    ) : (
                      ''
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      {activity.can.recordHeadcounts && o.held && (
                        <Button
                          size="xs"
                          variant={o.headcount ? 'default' : 'filled'}
                          onClick={() => onAction('record', o)}
                          aria-label={
                            o.headcount ? t('activities.changeRecordFor', { date }) : t('activities.recordFor', { date })
                          }
                        >
                          {o.headcount ? t('activities.changeRecord') : t('activities.record')}
                        </Button>
                      )}
                      {activity.can.edit && o.status !== 'scheduled' && (
                        <Button
                          size="xs"
                          variant="default"
                          loading={restore.isPending}
                          aria-label={t('activities.restoreFor', { date })}
                          onClick={async () => {
                            await restore.mutateAsync({ activityId: activity.id, date: o.scheduledDate });
                            notifyDone(t('activities.restored'), date);
                          }}
                        >
                          {t('activities.restore')}
                        </Button>
                      )}
                      {activity.can.edit && o.status !== 'cancelled' && !o.headcount && (
                        <>
                          <Button
                            size="xs"
                            variant="default"
                            aria-label={t('activities.moveFor', { date })}
                            onClick={() => onAction('move', o)}
                          >
                            {t('activities.move')}
                          </Button>
                          <Button
                            size="xs"
                            variant="default"
                            color="red.9"
                            aria-label={t('activities.cancelFor', { date })}
                            onClick={() => onAction('cancel', o)}
                          >
                            {t('activities.cancel')}
                          </Button>
                        </>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </div>
    </Stack>
  );
}

type RecordValues = { visitors: number | string; firstTimeVisitors: number | string; note: string };
const numberOrNull = (v: number | string) => (typeof v === 'number' ? v : v.trim() === '' ? null : Number.NaN);

/** A host records the number of visitors: numbers and a short note, and the form says never to write who came. */
function RecordDialog({
  activity,
  occurrence,
  onClose,
}: {
  activity: Activity;
  occurrence: OccurrenceWithHeadcount;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { record } = useActivitySteps();
  const [error, setError] = useState<string | null>(null);
  const toBody = (v: RecordValues) => ({
    visitors: typeof v.visitors === 'number' ? v.visitors : Number.NaN,
    firstTimeVisitors: numberOrNull(v.firstTimeVisitors),
    note: v.note,
  });
  const form = useForm<RecordValues>({
    initialValues: {
      visitors: occurrence.headcount?.visitors ?? '',
      firstTimeVisitors: occurrence.headcount?.firstTimeVisitors ?? '',
      note: occurrence.headcount?.note ?? '',
    },
    validate: (values) => zodValidate(headcountBody)(toBody(values)),
  });
  const date = formatDate(occurrence.date);
  const submit = form.onSubmit(async (values) => {
    setError(null);
    try {
      await record.mutateAsync({ activityId: activity.id, date: occurrence.scheduledDate, body: toBody(values) });
      notifyDone(t('activities.recorded'), `${activity.name} ${date}`);
      onClose();
    } catch (caught) {
      setError(applyServerErrors(form, caught));
    }
  });
  return (
    <FormDialog opened onClose={onClose} title={t('activities.recordTitle', { date })}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Alert color="indigo" variant="light">
            {t('activities.privacy')}
          </Alert>
          <ErrorAlert error={error} />
          <NumberInput
            label={t('activities.visitors')}
            description={t('activities.visitorsHelp')}
            required
            min={0}
            max={10000}
            allowDecimal={false}
            allowNegative={false}
            data-autofocus
            {...form.getInputProps('visitors')}
          />
          <NumberInput
            label={t('activities.firstTimeVisitors')}
            description={t('activities.firstTimeHelp')}
            min={0}
            max={10000}
            allowDecimal={false}
            allowNegative={false}
            {...form.getInputProps('firstTimeVisitors')}
          />
          <Textarea
            label={t('activities.note')}
            description={t('activities.noteHelp')}
            maxLength={headcountNoteMax}
            autosize
            minRows={2}
            {...form.getInputProps('note')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={form.submitting}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </FormDialog>
  );
}

type ChangeValues = { reason: string; date: string | null; startTime: string; endTime: string; place: string };

/** The administrator cancels an occurrence (the reason is shown publicly) or moves it. */
function ChangeDialog({
  kind,
  activity,
  occurrence,
  onClose,
}: {
  kind: 'cancel' | 'move';
  activity: Activity;
  occurrence: OccurrenceWithHeadcount;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { change } = useActivitySteps();
  const [error, setError] = useState<string | null>(null);
  const toBody = (v: ChangeValues) =>
    kind === 'cancel'
      ? { kind: 'cancelled' as const, reason: v.reason }
      : {
          kind: 'moved' as const,
          date: v.date ?? '',
          startTime: v.startTime.trim(),
          endTime: v.endTime.trim(),
          place: v.place,
          reason: v.reason,
        };
  const form = useForm<ChangeValues>({
    initialValues: {
      reason: occurrence.reason ?? '',
      date: occurrence.date,
      startTime: occurrence.startTime,
      endTime: occurrence.endTime,
      place: occurrence.place,
    },
    validate: (values) => zodValidate(occurrenceChangeBody)(toBody(values)),
  });
  const date = formatDate(occurrence.scheduledDate);
  const submit = form.onSubmit(async (values) => {
    setError(null);
    try {
      await change.mutateAsync({ activityId: activity.id, date: occurrence.scheduledDate, body: toBody(values) });
      notifyDone(kind === 'cancel' ? t('activities.cancelled') : t('activities.moved'), `${activity.name} ${date}`);
      onClose();
    } catch (caught) {
      setError(applyServerErrors(form, caught));
    }
  });
  return (
    <FormDialog
      opened
      onClose={onClose}
      title={kind === 'cancel' ? t('activities.cancelTitle', { date }) : t('activities.moveTitle', { date })}
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          <ErrorAlert error={error} />
          {kind === 'move' && (
            <>
              <DateField label={t('activities.newDate')} required data-autofocus {...form.getInputProps('date')} />
              <Group grow align="flex-start">
                <TextInput label={t('activities.startTime')} required {...form.getInputProps('startTime')} />
                <TextInput label={t('activities.endTime')} required {...form.getInputProps('endTime')} />
              </Group>
              <TextInput label={t('activities.place')} required {...form.getInputProps('place')} />
            </>
          )}
          <TextInput
            label={kind === 'cancel' ? t('activities.reason') : t('activities.reasonOptional')}
            required={kind === 'cancel'}
            data-autofocus={kind === 'cancel' || undefined}
            {...form.getInputProps('reason')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color={kind === 'cancel' ? 'red.9' : undefined} loading={form.submitting}>
              {kind === 'cancel' ? t('activities.cancel') : t('activities.move')}
            </Button>
          </Group>
        </Stack>
      </form>
    </FormDialog>
  );
}
