import { useState } from 'react';
import { Alert, Badge, Button, Group, Loader, Stack, Text } from '@mantine/core';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { User } from '#shared/contracts/users';
import { api } from '../../api/client';
import { meQueryKey, useMe } from '../../api/session';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { formatDateTime } from '../../components/format';
import { notifyDone } from '../../components/notify';
import { ErrorAlert, Page } from '../../components/Page';
import { useEmployee } from '../organisation/api';
import { usersQueryKey, useUser } from './api';
import { emptyUser, knownChoices, valuesOf } from './form';
import { UserForm } from './UserForm';

const userRoute = getRouteApi('/app/users/$userId');

export function NewUserPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  return (
    <Page title={t('users.newTitle')}>
      <UserForm
        mode="create"
        initialValues={emptyUser}
        known={knownChoices(undefined)}
        onCancel={() => navigate({ to: '/users' })}
        onSubmit={async (body) => {
          const created = await api.post<User>('/api/users', body);
          await queryClient.invalidateQueries({ queryKey: usersQueryKey });
          await queryClient.invalidateQueries({ queryKey: ['overview'] });
          notifyDone(t('common.saved'), t('users.createdMessage', { name: created.name }));
          await navigate({ to: '/users/$userId', params: { userId: created.id } });
        }}
      />
    </Page>
  );
}

export function UserEditPage() {
  const { t } = useTranslation();
  const { userId } = userRoute.useParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { data: me } = useMe();
  const user = useUser(userId);
  // The user answers the linked employee's id only: read the employee for the name to show.
  const employeeId = user.data?.employeeId ?? null;
  const linked = useEmployee(employeeId ?? '', Boolean(employeeId));
  const [confirming, setConfirming] = useState(false);

  const refresh = async (saved: User) => {
    queryClient.setQueryData([...usersQueryKey, saved.id], saved);
    await queryClient.invalidateQueries({ queryKey: usersQueryKey });
    await queryClient.invalidateQueries({ queryKey: ['overview'] });
    if (saved.id === me?.id) await queryClient.invalidateQueries({ queryKey: meQueryKey });
  };

  const toggleActive = useMutation({
    mutationFn: (active: boolean) => api.post<User>(`/api/users/${userId}/${active ? 'reactivate' : 'deactivate'}`),
    onSuccess: async (saved) => {
      setConfirming(false);
      await refresh(saved);
      notifyDone(
        t('common.saved'),
        saved.active ? t('users.reactivated', { name: saved.name }) : t('users.deactivatedMessage', { name: saved.name }),
      );
    },
  });

  const data = user.data;
  return (
    <Page
      title={data ? t('users.editTitle', { name: data.name }) : t('users.editTitleLoading')}
      actions={
        data && (
          <Button
            variant="outline"
            color={data.active ? 'red.9' : undefined}
            onClick={() => {
              toggleActive.reset();
              setConfirming(true);
            }}
            disabled={data.id === me?.id && data.active}
          >
            {data.active ? t('users.deactivate') : t('users.reactivate')}
          </Button>
        )
      }
    >
      <ErrorAlert error={user.error} />
      {user.isPending && <Loader aria-label={t('common.loading')} />}
      {data && (
        <Stack gap="md">
          <Group gap="sm">
            {data.active ? (
              <Badge color="green.9" variant="dot">
                {t('common.active')}
              </Badge>
            ) : (
              <Badge color="gray.6" variant="dot">
                {t('users.deactivated')}
              </Badge>
            )}
            <Text size="sm">
              {t('users.lastLogin')}: {data.lastLoginAt ? formatDateTime(data.lastLoginAt) : t('users.neverLoggedIn')}
            </Text>
            <Text size="sm">
              {t('common.createdAt')}: {formatDateTime(data.createdAt)}
            </Text>
          </Group>
          {data.lockedUntil && (
            <Alert
              color="orange"
              variant="light"
              styles={{ title: { color: 'var(--mantine-color-text)' } }}
              title={t('users.lockedTitle')}
            >
              {t('users.locked', { until: formatDateTime(data.lockedUntil) })}
            </Alert>
          )}
          {data.id === me?.id && <Text size="sm">{t('users.self')}</Text>}
          <UserForm
            key={`${data.id}-${data.active}`}
            mode="edit"
            initialValues={valuesOf(data)}
            known={knownChoices(data, employeeId ? linked.data : undefined)}
            onCancel={() => navigate({ to: '/users' })}
            onSubmit={async (body) => {
              const saved = await api.patch<User>(`/api/users/${userId}`, body);
              await refresh(saved);
              notifyDone(t('common.saved'), t('users.savedMessage', { name: saved.name }));
              await navigate({ to: '/users' });
            }}
          />
          <ConfirmDialog
            opened={confirming}
            title={
              data.active ? t('users.deactivateTitle', { name: data.name }) : t('users.reactivateTitle', { name: data.name })
            }
            confirmLabel={data.active ? t('users.deactivate') : t('users.reactivate')}
            danger={data.active}
            loading={toggleActive.isPending}
            error={toggleActive.error}
            onClose={() => setConfirming(false)}
            onConfirm={() => toggleActive.mutate(!data.active)}
          >
            {data.active ? t('users.deactivateBody') : t('users.reactivateBody')}
          </ConfirmDialog>
        </Stack>
      )}
    </Page>
  );
}
