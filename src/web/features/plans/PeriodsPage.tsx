import { useState } from 'react';
import { Button, Group, NativeSelect, NumberInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { getRouteApi } from '@tanstack/react-router';
import { DataTable } from 'mantine-datatable';
import { useTranslation } from 'react-i18next';
import { createPeriodBody, updatePeriodBody, type FollowUpPeriod } from '#shared/contracts/plan-follow-up';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { FormDialog } from '../../components/FormDialog';
import { ErrorAlert, Page } from '../../components/Page';
import { RequirePermission } from '../../components/RequirePermission';
import { useDataTableTexts } from '../../components/dataTable';
import { formatDate, formatNumber, todayInStockholm } from '../../components/format';
import { applyServerErrors, zodValidate } from '../../components/forms';
import { notifyDone } from '../../components/notify';
import { useCanOn } from '../organisation/api';
import { wideOnly } from '../organisation/ListTable';
import { DateField } from '../organisation/EmployeeForm';
import { usePeriods, usePeriodSteps } from './follow-up-api';
import { AnchorLink } from '../../components/links';

const routeApi = getRouteApi('/app/plans/periods');

/** The follow-up periods of a year: everyone who reads plans sees them; the administrator sets them. */
export function PeriodsPage() {
  const { t } = useTranslation();
  return (
    <RequirePermission action="read" entity="action_plan" title={t('followUp.title')}>
      <Periods />
    </RequirePermission>
  );
}

export const thisYear = () => Number(todayInStockholm().slice(0, 4));

type Dialog = { kind: 'create' } | { kind: 'edit' | 'delete'; period: FollowUpPeriod } | null;

function Periods() {
  const { t } = useTranslation();
  const search = routeApi.useSearch();
  const navigate = routeApi.useNavigate();
  const year = search.year ?? thisYear();
  const query = usePeriods(year);
  const steps = usePeriodSteps();
  // Periods are written with access 'any' only: the administrator's.
  const mayWrite = useCanOn()('create', 'action_plan');
  const texts = useDataTableTexts();
  const [dialog, setDialog] = useState<Dialog>(null);
  const close = () => setDialog(null);
  const periods = query.data?.items ?? [];
  // A few years around this one, and the year asked for when it lies further off.
  const years = [...new Set([...Array.from({ length: 7 }, (_, i) => thisYear() - 4 + i), year])].sort((a, b) => a - b);

  const createDefaults = async () => {
    await steps.defaults.mutateAsync(year);
    notifyDone(t('followUp.defaultsDone'), String(year));
  };

  return (
    <Page
      title={t('followUp.title')}
      actions={mayWrite && <Button onClick={() => setDialog({ kind: 'create' })}>{t('followUp.create')}</Button>}
    >
      <Text>{t('followUp.intro')}</Text>
      <NativeSelect
        label={t('followUp.year')}
        maw={200}
        value={String(year)}
        onChange={(event) => navigate({ search: { year: Number(event.currentTarget.value) }, replace: true })}
        data={years.map((y) => String(y))}
      />
      <ErrorAlert error={query.error ?? steps.defaults.error} />
      <DataTable<FollowUpPeriod>
        aria-label={t('followUp.periods', { year })}
        withTableBorder
        borderRadius="sm"
        minHeight={periods.length === 0 ? 120 : undefined}
        records={periods}
        fetching={query.isFetching}
        {...texts}
        noRecordsText={t('followUp.noPeriods')}
        emptyState={
          <Text size="sm" c="var(--mantine-color-text)">
            {t('followUp.noPeriods')}
          </Text>
        }
        columns={[
          {
            accessor: 'name',
            title: t('followUp.name'),
            render: (p) => (
              <AnchorLink to="/plans/periods/$id" params={{ id: p.id }} aria-label={t('followUp.statusFor', { name: p.name })}>
                {p.name}
              </AnchorLink>
            ),
          },
          {
            accessor: 'startsOn',
            title: t('plans.period'),
            visibleMediaQuery: wideOnly,
            render: (p) => t('followUp.dates', { from: formatDate(p.startsOn), to: formatDate(p.endsOn) }),
          },
          { accessor: 'deadline', title: t('followUp.deadline'), render: (p) => formatDate(p.deadline) },
          {
            accessor: 'reminderDaysBefore',
            title: t('followUp.reminderDaysBefore'),
            visibleMediaQuery: wideOnly,
            render: (p) => formatNumber(p.reminderDaysBefore),
          },
          { accessor: 'reportCount', title: t('followUp.reportCount'), render: (p) => formatNumber(p.reportCount) },
          ...(mayWrite
            ? [
                {
                  accessor: 'id',
                  title: t('common.actions'),
                  render: (p: FollowUpPeriod) => (
                    <Group gap="xs" wrap="nowrap">
                      <Button
                        size="xs"
                        variant="default"
                        onClick={() => setDialog({ kind: 'edit', period: p })}
                        aria-label={t('followUp.editFor', { name: p.name })}
                      >
                        {t('common.edit')}
                      </Button>
                      {p.reportCount === 0 && (
                        <Button
                          size="xs"
                          variant="default"
                          color="red.9"
                          onClick={() => setDialog({ kind: 'delete', period: p })}
                          aria-label={t('followUp.deleteFor', { name: p.name })}
                        >
                          {t('plans.remove.action')}
                        </Button>
                      )}
                    </Group>
                  ),
                },
              ]
            : []),
        ]}
      />
      {mayWrite && query.isSuccess && periods.length === 0 && (
        <Group>
          <Button onClick={createDefaults} loading={steps.defaults.isPending}>
            {t('followUp.createDefaults')}
          </Button>
        </Group>
      )}
      <PeriodForm
        year={year}
        period={dialog?.kind === 'edit' ? dialog.period : undefined}
        opened={dialog?.kind === 'create' || dialog?.kind === 'edit'}
        onClose={close}
      />
      {dialog?.kind === 'delete' && (
        <ConfirmDialog
          opened
          danger
          title={t('followUp.deleteTitle', { name: dialog.period.name })}
          confirmLabel={t('followUp.deleteAction')}
          onConfirm={async () => {
            await steps.remove.mutateAsync(dialog.period.id);
            notifyDone(t('followUp.deleted'), dialog.period.name);
          }}
          onClose={close}
        >
          {t('followUp.deleteText', { name: dialog.period.name })}
        </ConfirmDialog>
      )}
    </Page>
  );
}

type PeriodValues = {
  name: string;
  startsOn: string | null;
  endsOn: string | null;
  deadline: string | null;
  reminderDaysBefore: number | string;
};

function PeriodForm(props: { year: number; period?: FollowUpPeriod; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <FormDialog
      opened={props.opened}
      onClose={props.onClose}
      title={props.period ? t('followUp.editTitle', { name: props.period.name }) : t('followUp.create')}
    >
      <PeriodFormBody {...props} />
    </FormDialog>
  );
}

function PeriodFormBody({ year, period, onClose }: { year: number; period?: FollowUpPeriod; onClose: () => void }) {
  const { t } = useTranslation();
  const { save } = usePeriodSteps();
  const [error, setError] = useState<string | null>(null);
  const toBody = (v: PeriodValues) => ({
    ...(period ? {} : { year }),
    name: v.name,
    startsOn: v.startsOn ?? '',
    endsOn: v.endsOn ?? '',
    deadline: v.deadline ?? '',
    reminderDaysBefore: typeof v.reminderDaysBefore === 'number' ? v.reminderDaysBefore : Number.NaN,
  });
  const form = useForm<PeriodValues>({
    initialValues: {
      name: period?.name ?? '',
      startsOn: period?.startsOn ?? `${year}-01-01`,
      endsOn: period?.endsOn ?? null,
      deadline: period?.deadline ?? null,
      reminderDaysBefore: period?.reminderDaysBefore ?? 14,
    },
    validate: (values) => zodValidate(period ? updatePeriodBody : createPeriodBody)(toBody(values)),
  });
  const submit = form.onSubmit(async (values) => {
    setError(null);
    try {
      await save.mutateAsync({ periodId: period?.id, body: toBody(values) });
      notifyDone(t('common.saved'), values.name);
      onClose();
    } catch (caught) {
      setError(applyServerErrors(form, caught));
    }
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <ErrorAlert error={error} />
        <TextInput label={t('followUp.name')} required data-autofocus {...form.getInputProps('name')} />
        <DateField label={t('followUp.startsOn')} required {...form.getInputProps('startsOn')} />
        <DateField label={t('followUp.endsOn')} required {...form.getInputProps('endsOn')} />
        <DateField label={t('followUp.deadline')} required {...form.getInputProps('deadline')} />
        <NumberInput
          label={t('followUp.reminderDaysBefore')}
          description={t('followUp.reminderDaysBeforeHelp')}
          min={0}
          max={90}
          allowDecimal={false}
          {...form.getInputProps('reminderDaysBefore')}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={form.submitting}>
            {period ? t('common.save') : t('common.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
