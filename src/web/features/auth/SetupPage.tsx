import { useState } from 'react';
import { Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useNavigate } from '@tanstack/react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { setupBody, type Me, type SetupStatus } from '#shared/contracts/auth';
import { api } from '../../api/client';
import { meQueryKey } from '../../api/session';
import { applyServerErrors, zodValidate } from '../../components/forms';
import { ErrorAlert, Page } from '../../components/Page';
import { PublicLayout } from '../../components/PublicLayout';

/** First run: on an empty system, create the first administrator. */
export function SetupPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const status = useQuery({ queryKey: ['setup'], queryFn: () => api.get<SetupStatus>('/api/setup') });
  const form = useForm({ initialValues: { name: '', email: '', password: '' }, validate: zodValidate(setupBody) });

  const submit = form.onSubmit(async (values) => {
    setError(null);
    try {
      const me = await api.post<Me>('/api/setup', values);
      queryClient.setQueryData(meQueryKey, me);
      await navigate({ to: '/' });
    } catch (caught) {
      setError(applyServerErrors(form, caught));
    }
  });

  return (
    <PublicLayout>
      <Page title={t('setup.title')}>
        {status.data && !status.data.needsSetup ? (
          <Stack>
            <Text>{t('setup.done')}</Text>
            <Button onClick={() => navigate({ to: '/login' })}>{t('auth.login')}</Button>
          </Stack>
        ) : (
          <form onSubmit={submit} noValidate>
            <Stack>
              <Text>{t('setup.intro')}</Text>
              <ErrorAlert error={error} />
              <TextInput label={t('setup.name')} autoComplete="name" required {...form.getInputProps('name')} />
              <TextInput label={t('auth.email')} type="email" autoComplete="username" required {...form.getInputProps('email')} />
              <PasswordInput
                label={t('auth.password')}
                description={t('auth.passwordRule')}
                autoComplete="new-password"
                required
                {...form.getInputProps('password')}
              />
              <Button type="submit" loading={form.submitting}>
                {t('setup.create')}
              </Button>
            </Stack>
          </form>
        )}
      </Page>
    </PublicLayout>
  );
}
