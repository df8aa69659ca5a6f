import { createRootRouteWithContext, createRoute, redirect } from '@tanstack/react-router';
import type { QueryClient } from '@tanstack/react-query';
import { fetchMe, meQueryKey } from '../api/session';
import { api } from '../api/client';
import type { SetupStatus } from '#shared/contracts/auth';
import { AppLayout } from './AppLayout';
import { NotFoundPage, StandaloneNotFoundPage } from './NotFoundPage';
import { RootLayout } from './RootLayout';

export type RouterContext = { queryClient: QueryClient };

export const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: RootLayout,
  notFoundComponent: StandaloneNotFoundPage,
});

/** Every staff page lives under this route: it sends visitors who are not signed in to the login page (or to first-run setup). */
export const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'app',
  component: AppLayout,
  notFoundComponent: NotFoundPage,
  beforeLoad: async ({ context, location }) => {
    const me = await context.queryClient.ensureQueryData({ queryKey: meQueryKey, queryFn: fetchMe });
    if (!me) {
      const status = await api.get<SetupStatus>('/api/setup');
      if (status.needsSetup) throw redirect({ to: '/setup' });
      throw redirect({ to: '/login', search: { redirect: location.href } });
    }
  },
});
