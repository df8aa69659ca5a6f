import { createRoute } from '@tanstack/react-router';
import { appRoute, rootRoute } from '../../app/routes';
import { CertificatePage } from './CertificatePage';
import { CertificationUnitsPage } from './CertificationUnitsPage';
import { CertifyPage } from './CertifyPage';
import { ProcessPage } from './ProcessPage';
import { RegisterCheckPage, RegisterPage } from './RegisterPage';
import { SchemeDetailPage } from './SchemeDetailPage';
import { SchemesPage } from './SchemesPage';
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

export const schemesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/certification/schemes',
  component: SchemesPage,
});

export const schemeRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/certification/schemes/$id',
  component: SchemeDetailPage,
});

/** Where every unit stands, a unit's process, certifying several at once, a certificate, and the schemes. */
export const certificationRoutes = [
  certificationRoute,
  processRoute,
  certifyRoute,
  certificateRoute,
  schemesRoute,
  schemeRoute,
] as const;

/** Public pages, outside the signed-in layout: the register of certified units and the check by code. */
export const registerRoute = createRoute({ getParentRoute: () => rootRoute, path: '/register', component: RegisterPage });
export const registerCheckRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/register/$code',
  component: RegisterCheckPage,
});
