import { createRouter } from '@tanstack/react-router';
import type { QueryClient } from '@tanstack/react-query';
import { appRoute, rootRoute } from './app/routes';
import { loginRoute, setupRoute } from './features/auth/routes';
import { verifyResultRoute, verifyRoute } from './features/verify/routes';
import { myTrainingRoute } from './features/my-training/routes';
import { organisationRoutes } from './features/organisation/routes';
import { overviewRoute } from './features/overview/routes';
import { accountRoute } from './features/account/routes';
import { userRoutes } from './features/users/routes';
import { outboxRoute } from './features/outbox/routes';
import { auditLogRoute } from './features/audit/routes';
import { importRoutes } from './features/imports/routes';
import { trainingRoutes } from './features/training/routes';
import { coverageRoute } from './features/coverage/routes';
import { programmeRoutes } from './features/programmes/routes';
import { enrolmentRoutes } from './features/enrolments/routes';
import { certificationRoutes, registerCheckRoute, registerRoute } from './features/certification/routes';
import { planRoutes } from './features/plans/routes';
import { messageRoutes } from './features/messages/routes';
import { activityRoutes, publicActivitiesRoute } from './features/activities/routes';
import { publicSiteRoutes } from './features/public-site/routes';
import { networkRoutes } from './features/networks/routes';

/** The route tree: public pages beside the signed-in layout, whose children come from each feature's routes.tsx. */
export function createAppRouter(queryClient: QueryClient) {
  const routeTree = rootRoute.addChildren([
    loginRoute,
    setupRoute,
    verifyRoute,
    verifyResultRoute,
    registerRoute,
    registerCheckRoute,
    publicActivitiesRoute,
    appRoute.addChildren([
      myTrainingRoute,
      ...organisationRoutes,
      overviewRoute,
      accountRoute,
      ...userRoutes,
      outboxRoute,
      auditLogRoute,
      ...importRoutes,
      ...trainingRoutes,
      coverageRoute,
      ...programmeRoutes,
      ...enrolmentRoutes,
      ...certificationRoutes,
      ...planRoutes,
      ...messageRoutes,
      ...activityRoutes,
      ...publicSiteRoutes,
      ...networkRoutes,
    ]),
  ]);
  return createRouter({ routeTree, context: { queryClient }, defaultPreload: 'intent', scrollRestoration: true });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
