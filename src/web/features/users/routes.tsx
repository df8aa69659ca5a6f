import type { ReactNode } from 'react';
import { createRoute } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { appRoute } from '../../app/routes';
import { RequirePermission } from '../../components/RequirePermission';
import { parseUserSearch } from './search';
import { UsersPage } from './UsersPage';
import { NewUserPage, UserEditPage } from './UserEditPage';

/** Users and roles are for administrators: 'user' permissions. */
function Guarded({ action, children }: { action: 'read' | 'create' | 'update'; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <RequirePermission action={action} entity="user" title={t('users.title')}>
      {children}
    </RequirePermission>
  );
}

export const usersRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/users',
  validateSearch: parseUserSearch,
  component: () => (
    <Guarded action="read">
      <UsersPage />
    </Guarded>
  ),
});

export const newUserRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/users/new',
  component: () => (
    <Guarded action="create">
      <NewUserPage />
    </Guarded>
  ),
});

export const userRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/users/$userId',
  component: () => (
    <Guarded action="read">
      <UserEditPage />
    </Guarded>
  ),
});

export const userRoutes = [usersRoute, newUserRoute, userRoute];
