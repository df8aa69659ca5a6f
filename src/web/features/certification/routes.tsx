import { createRoute } from '@tanstack/react-router';
import { appRoute } from '../../app/routes';
import { CertificatePage } from './CertificatePage';
import { CertificationUnitsPage } from './CertificationUnitsPage';
import { CertifyPage } from './CertifyPage';
import { ProcessPage } from './ProcessPage';
import { parseCertificationSearch } from './search';

export const certificationRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/certification',
  validateSearch: parseCertificationSearch,
  component: CertificationUnitsPage,
});

export const processRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/certification/processes/$id',
  component: ProcessPage,
});

export const certifyRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/certification/certify',
  component: CertifyPage,
});

export const certificateRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/certificates/$id',
  component: CertificatePage,
});

/** Where every unit stands, a unit's process, certifying several at once, and a certificate. */
export const certificationRoutes = [certificationRoute, processRoute, certifyRoute, certificateRoute] as const;
