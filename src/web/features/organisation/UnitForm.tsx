import { useState } from 'react';
import { Button, Checkbox, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { unitBody, type Unit } from '#shared/contracts/organisation';
import { applyServerErrors, zodValidate } from '../../components/forms';
import { ErrorAlert } from '../../components/Page';
import { useCanOn, useSaveUnit, type UnitChange } from './api';
import { notifySaved, useFullScreenDialog } from './parts';
import { AdministrationSelect, UserSelect } from './Selects';

type Values = {
  administrationId: string | null;
  name: string;
  code: string;
  worksWithChildren: boolean;
  managerUserId: string | null;
};

/** Create a unit (optionally in a given administration) or change one. */
export function UnitForm(props: {
  unit?: Unit;
  administrationId?: string;
  opened: boolean;
  onClose: () => void;
  onSaved?: (saved: Unit) => void;
}) {
  const { t } = useTranslation();
  const fullScreen = useFullScreenDialog();
  return (
    <Modal
      opened={props.opened}
      onClose={props.onClose}
      fullScreen={fullScreen}
      size="lg"
      title={props.unit ? t('organisation.units.editTitle') : t('organisation.units.createTitle')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {props.opened && <UnitFormBody {...props} />}
    </Modal>
  );
}

function UnitFormBody({
  unit,
  administrationId,
  onClose,
  onSaved,
}: {
  unit?: Unit;
  administrationId?: string;
  onClose: () => void;
  onSaved?: (saved: Unit) => void;
}) {
  const { t } = useTranslation();
  const canOn = useCanOn();
  const save = useSaveUnit();
  const [error, setError] = useState<string | null>(null);
  const form = useForm<Values>({
    initialValues: {
      administrationId: unit?.administrationId ?? administrationId ?? null,
      name: unit?.name ?? '',
      code: unit?.code ?? '',
      worksWithChildren: unit?.worksWithChildren ?? false,
      managerUserId: unit?.manager?.id ?? null,
    },
    validate: zodValidate(unitBody),
  });
  // Moving a unit and choosing its manager are for those who may create units there (process
  // leaders, administrators); a unit manager changes the name, code and the children flag only.
  const mayManage = !unit || canOn('create', 'unit', { administrationId: unit.administrationId });

  const submit = form.onSubmit(async (values) => {
    setError(null);
    const body: UnitChange = mayManage
      ? { ...values, administrationId: values.administrationId ?? undefined }
      : { name: values.name, code: values.code, worksWithChildren: values.worksWithChildren };
    try {
      const saved = await save.mutateAsync({ id: unit?.id, body });
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
        {mayManage ? (
          <AdministrationSelect
            label={t('organisation.units.administration')}
            required
            allowed={(id) => canOn('create', 'unit', { administrationId: id }) || id === unit?.administrationId}
            current={unit ? { value: unit.administrationId, label: unit.administrationName } : null}
            {...form.getInputProps('administrationId')}
          />
        ) : (
          <TextInput label={t('organisation.units.administration')} readOnly value={unit?.administrationName ?? ''} />
        )}
        <TextInput label={t('organisation.units.name')} required data-autofocus {...form.getInputProps('name')} />
        <TextInput
          label={t('organisation.units.code')}
          description={t('organisation.units.codeHelp')}
          {...form.getInputProps('code')}
        />
        <Checkbox
          label={t('organisation.units.worksWithChildren')}
          description={t('organisation.units.worksWithChildrenHelp')}
          {...form.getInputProps('worksWithChildren', { type: 'checkbox' })}
        />
        {mayManage ? (
          <UserSelect
            label={t('organisation.units.manager')}
            current={unit?.manager ? { value: unit.manager.id, label: unit.manager.name } : null}
            {...form.getInputProps('managerUserId')}
          />
        ) : (
          <TextInput label={t('organisation.units.manager')} readOnly value={unit?.manager?.name ?? t('common.none')} />
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={form.submitting}>
            {unit ? t('common.save') : t('common.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
