import { useState } from 'react';
import { Button, Checkbox, Fieldset, Group, PasswordInput, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { roles as allRoles } from '#shared/permissions';
import { ErrorAlert } from '../../components/Page';
import { AdministrationSelect, EmployeeSelect, UnitMultiSelect } from '../organisation/Selects';
import {
  applyUserServerErrors,
  createBody,
  roleRows,
  updateBody,
  validateUser,
  type KnownChoices,
  type UserFormValues,
} from './form';

/** Create or edit a user: details, password, language, the linked employee, and roles with their scope. */
export function UserForm({
  mode,
  initialValues,
  known,
  onSubmit,
  onCancel,
}: {
  mode: 'create' | 'edit';
  initialValues: UserFormValues;
  known: KnownChoices;
  onSubmit: (body: ReturnType<typeof createBody> | ReturnType<typeof updateBody>) => Promise<unknown>;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const form = useForm<UserFormValues>({ initialValues, validate: validateUser(mode) });
  const values = form.getValues();

  const submit = form.onSubmit(async (submitted) => {
    setError(null);
    try {
      await onSubmit(mode === 'create' ? createBody(submitted) : updateBody(submitted));
    } catch (caught) {
      setError(applyUserServerErrors(form, caught, roleRows(submitted)));
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md" maw={720}>
        <ErrorAlert error={error} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('common.name')} autoComplete="off" required {...form.getInputProps('name')} />
          <TextInput label={t('auth.email')} type="email" autoComplete="off" required {...form.getInputProps('email')} />
          <PasswordInput
            label={mode === 'create' ? t('users.initialPassword') : t('users.newPassword')}
            description={mode === 'create' ? t('users.initialPasswordHint') : t('users.newPasswordHint')}
            autoComplete="new-password"
            required={mode === 'create'}
            // Mantine's PasswordInput marks an error with data-invalid only: say it to assistive technology too.
            aria-invalid={Boolean(form.errors.password)}
            {...form.getInputProps('password')}
          />
          <Select
            label={t('users.language')}
            description={t('users.languageHint')}
            data={[
              { value: 'sv', label: 'Svenska' },
              { value: 'en', label: 'English' },
            ]}
            allowDeselect={false}
            {...form.getInputProps('locale')}
          />
        </SimpleGrid>
        <EmployeeSelect
          label={t('users.linkedEmployee')}
          description={t('users.linkedEmployeeHint')}
          current={known.employee}
          {...form.getInputProps('employeeId')}
        />

        <Fieldset legend={t('users.roles')}>
          <Stack gap="sm">
            <Checkbox.Group label={t('users.rolesLabel')} description={t('users.rolesHint')} {...form.getInputProps('roles')}>
              <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="xs" mt="xs">
                {allRoles.map((role) => (
                  <Checkbox
                    key={role}
                    value={role}
                    label={t(`roles.${role}`)}
                    description={t(`users.roleDescriptions.${role}`)}
                  />
                ))}
              </SimpleGrid>
            </Checkbox.Group>
            {values.roles.includes('process_leader') && (
              <AdministrationSelect
                label={t('users.processLeaderOf')}
                description={t('users.processLeaderOfHint')}
                required
                clearable
                current={known.administration}
                {...form.getInputProps('administrationId')}
              />
            )}
            {values.roles.includes('unit_manager') && (
              <UnitMultiSelect
                label={t('users.unitManagerOf')}
                description={t('users.unitManagerOfHint')}
                required
                clearable
                current={known.units}
                {...form.getInputProps('unitIds')}
              />
            )}
            {values.roles.length === 0 && <Text size="sm">{t('users.noRolesHint')}</Text>}
          </Stack>
        </Fieldset>

        <Group>
          <Button type="submit" loading={form.submitting}>
            {mode === 'create' ? t('users.create') : t('common.save')}
          </Button>
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
