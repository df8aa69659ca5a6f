import { useState } from 'react';
import { Button, Group, PasswordInput, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { changePasswordBody } from '#shared/contracts/auth';
import { api } from '../../api/client';
import { applyServerErrors, zodValidate } from '../../components/forms';
import { shownBesideFields } from '../../components/formErrors';
import { notifyDone } from '../../components/notify';
import { ErrorAlert } from '../../components/Page';
import { Section } from './Section';
import { sessionsQueryKey } from './SessionsSection';

export function PasswordSection() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const form = useForm({ initialValues: { currentPassword: '', newPassword: '' }, validate: zodValidate(changePasswordBody) });

  const submit = form.onSubmit(async (values) => {
    setError(null);
    try {
      await api.put('/api/auth/password', values);
      form.reset();
      notifyDone(t('account.password.changed'), t('account.password.changedBody'));
      await queryClient.invalidateQueries({ queryKey: sessionsQueryKey });
    } catch (caught) {
      const left = applyServerErrors(form, caught);
      setError(shownBesideFields(caught) ? null : left);
    }
  });

  return (
    <Section id="password" title={t('account.password.title')}>
      <form onSubmit={submit} noValidate>
        <Stack maw={420}>
          <ErrorAlert error={error} />
          <PasswordInput
            label={t('account.password.current')}
            autoComplete="current-password"
            required
            aria-invalid={Boolean(form.errors.currentPassword)}
            {...form.getInputProps('currentPassword')}
          />
          <PasswordInput
            label={t('account.password.new')}
            description={t('auth.passwordRule')}
            autoComplete="new-password"
            required
            aria-invalid={Boolean(form.errors.newPassword)}
            {...form.getInputProps('newPassword')}
          />
          <Group>
            <Button type="submit" loading={form.submitting}>
              {t('account.password.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}
