import { createRoute } from '@tanstack/react-router';
import { rootRoute } from '../../app/routes';
import { LoginPage } from './LoginPage';
import { SetupPage } from './SetupPage';

export const loginRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/login',
  validateSearch: (search: Record<string, unknown>) => ({
    redirect: typeof search.redirect === 'string' ? search.redirect : undefined,
  }),
  component: LoginPage,
});

export const setupRoute = createRoute({ getParentRoute: () => rootRoute, path: '/setup', component: SetupPage });
