import { createRoute } from '@tanstack/react-router';
import { appRoute } from '../../app/routes';
import { AdministrationDetailPage } from './AdministrationDetailPage';
import { AdministrationsPage } from './AdministrationsPage';
import { EmployeeDetailPage } from './EmployeeDetailPage';
import { EmployeesPage } from './EmployeesPage';
import { parseAdministrationSearch, parseEmployeeSearch, parseUnitSearch } from './search';
import { UnitDetailPage } from './UnitDetailPage';
import { UnitsPage } from './UnitsPage';

/** The organisation: administrations (förvaltningar), units (verksamheter) and employees (medarbetare). */
export const administrationsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/administrations',
  validateSearch: parseAdministrationSearch,
  component: AdministrationsPage,
});

export const administrationRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/administrations/$id',
  component: AdministrationDetailPage,
});

export const unitsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/units',
  validateSearch: parseUnitSearch,
  component: UnitsPage,
});

export const unitRoute = createRoute({ getParentRoute: () => appRoute, path: '/units/$id', component: UnitDetailPage });

export const employeesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/employees',
  validateSearch: parseEmployeeSearch,
  component: EmployeesPage,
});

export const employeeRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/employees/$id',
  component: EmployeeDetailPage,
});

export const organisationRoutes = [
  administrationsRoute,
  administrationRoute,
  unitsRoute,
  unitRoute,
  employeesRoute,
  employeeRoute,
] as const;
