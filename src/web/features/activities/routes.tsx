import { createRoute } from '@tanstack/react-router';
import { appRoute, rootRoute } from '../../app/routes';
import { ActivitiesPage } from './ActivitiesPage';
import { ActivityPage } from './ActivityPage';
import { PublicActivitiesPage } from './PublicActivitiesPage';
import { parseStatisticsSearch, StatisticsPage } from './StatisticsPage';

export const activitiesRoute = createRoute({ getParentRoute: () => appRoute, path: '/activities', component: ActivitiesPage });

/** Visitors per week or month (?activityId=&period=week|month&from=&to=). */
export const activityStatisticsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/activities/statistics',
  validateSearch: parseStatisticsSearch,
  component: StatisticsPage,
});

export const activityRoute = createRoute({ getParentRoute: () => appRoute, path: '/activities/$id', component: ActivityPage });

/** The public page: the activities and their upcoming occurrences, without logging in. */
export const publicActivitiesRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/activities/upcoming',
  component: PublicActivitiesPage,
});

/** The activities with their occurrences and headcounts, for administrators and hosts. */
export const activityRoutes = [activitiesRoute, activityStatisticsRoute, activityRoute] as const;
