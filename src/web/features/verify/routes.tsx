import { createRoute } from '@tanstack/react-router';
import { rootRoute } from '../../app/routes';
import { VerifyPage, VerifyResultPage } from './VerifyPage';

/** Public pages, outside the signed-in layout: anyone checks a certificate of completion. */
export const verifyRoute = createRoute({ getParentRoute: () => rootRoute, path: '/verify', component: VerifyPage });
export const verifyResultRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/verify/$code',
  component: VerifyResultPage,
});
