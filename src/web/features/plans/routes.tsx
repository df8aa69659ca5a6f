import { createRoute } from '@tanstack/react-router';
import { appRoute } from '../../app/routes';
import { DashboardPage } from './DashboardPage';
import { FollowUpPage } from './FollowUpPage';
import { PeriodsPage } from './PeriodsPage';
import { PeriodStatusPage } from './PeriodStatusPage';
import { PlanDetailPage } from './PlanDetailPage';
import { PlansPage } from './PlansPage';
import { ReportPage } from './ReportPage';
import { parsePlansSearch } from './search';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const plansRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/plans',
  validateSearch: parsePlansSearch,
  component: PlansPage,
});

export const planRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/plans/$id',
  component: PlanDetailPage,
});

/** The follow-up periods of a year (?year=2026; this year when left out). */
export const periodsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/plans/periods',
  validateSearch: (search: Record<string, unknown>): { year?: number } => {
    const year = Number(search.year);
    return Number.isInteger(year) && year >= 2000 && year <= 2100 ? { year } : {};
  },
  component: PeriodsPage,
});

/** Who has and has not reported for a period. */
export const periodStatusRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/plans/periods/$id',
  component: PeriodStatusPage,
});

/** The dashboard of the plans one writes (?year=2026; this year when left out). */
export const planDashboardRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/plans/dashboard',
  validateSearch: (search: Record<string, unknown>): { year?: number } => {
    const year = Number(search.year);
    return Number.isInteger(year) && year >= 2000 && year <= 2100 ? { year } : {};
  },
  component: DashboardPage,
});

/** The follow-up report of a period for the municipality, an administration or a unit. */
export const planReportRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/plans/report',
  component: ReportPage,
});

/** A plan's follow-up for a period (?period=id; the next deadline when left out). */
export const followUpRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/plans/$id/follow-up',
  validateSearch: (search: Record<string, unknown>): { period?: string } =>
    typeof search.period === 'string' && uuid.test(search.period) ? { period: search.period } : {},
  component: FollowUpPage,
});

/** The action plans: the list and one plan (a version) with its goals, actions and indicators; their follow-up. */
export const planRoutes = [
  plansRoute,
  planRoute,
  periodsRoute,
  periodStatusRoute,
  followUpRoute,
  planDashboardRoute,
  planReportRoute,
] as const;
