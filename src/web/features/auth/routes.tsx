import { createRoute } from '@tanstack/react-router';
import { rootRoute } from '../../app/routes';
import { LoginPage } from './LoginPage';
import { SetupPage } from './SetupPage';

export const loginRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/login',
  // Optional in the type too, so that a link to the login page need not name it.
  validateSearch: (search: Record<string, unknown>): { redirect?: string } => ({
    redirect: typeof search.redirect === 'string' ? search.redirect : undefined,
  }),
  component: LoginPage,
});

export const setupRoute = createRoute({ getParentRoute: () => rootRoute, path: '/setup', component: SetupPage });
