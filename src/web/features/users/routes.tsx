import { createRoute } from '@tanstack/react-router';
import { appRoute } from '../../app/routes';
import { parseUserSearch } from './search';
import { UsersPage } from './UsersPage';
import { NewUserPage, UserEditPage } from './UserEditPage';

export const usersRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/users',
  validateSearch: parseUserSearch,
  component: UsersPage,
});

export const newUserRoute = createRoute({ getParentRoute: () => appRoute, path: '/users/new', component: NewUserPage });

export const userRoute = createRoute({ getParentRoute: () => appRoute, path: '/users/$userId', component: UserEditPage });

export const userRoutes = [usersRoute, newUserRoute, userRoute];
