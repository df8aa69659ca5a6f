import { useState } from 'react';
import { Button, Code, Divider, PasswordInput, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useNavigate } from '@tanstack/react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { setupBody, type Me, type SetupStatus } from '#shared/contracts/auth';
import type { DemoResultBody } from '#shared/contracts/demo';
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
  const [demo, setDemo] = useState<DemoResultBody | null>(null);
  const [demoError, setDemoError] = useState<unknown>(null);
  const [loadingDemo, setLoadingDemo] = useState(false);
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

  const loadDemo = async () => {
    setDemoError(null);
    setLoadingDemo(true);
    try {
      setDemo(await api.post<DemoResultBody>('/api/setup/demo'));
    } catch (caught) {
      setDemoError(caught);
    } finally {
      setLoadingDemo(false);
    }
  };

  if (demo) {
    return (
      <PublicLayout>
        <Page title={t('setup.demoLoadedTitle')}>
          <Text>
            {t('setup.demoLoaded', { administrations: demo.administrations, units: demo.units, employees: demo.employees })}
          </Text>
          <Text>
            {t('setup.demoPassword')} <Code>{demo.password}</Code>
          </Text>
          <Table aria-label={t('setup.demoAccounts')} style={{ overflowWrap: 'anywhere' }}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('auth.email')}</Table.Th>
                <Table.Th>{t('setup.role')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {demo.accounts.map((account) => (
                <Table.Tr key={account.email}>
                  <Table.Td>{account.email}</Table.Td>
                  <Table.Td>
                    {t(`roles.${account.role}`)}
                    {account.scope ? ` (${account.scope})` : ''}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Button onClick={() => navigate({ to: '/login' })}>{t('auth.login')}</Button>
        </Page>
      </PublicLayout>
    );
  }

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
        {status.data?.demoAvailable && (
          <Stack>
            <Divider />
            <Title order={2} size="h3">
              {t('setup.demoTitle')}
            </Title>
            <Text>{t('setup.demoIntro')}</Text>
            <ErrorAlert error={demoError} />
            <Button variant="outline" onClick={loadDemo} loading={loadingDemo}>
              {t('setup.demoLoad')}
            </Button>
          </Stack>
        )}
      </Page>
    </PublicLayout>
  );
}
