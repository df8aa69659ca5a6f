import { createRoute } from '@tanstack/react-router';
import { appRoute } from '../../app/routes';
import { PlanDetailPage } from './PlanDetailPage';
import { PlansPage } from './PlansPage';
import { parsePlansSearch } from './search';

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

/** The action plans: the list and one plan (a version) with its goals, actions and indicators. */
export const planRoutes = [plansRoute, planRoute] as const;
