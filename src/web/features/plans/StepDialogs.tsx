import { useState } from 'react';
import { Button, Group, NumberInput, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { adoptPlanBody, copyPlanBody, revisePlanBody, type Plan } from '#shared/contracts/plans';
import { applyServerErrors, zodValidate } from '../../components/forms';
import { ErrorAlert } from '../../components/Page';
import { notifyDone } from '../../components/notify';
import { FormDialog } from '../../components/FormDialog';
import { todayInStockholm } from '../../components/format';
import { DateField } from '../organisation/EmployeeForm';
import { usePlanSteps } from './api';
import { periodOf } from './parts';

type DialogProps = { plan: Plan; opened: boolean; onClose: () => void };

function Buttons({ onClose, label, submitting }: { onClose: () => void; label: string; submitting: boolean }) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={onClose}>
        {t('common.cancel')}
      </Button>
      <Button type="submit" loading={submitting}>
        {label}
      </Button>
    </Group>
  );
}

/** Adopting locks the plan: the date and the body that adopted it (kommunfullmäktige, the unit manager). */
export function AdoptDialog(props: DialogProps) {
  const { t } = useTranslation();
  return (
    <FormDialog opened={props.opened} onClose={props.onClose} title={t('plans.adopt.title', { name: props.plan.name })}>
      <AdoptBody {...props} />
    </FormDialog>
  );
}

function AdoptBody({ plan, onClose }: DialogProps) {
  const { t } = useTranslation();
  const { adopt } = usePlanSteps(plan.id);
  const [error, setError] = useState<string | null>(null);
  const form = useForm<{ adoptedOn: string | null; adoptedBy: string }>({
    initialValues: { adoptedOn: todayInStockholm(), adoptedBy: '' },
    validate: (values) => zodValidate(adoptPlanBody)({ ...values, adoptedOn: values.adoptedOn ?? '' }),
  });
  const submit = form.onSubmit(async (values) => {
    setError(null);
    try {
      await adopt.mutateAsync({ adoptedOn: values.adoptedOn ?? '', adoptedBy: values.adoptedBy });
      notifyDone(t('plans.adopt.done'), plan.name);
      onClose();
    } catch (caught) {
      setError(applyServerErrors(form, caught));
    }
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text>{t('plans.adopt.text')}</Text>
        <ErrorAlert error={error} />
        <DateField label={t('plans.adopt.adoptedOn')} required {...form.getInputProps('adoptedOn')} />
        <TextInput
          label={t('plans.adopt.adoptedBy')}
          description={t('plans.adopt.adoptedByHelp')}
          required
          data-autofocus
          {...form.getInputProps('adoptedBy')}
        />
        <Buttons onClose={onClose} label={t('plans.adopt.action')} submitting={form.submitting} />
      </Stack>
    </form>
  );
}

/** Revising an adopted plan makes a new draft version; the adopted one stays in force until the new one is adopted. */
export function ReviseDialog(props: DialogProps) {
  const { t } = useTranslation();
  return (
    <FormDialog opened={props.opened} onClose={props.onClose} title={t('plans.revise.title', { name: props.plan.name })}>
      <ReviseBody {...props} />
    </FormDialog>
  );
}

function ReviseBody({ plan, onClose }: DialogProps) {
  const { t } = useTranslation();
  const { revise } = usePlanSteps(plan.id);
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const form = useForm<{ changeNote: string }>({
    initialValues: { changeNote: '' },
    validate: zodValidate(revisePlanBody),
  });
  const submit = form.onSubmit(async (values) => {
    setError(null);
    try {
      const draft = await revise.mutateAsync(values);
      notifyDone(t('plans.revise.done'), t('plans.versionOf', { version: draft.version }));
      onClose();
      await navigate({ to: '/plans/$id', params: { id: draft.id } });
    } catch (caught) {
      setError(applyServerErrors(form, caught));
    }
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text>{t('plans.revise.text', { version: plan.version + 1 })}</Text>
        <ErrorAlert error={error} />
        <Textarea
          label={t('plans.revise.changeNote')}
          description={t('plans.revise.changeNoteHelp')}
          autosize
          minRows={3}
          data-autofocus
          {...form.getInputProps('changeNote')}
        />
        <Buttons onClose={onClose} label={t('plans.revise.action')} submitting={form.submitting} />
      </Stack>
    </form>
  );
}

/** Copying starts the next plan: a new draft with the goals, actions (not started) and indicators. */
export function CopyDialog(props: DialogProps) {
  const { t } = useTranslation();
  return (
    <FormDialog opened={props.opened} onClose={props.onClose} title={t('plans.copy.title', { name: props.plan.name })}>
      <CopyBody {...props} />
    </FormDialog>
  );
}

function CopyBody({ plan, onClose }: DialogProps) {
  const { t } = useTranslation();
  const { copy } = usePlanSteps(plan.id);
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const length = plan.endYear - plan.startYear;
  const form = useForm<{ name: string; startYear: number | string; endYear: number | string }>({
    initialValues: { name: plan.name, startYear: plan.endYear + 1, endYear: plan.endYear + 1 + length },
    validate: (values) => zodValidate(copyPlanBody)(toBody(values)),
  });
  const submit = form.onSubmit(async (values) => {
    setError(null);
    try {
      const copied = await copy.mutateAsync(toBody(values));
      notifyDone(t('plans.copy.done'), `${copied.name} ${periodOf(copied)}`);
      onClose();
      await navigate({ to: '/plans/$id', params: { id: copied.id } });
    } catch (caught) {
      setError(applyServerErrors(form, caught));
    }
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text>{t('plans.copy.text')}</Text>
        <ErrorAlert error={error} />
        <TextInput label={t('plans.name')} required data-autofocus {...form.getInputProps('name')} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NumberInput
            label={t('plans.form.startYear')}
            required
            min={2000}
            max={2100}
            allowDecimal={false}
            {...form.getInputProps('startYear')}
          />
          <NumberInput
            label={t('plans.form.endYear')}
            required
            min={2000}
            max={2100}
            allowDecimal={false}
            {...form.getInputProps('endYear')}
          />
        </SimpleGrid>
        <Buttons onClose={onClose} label={t('plans.copy.action')} submitting={form.submitting} />
      </Stack>
    </form>
  );
}

function toBody(values: { name: string; startYear: number | string; endYear: number | string }) {
  const year = (v: number | string) => (v === '' ? Number.NaN : Number(v));
  return { name: values.name, startYear: year(values.startYear), endYear: year(values.endYear) };
}
