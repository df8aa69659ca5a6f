import { useState } from 'react';
import { Button, Checkbox, Group, NativeSelect, NumberInput, SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import {
  actionBody,
  actionStatuses,
  goalBody,
  indicatorBody,
  indicatorDirections,
  indicatorMeasures,
  indicatorSources,
  type ActionStatus,
  type IndicatorDirection,
  type IndicatorMeasure,
  type IndicatorSource,
  type Plan,
  type PlanAction,
  type PlanGoal,
  type PlanIndicator,
} from '#shared/contracts/plans';
import { applyServerErrors, zodValidate } from '../../components/forms';
import { ErrorAlert } from '../../components/Page';
import { notifyDone } from '../../components/notify';
import { FormDialog } from '../../components/FormDialog';
import { DateField } from '../organisation/EmployeeForm';
import { UserSelect } from '../organisation/Selects';
import { useMunicipalGoals, useSaveAction, useSaveGoal, useSaveIndicator } from './api';

function FormButtons({ onClose, submitting, editing }: { onClose: () => void; submitting: boolean; editing: boolean }) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={onClose}>
        {t('common.cancel')}
      </Button>
      <Button type="submit" loading={submitting}>
        {editing ? t('common.save') : t('common.create')}
      </Button>
    </Group>
  );
}

type GoalValues = { title: string; description: string; servesGoalId: string };

/** Add a goal to a draft, or change one; a plan of an administration or a unit may serve a municipal goal. */
export function GoalForm(props: { plan: Plan; goal?: PlanGoal; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <FormDialog
      size="lg"
      opened={props.opened}
      onClose={props.onClose}
      title={props.goal ? t('plans.goals.editTitle', { goal: props.goal.title }) : t('plans.goals.add')}
    >
      <GoalFormBody {...props} />
    </FormDialog>
  );
}

function GoalFormBody({ plan, goal, onClose }: { plan: Plan; goal?: PlanGoal; onClose: () => void }) {
  const { t } = useTranslation();
  const save = useSaveGoal(plan.id);
  const servesMunicipal = plan.scope !== 'municipality';
  const municipal = useMunicipalGoals(servesMunicipal);
  const [error, setError] = useState<string | null>(null);
  const toBody = (values: GoalValues) => ({
    title: values.title,
    description: values.description,
    servesGoalId: values.servesGoalId || null,
  });
  const form = useForm<GoalValues>({
    initialValues: { title: goal?.title ?? '', description: goal?.description ?? '', servesGoalId: goal?.servesGoalId ?? '' },
    validate: (values) => zodValidate(goalBody)(toBody(values)),
  });
  const submit = form.onSubmit(async (values) => {
    setError(null);
    try {
      await save.mutateAsync({ goalId: goal?.id, body: toBody(values) });
      notifyDone(t('common.saved'), values.title);
      onClose();
    } catch (caught) {
      setError(applyServerErrors(form, caught));
    }
  });
  const options = (municipal.data?.items ?? []).map((g) => ({ value: g.id, label: `${g.title} (${g.planName})` }));
  if (goal?.servesGoalId && !options.some((o) => o.value === goal.servesGoalId))
    options.unshift({ value: goal.servesGoalId, label: goal.servesGoalName ?? goal.servesGoalId });
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <ErrorAlert error={error ?? municipal.error} />
        <TextInput label={t('plans.goals.goalTitle')} required data-autofocus {...form.getInputProps('title')} />
        <Textarea label={t('plans.description')} autosize minRows={3} {...form.getInputProps('description')} />
        {servesMunicipal && (
          <NativeSelect
            label={t('plans.goals.serves')}
            description={t('plans.goals.servesHelp')}
            data={[{ value: '', label: t('plans.goals.servesNone') }, ...options]}
            {...form.getInputProps('servesGoalId')}
          />
        )}
        <FormButtons onClose={onClose} submitting={form.submitting} editing={!!goal} />
      </Stack>
    </form>
  );
}

type ActionValues = {
  title: string;
  description: string;
  responsibleUserId: string | null;
  startDate: string | null;
  dueDate: string | null;
  status: ActionStatus;
};

/** Add an action to a goal of a draft, or change one: what, who is responsible, when, and where it stands. */
export function ActionForm(props: { goal: PlanGoal; action?: PlanAction; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <FormDialog
      size="lg"
      opened={props.opened}
      onClose={props.onClose}
      title={
        props.action
          ? t('plans.actions.editTitle', { action: props.action.title })
          : t('plans.actions.addTitle', { goal: props.goal.title })
      }
    >
      <ActionFormBody {...props} />
    </FormDialog>
  );
}

