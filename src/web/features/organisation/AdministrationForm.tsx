import { useState } from 'react';
import { Button, Group, Modal, Stack, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { administrationBody, type Administration } from '#shared/contracts/organisation';
import { ApiError } from '../../api/client';
import { applyServerErrors, zodValidate } from '../../components/forms';
import { ErrorAlert } from '../../components/Page';
import { useSaveAdministration } from './api';
import { notifySaved, useFullScreenDialog } from './parts';
import { UserSelect } from './Selects';

/** Answers about the chosen process leader, which the server gives for the whole body. */
const leaderCodes = ['role_scope_one_administration', 'process_leader_taken'];

type Values = { name: string; shortName: string; description: string; processLeaderUserId: string | null };

/** Create an administration (without one given) or change it. */
export function AdministrationForm({
  administration,
  opened,
  onClose,
  onSaved,
}: {
  administration?: Administration;
  opened: boolean;
  onClose: () => void;
  onSaved?: (saved: Administration) => void;
}) {
  const { t } = useTranslation();
  const fullScreen = useFullScreenDialog();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      fullScreen={fullScreen}
      size="lg"
      title={administration ? t('organisation.administrations.editTitle') : t('organisation.administrations.createTitle')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {/* Mounted only while open, so that every opening starts from the record as it is now. */}
      {opened && <AdministrationFormBody administration={administration} onClose={onClose} onSaved={onSaved} />}
    </Modal>
  );
}

function AdministrationFormBody({
  administration,
  onClose,
  onSaved,
}: {
  administration?: Administration;
  onClose: () => void;
  onSaved?: (saved: Administration) => void;
}) {
  const { t } = useTranslation();
  const save = useSaveAdministration();
  const [error, setError] = useState<string | null>(null);
  const form = useForm<Values>({
    initialValues: {
      name: administration?.name ?? '',
      shortName: administration?.shortName ?? '',
      description: administration?.description ?? '',
      processLeaderUserId: administration?.processLeader?.id ?? null,
    },
    validate: zodValidate(administrationBody),
  });

  const submit = form.onSubmit(async (values) => {
    setError(null);
    try {
      const saved = await save.mutateAsync({ id: administration?.id, body: values });
      notifySaved();
      onClose();
      onSaved?.(saved);
    } catch (caught) {
      setError(applyServerErrors(form, caught));
      // The person chosen already leads another administration: say so beside the field.
      if (caught instanceof ApiError && leaderCodes.includes(caught.code)) {
        form.setFieldError('processLeaderUserId', caught.message);
        setError(null);
      }
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <ErrorAlert error={error} />
        <TextInput label={t('organisation.administrations.name')} required data-autofocus {...form.getInputProps('name')} />
        <TextInput
          label={t('organisation.administrations.shortName')}
          description={t('organisation.administrations.shortNameHelp')}
          {...form.getInputProps('shortName')}
        />
        <Textarea
          label={t('organisation.administrations.description')}
          autosize
          minRows={3}
          maxRows={10}
          {...form.getInputProps('description')}
        />
        <UserSelect
          label={t('organisation.administrations.processLeader')}
          description={t('organisation.administrations.processLeaderHelp')}
          current={
            administration?.processLeader
              ? { value: administration.processLeader.id, label: administration.processLeader.name }
              : null
          }
          {...form.getInputProps('processLeaderUserId')}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={form.submitting}>
            {administration ? t('common.save') : t('common.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
