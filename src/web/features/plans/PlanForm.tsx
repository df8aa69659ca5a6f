import { useState } from 'react';
import { Button, Checkbox, Group, NativeSelect, NumberInput, SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { createPlanBody, planAreas, updatePlanBody, type Plan, type PlanArea, type PlanScope } from '#shared/contracts/plans';
import { useMe } from '../../api/session';
import { applyServerErrors, zodValidate } from '../../components/forms';
import { ErrorAlert } from '../../components/Page';
import { notifyDone } from '../../components/notify';
import { FormDialog } from '../../components/FormDialog';
import { AdministrationSelect, UnitSelect } from '../organisation/Selects';
import { useSavePlan } from './api';

type Values = {
  scope: PlanScope;
  administrationId: string | null;
  unitId: string | null;
  area: PlanArea;
  name: string;
  description: string;
  startYear: number | string;
  endYear: number | string;
  isPublic: boolean;
};

const yearOf = (value: number | string) => (value === '' ? Number.NaN : Number(value));

/**
 * Whose plans the signed-in person may write: administrators every plan; a process leader their
 * administration's and its units'; a unit manager their units'. The server decides in the end.
 */
export function useWritableScopes() {
  const { data: me } = useMe();
  const roles = me?.roles ?? [];
  const isAdministrator = roles.some((r) => r.role === 'administrator');
  const ledAdministrations = roles
    .filter((r) => r.role === 'process_leader' && r.administrationId)
    .map((r) => r.administrationId!);
  const managedUnits = roles
    .filter((r) => r.role === 'unit_manager' && r.unitId)
    .map((r) => ({ value: r.unitId!, label: r.unitName ?? r.unitId! }));
  const scopes: PlanScope[] = [
    ...(isAdministrator ? (['municipality'] as const) : []),
    ...(isAdministrator || ledAdministrations.length > 0 ? (['administration'] as const) : []),
    ...(isAdministrator || ledAdministrations.length > 0 || managedUnits.length > 0 ? (['unit'] as const) : []),
  ];
  return { isAdministrator, ledAdministrations, managedUnits, scopes };
}

/** Create a plan (a draft, version 1) or change a draft's fields; its scope never changes. */
export function PlanForm(props: { plan?: Plan; opened: boolean; onClose: () => void; onSaved?: (saved: Plan) => void }) {
  const { t } = useTranslation();
  return (
    <FormDialog opened={props.opened} onClose={props.onClose} size="lg" title={props.plan ? t('plans.edit') : t('plans.create')}>
      <PlanFormBody {...props} />
    </FormDialog>
  );
}

function PlanFormBody({ plan, onClose, onSaved }: { plan?: Plan; onClose: () => void; onSaved?: (saved: Plan) => void }) {
  const { t } = useTranslation();
  const save = useSavePlan();
  const writable = useWritableScopes();
  const [error, setError] = useState<string | null>(null);
  const thisYear = new Date().getFullYear();
  const initialScope: PlanScope = plan?.scope ?? writable.scopes[0] ?? 'unit';
  const form = useForm<Values>({
    initialValues: {
      scope: initialScope,
      administrationId:
        plan?.administrationId ?? (writable.ledAdministrations.length === 1 ? writable.ledAdministrations[0]! : null),
      unitId: plan?.unitId ?? (writable.managedUnits.length === 1 ? writable.managedUnits[0]!.value : null),
      area: plan?.area ?? 'both',
      name: plan?.name ?? '',
      description: plan?.description ?? '',
      startYear: plan?.startYear ?? thisYear,
      endYear: plan?.endYear ?? thisYear + 2,
      isPublic: plan?.isPublic ?? false,
    },
    validate: (values) => {
      if (plan) return zodValidate(updatePlanBody)(editBody(values));
      const errors = zodValidate(createPlanBody)(createBody(values));
      // The contract's keys for a missing owner, in words that say what to choose.
      if (errors.administrationId) errors.administrationId = t('plans.form.chooseAdministration');
      if (errors.unitId) errors.unitId = t('plans.form.chooseUnit');
      return errors;
    },
  });

  const submit = form.onSubmit(async (values) => {
    setError(null);
    try {
      const saved = await save.mutateAsync({ planId: plan?.id, body: plan ? editBody(values) : createBody(values) });
      notifyDone(t('common.saved'), saved.name);
      onClose();
      onSaved?.(saved);
    } catch (caught) {
      setError(applyServerErrors(form, caught));
    }
  });

  const values = form.getValues();
  const leaderAdministration = writable.ledAdministrations[0] ?? null;
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <ErrorAlert error={error} />
        {!plan && (
          <>
            <NativeSelect
              label={t('plans.form.scope')}
              data={writable.scopes.map((s) => ({ value: s, label: t(`plans.scope.${s}`) }))}
              {...form.getInputProps('scope')}
            />
            {values.scope === 'administration' && (
              <AdministrationSelect
                label={t('plans.form.administration')}
                required
                allowed={writable.isAdministrator ? undefined : (id) => writable.ledAdministrations.includes(id)}
                {...form.getInputProps('administrationId')}
              />
            )}
            {values.scope === 'unit' &&
              (writable.isAdministrator || leaderAdministration ? (
                <UnitSelect
                  label={t('plans.form.unit')}
                  required
                  administrationId={writable.isAdministrator ? undefined : leaderAdministration}
                  {...form.getInputProps('unitId')}
                />
              ) : (
                <NativeSelect
                  label={t('plans.form.unit')}
                  required
                  data={[{ value: '', label: '–' }, ...writable.managedUnits]}
                  {...form.getInputProps('unitId')}
                  value={values.unitId ?? ''}
                  onChange={(event) => form.setFieldValue('unitId', event.currentTarget.value || null)}
                />
              ))}
          </>
        )}
        <TextInput label={t('plans.name')} required data-autofocus {...form.getInputProps('name')} />
        <NativeSelect
          label={t('plans.area.title')}
          data={planAreas.map((a) => ({ value: a, label: t(`plans.area.${a}`) }))}
          {...form.getInputProps('area')}
        />
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
        <Textarea label={t('plans.description')} autosize minRows={3} {...form.getInputProps('description')} />
        <Checkbox
          label={t('plans.form.isPublic')}
          description={t('plans.form.isPublicHelp')}
          {...form.getInputProps('isPublic', { type: 'checkbox' })}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={form.submitting}>
            {plan ? t('common.save') : t('common.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function editBody(values: Values) {
  return {
    area: values.area,
    name: values.name,
    description: values.description,
    startYear: yearOf(values.startYear),
    endYear: yearOf(values.endYear),
    isPublic: values.isPublic,
  };
}

function createBody(values: Values) {
  return {
    ...editBody(values),
    scope: values.scope,
    administrationId: values.scope === 'administration' ? values.administrationId : null,
    unitId: values.scope === 'unit' ? values.unitId : null,
  };
}