function ActionFormBody({ goal, action, onClose }: { goal: PlanGoal; action?: PlanAction; onClose: () => void }) {
  const { t } = useTranslation();
  const save = useSaveAction(goal.id);
  const [error, setError] = useState<string | null>(null);
  const toBody = (values: ActionValues) => ({
    ...values,
    startDate: values.startDate || null,
    dueDate: values.dueDate || null,
  });
  const form = useForm<ActionValues>({
    initialValues: {
      title: action?.title ?? '',
      description: action?.description ?? '',
      responsibleUserId: action?.responsibleUserId ?? null,
      startDate: action?.startDate ?? null,
      dueDate: action?.dueDate ?? null,
      status: action?.status ?? 'not_started',
    },
    validate: (values) => zodValidate(actionBody)(toBody(values)),
  });
  const submit = form.onSubmit(async (values) => {
    setError(null);
    try {
      await save.mutateAsync({ actionId: action?.id, body: toBody(values) });
      notifyDone(t('common.saved'), values.title);
      onClose();
    } catch (caught) {
      setError(applyServerErrors(form, caught));
    }
  });
  const clear = (label: string) => ({ 'aria-label': t('organisation.clearChoice', { label }) });
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <ErrorAlert error={error} />
        <TextInput label={t('plans.actions.actionTitle')} required data-autofocus {...form.getInputProps('title')} />
        <Textarea label={t('plans.description')} autosize minRows={2} {...form.getInputProps('description')} />
        <UserSelect
          label={t('plans.actions.responsible')}
          current={action?.responsibleUserId ? { value: action.responsibleUserId, label: action.responsibleName ?? '' } : null}
          {...form.getInputProps('responsibleUserId')}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <DateField
            label={t('plans.actions.startDate')}
            clearable
            clearButtonProps={clear(t('plans.actions.startDate'))}
            {...form.getInputProps('startDate')}
          />
          <DateField
            label={t('plans.actions.dueDate')}
            clearable
            clearButtonProps={clear(t('plans.actions.dueDate'))}
            minDate={form.getValues().startDate ?? undefined}
            {...form.getInputProps('dueDate')}
          />
        </SimpleGrid>
        <NativeSelect
          label={t('plans.actions.status')}
          data={actionStatuses.map((s) => ({ value: s, label: t(`plans.actionStatus.${s}`) }))}
          {...form.getInputProps('status')}
        />
        <FormButtons onClose={onClose} submitting={form.submitting} editing={!!action} />
      </Stack>
    </form>
  );
}

type IndicatorValues = {
  name: string;
  description: string;
  measure: IndicatorMeasure;
  direction: IndicatorDirection;
  target: number | string;
  aboutPeople: boolean;
  source: IndicatorSource;
};

/** Add an indicator to a goal of a draft, or change one; one about people is followed up by gender. */
export function IndicatorForm(props: { goal: PlanGoal; indicator?: PlanIndicator; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <FormDialog
      size="lg"
      opened={props.opened}
      onClose={props.onClose}
      title={
        props.indicator
          ? t('plans.indicators.editTitle', { indicator: props.indicator.name })
          : t('plans.indicators.addTitle', { goal: props.goal.title })
      }
    >
      <IndicatorFormBody {...props} />
    </FormDialog>
  );
}

function IndicatorFormBody({ goal, indicator, onClose }: { goal: PlanGoal; indicator?: PlanIndicator; onClose: () => void }) {
  const { t } = useTranslation();
  const save = useSaveIndicator(goal.id);
  const [error, setError] = useState<string | null>(null);
  const toBody = (values: IndicatorValues) => ({
    ...values,
    target: values.target === '' || values.target === null ? null : Number(values.target),
  });
  const form = useForm<IndicatorValues>({
    initialValues: {
      name: indicator?.name ?? '',
      description: indicator?.description ?? '',
      measure: indicator?.measure ?? 'percent',
      direction: indicator?.direction ?? 'higher',
      target: indicator?.target ?? '',
      aboutPeople: indicator?.aboutPeople ?? false,
      source: indicator?.source ?? 'manual',
    },
    validate: (values) => zodValidate(indicatorBody)(toBody(values)),
  });
  const submit = form.onSubmit(async (values) => {
    setError(null);
    try {
      await save.mutateAsync({ indicatorId: indicator?.id, body: toBody(values) });
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
        <TextInput label={t('plans.indicators.name')} required data-autofocus {...form.getInputProps('name')} />
        <Textarea label={t('plans.description')} autosize minRows={2} {...form.getInputProps('description')} />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <NativeSelect
            label={t('plans.indicators.measure')}
            data={indicatorMeasures.map((m) => ({ value: m, label: t(`plans.measure.${m}`) }))}
            {...form.getInputProps('measure')}
          />
          <NativeSelect
            label={t('plans.indicators.direction')}
            data={indicatorDirections.map((d) => ({ value: d, label: t(`plans.direction.${d}`) }))}
            {...form.getInputProps('direction')}
          />
          <NumberInput label={t('plans.indicators.target')} decimalScale={2} {...form.getInputProps('target')} />
        </SimpleGrid>
        <NativeSelect
          label={t('plans.indicators.source')}
          description={t('plans.indicators.sourceHelp')}
          data={indicatorSources.map((s) => ({ value: s, label: t(`plans.source.${s}`) }))}
          {...form.getInputProps('source')}
        />
        <Checkbox
          label={t('plans.indicators.aboutPeople')}
          description={t('plans.indicators.aboutPeopleHelp')}
          {...form.getInputProps('aboutPeople', { type: 'checkbox' })}
        />
        <FormButtons onClose={onClose} submitting={form.submitting} editing={!!indicator} />
      </Stack>
    </form>
  );
}
