import type { AppInstance } from '../../app.js';
import { actorOf, permission } from '../../http/access.js';
import { dashboardQuery, planDashboard } from '#shared/contracts/plan-dashboard';
import * as service from './dashboard-service.js';

const tags = ['action plans: dashboard'];

/** The plans' dashboard: for those who write plans, the adopted plans of a year in their scope at a glance. */
export async function planDashboardRoutes(app: AppInstance) {
  app.get(
    '/api/plans/dashboard',
    {
      schema: {
        tags,
        summary:
          "The adopted plans of a year in one's scope: actions by status, goals' assessments, indicators furthest from target, overdue actions, near deadlines",
        querystring: dashboardQuery,
        response: { 200: planDashboard },
      },
      config: { access: permission('update', 'action_plan') },
    },
    async (request) => service.planDashboard(request.ctx, actorOf(request), request.query),
  );
}
