import { useState } from 'react';
import { Button, Group, Modal, Radio, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import {
  employeeBody,
  genders,
  updateEmployeeBody,
  type EmployeeDetail,
  type Gender,
  type UpdateEmployeeBody,
} from '#shared/contracts/organisation';
import { applyServerErrors, zodValidate } from '../../components/forms';
import { ErrorAlert } from '../../components/Page';
import { todayInStockholm } from '../../components/format';
import { useSaveEmployee } from './api';
import { notifySaved, useFullScreenDialog } from './parts';
import { UnitSelect } from './Selects';

type Values = {
  employeeNumber: string;
  firstName: string;
  lastName: string;
  email: string;
  unitId: string | null;
  title: string;
  gender: Gender | null;
  startDate: string | null;
  endDate: string | null;
  movedOn: string | null;
};

/** Dates are typed and sent as YYYY-MM-DD, the form the API takes. */
export function DateField(props: React.ComponentProps<typeof DateInput>) {
  const { t } = useTranslation();
  return (
    <DateInput
      valueFormat="YYYY-MM-DD"
      placeholder={t('organisation.datePlaceholder')}
      popoverProps={{ withinPortal: true }}
      // The month and year buttons keep their visible text as their name (WCAG 2.5.3).
      ariaLabels={{
        previousMonth: t('organisation.calendar.previousMonth'),
        nextMonth: t('organisation.calendar.nextMonth'),
        previousYear: t('organisation.calendar.previousYear'),
        nextYear: t('organisation.calendar.nextYear'),
        previousDecade: t('organisation.calendar.previousDecade'),
        nextDecade: t('organisation.calendar.nextDecade'),
      }}
      {...props}
      description={props.description ?? t('organisation.dateFormat')}
    />
  );
}

/** Create an employee, or change one; choosing another unit moves them from a date, keeping the history. */
export function EmployeeForm(props: {
  employee?: EmployeeDetail;
  /** The unit a new employee starts in, when created from a unit's page. */
  unit?: { value: string; label: string };
  opened: boolean;
  onClose: () => void;
  onSaved?: (saved: EmployeeDetail) => void;
}) {
  const { t } = useTranslation();
  const fullScreen = useFullScreenDialog();
  return (
    <Modal
      opened={props.opened}
      onClose={props.onClose}
      fullScreen={fullScreen}
      size="xl"
      title={props.employee ? t('organisation.employees.editTitle') : t('organisation.employees.createTitle')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {props.opened && <EmployeeFormBody {...props} />}
    </Modal>
  );
}

function EmployeeFormBody({
  employee,
  unit,
  onClose,
  onSaved,
}: {
  employee?: EmployeeDetail;
  unit?: { value: string; label: string };
  onClose: () => void;
  onSaved?: (saved: EmployeeDetail) => void;
}) {
  const { t } = useTranslation();
  const save = useSaveEmployee();
  const [error, setError] = useState<string | null>(null);
  const today = todayInStockholm();

  /** What is sent: the gender only when the person may see it, the move date only on a move. */
  const toBody = (values: Values): UpdateEmployeeBody => {
    const { movedOn, gender, ...rest } = values;
    const moving = !!employee && values.unitId !== employee.unitId;
    return {
      ...rest,
      unitId: rest.unitId ?? undefined,
      startDate: rest.startDate ?? undefined,
      ...(gender ? { gender } : {}),
      ...(moving ? { movedOn: movedOn ?? undefined } : {}),
    };
  };

  const form = useForm<Values>({
    initialValues: {
      employeeNumber: employee?.employeeNumber ?? '',
      firstName: employee?.firstName ?? '',
      lastName: employee?.lastName ?? '',
      email: employee?.email ?? '',
      unitId: employee?.unitId ?? unit?.value ?? null,
      title: employee?.title ?? '',
      gender: employee ? employee.gender : 'not_stated',
      startDate: employee?.startDate ?? today,
      endDate: employee?.endDate ?? null,
      movedOn: today,
    },
    validate: (values) => {
      const body = toBody(values);
      const errors = employee ? zodValidate(updateEmployeeBody)(body) : zodValidate(employeeBody)(body);
      if (employee && values.unitId !== employee.unitId && !values.movedOn) {
        errors.movedOn ??= t('organisation.employees.movedOnRequired');
      }
      return errors;
    },
  });

  const moving = !!employee && form.values.unitId !== employee.unitId;
  const currentUnit = employee ? { value: employee.unitId, label: employee.unitName } : unit;

  const submit = form.onSubmit(async (values) => {
    setError(null);
    try {
      const saved = await save.mutateAsync({ id: employee?.id, body: toBody(values) });
      notifySaved();
      onClose();
      onSaved?.(saved);
    } catch (caught) {
      setError(applyServerErrors(form, caught));
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <ErrorAlert error={error} />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" verticalSpacing="md">
          <TextInput
            label={t('organisation.employees.employeeNumber')}
            required
            data-autofocus
            {...form.getInputProps('employeeNumber')}
          />
          <TextInput label={t('organisation.employees.email')} type="email" autoComplete="off" {...form.getInputProps('email')} />
          <TextInput
            label={t('organisation.employees.firstName')}
            required
            autoComplete="off"
            {...form.getInputProps('firstName')}
          />
          <TextInput
            label={t('organisation.employees.lastName')}
            required
            autoComplete="off"
            {...form.getInputProps('lastName')}
          />
          <UnitSelect
            label={t('organisation.employees.unit')}
            description={employee ? t('organisation.employees.unitHelp') : undefined}
            required
            current={currentUnit}
            {...form.getInputProps('unitId')}
          />
          {moving && (
            <DateField
              label={t('organisation.employees.movedOn')}
              description={t('organisation.employees.movedOnHelp', { unit: employee.unitName })}
              required
              maxDate={today}
              minDate={employee.startDate}
              {...form.getInputProps('movedOn')}
            />
          )}
          <TextInput label={t('organisation.employees.jobTitle')} {...form.getInputProps('title')} />
          <DateField label={t('organisation.employees.startDate')} required {...form.getInputProps('startDate')} />
          <DateField
            label={t('organisation.employees.endDate')}
            description={t('organisation.employees.endDateHelp')}
            clearable
            clearButtonProps={{ 'aria-label': t('organisation.clearChoice', { label: t('organisation.employees.endDate') }) }}
            minDate={form.values.startDate ?? undefined}
            {...form.getInputProps('endDate')}
          />
        </SimpleGrid>
        {form.values.gender !== null && (
          <Radio.Group
            label={t('organisation.employees.gender')}
            description={t('organisation.employees.genderHelp')}
            {...form.getInputProps('gender')}
          >
            <Group mt="xs" gap="lg">
              {genders.map((gender) => (
                <Radio key={gender} value={gender} label={t(`gender.${gender}`)} />
              ))}
            </Group>
          </Radio.Group>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={form.submitting}>
            {employee ? t('common.save') : t('common.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
