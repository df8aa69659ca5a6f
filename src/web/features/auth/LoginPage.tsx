import { useState } from 'react';
import { Anchor, Button, Group, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { loginBody, type Me } from '#shared/contracts/auth';
import { api } from '../../api/client';
import { meQueryKey } from '../../api/session';
import { applyServerErrors, zodValidate } from '../../components/forms';
import { ErrorAlert, Page } from '../../components/Page';
import { PublicLayout } from '../../components/PublicLayout';
import { setLanguage } from '../../i18n';
import { AnchorLink } from '../../components/links';

export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const search = useSearch({ strict: false }) as { redirect?: string };
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const form = useForm({ initialValues: { email: '', password: '' }, validate: zodValidate(loginBody) });

  const submit = form.onSubmit(async (values) => {
    setError(null);
    try {
      const me = await api.post<Me>('/api/auth/login', values);
      queryClient.setQueryData(meQueryKey, me);
      await setLanguage(me.locale);
      const target =
        search.redirect && search.redirect.startsWith('/') && !search.redirect.startsWith('//') ? search.redirect : '/';
      await navigate({ to: target });
    } catch (caught) {
      setError(applyServerErrors(form, caught));
    }
  });

  return (
    <PublicLayout>
      <Page title={t('auth.loginTitle')}>
        <form onSubmit={submit} noValidate>
          <Stack>
            <ErrorAlert error={error} />
            <TextInput label={t('auth.email')} type="email" autoComplete="username" required {...form.getInputProps('email')} />
            <PasswordInput
              label={t('auth.password')}
              autoComplete="current-password"
              required
              {...form.getInputProps('password')}
            />
            <Button type="submit" loading={form.submitting}>
              {t('auth.login')}
            </Button>
          </Stack>
        </form>
        {/* The public site is the server's own pages, made to work without JavaScript. */}
        <Anchor href="/public" fw={600}>
          {t('publicSite.login')}
        </Anchor>
        <Group gap="md">
          <AnchorLink to="/register" size="sm">
            {t('certification.register.title')}
          </AnchorLink>
          {/* The citizens' form is a page of the server's own, made to work without JavaScript. */}
          <Anchor href="/feedback" size="sm">
            {t('messages.public.title')}
          </Anchor>
          <AnchorLink to="/activities/upcoming" size="sm">
            {t('activities.public.title')}
          </AnchorLink>
        </Group>
      </Page>
    </PublicLayout>
  );
}
