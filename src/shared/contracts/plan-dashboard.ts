import { z } from 'zod';
import { isoDate } from './common.js';
import { actionStatuses, indicatorDirections, indicatorMeasures, planAreas, planScopes } from './plans.js';

/**
 * The plans' dashboard (GET /api/plans/dashboard): for those who write plans, the adopted plans of a
 * year in their scope at a glance — the actions' progress, the goals' assessments in the last period
 * with assessments, the indicators furthest from their target, what is overdue and the deadlines near.
 * See docs/plans.md.
 */

export const dashboardQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() });
export type DashboardQuery = z.input<typeof dashboardQuery>;

/** How many days ahead a deadline counts as near. */
export const nearDeadlineDays = 30;
/** How many of each list the dashboard sends (with the total beside it). */
export const dashboardListLimits = { goalsNotMet: 100, indicators: 10, splitMissing: 20, overdue: 50 } as const;

const count = z.number().int();
/** Actions by status, with those overdue (due before today, neither done nor cancelled) among them. */
export const actionCounts = z.object({
  not_started: count,
  ongoing: count,
  done: count,
  postponed: count,
  cancelled: count,
  overdue: count,
  total: count,
});
export type ActionCounts = z.infer<typeof actionCounts>;
/** Goals by their assessment in the period; unassessed: no assessment there. */
export const assessmentCounts = z.object({
  met: count,
  partly_met: count,
  not_met: count,
  unassessed: count,
  total: count,
});
export type AssessmentCounts = z.infer<typeof assessmentCounts>;

const progress = z.object({ reported: count, total: count });

export const dashboardPeriod = z.object({ id: z.uuid(), name: z.string(), year: count, endsOn: isoDate, deadline: isoDate });

export const planDashboard = z.object({
  year: count,
  /** Today in Sweden: what overdue and near are measured from. */
  today: isoDate,
  /** The last period of the year with assessments of goals in these plans; null when there is none yet. */
  period: dashboardPeriod.nullable(),
  totals: z.object({ plans: count, actions: actionCounts, assessments: assessmentCounts }),
  plans: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      scope: z.enum(planScopes),
      area: z.enum(planAreas),
      /** The administration's or unit's name; null for the municipality's plans. */
      ownerName: z.string().nullable(),
      startYear: count,
      endYear: count,
      actions: actionCounts,
      assessments: assessmentCounts,
    }),
  ),
  goalsNotMet: z.object({
    total: count,
    items: z.array(
      z.object({
        goalId: z.uuid(),
        title: z.string(),
        planId: z.uuid(),
        planName: z.string(),
        analysis: z.string().nullable(),
      }),
    ),
  }),
  /**
   * Indicators whose latest outcome (of the year or before, through the indicator's versions) misses
   * the target, furthest first: distance = the shortfall in the better direction / |target| (the
   * shortfall itself where the target is 0).
   */
  indicators: z.object({
    total: count,
    items: z.array(
      z.object({
        indicatorId: z.uuid(),
        name: z.string(),
        planId: z.uuid(),
        planName: z.string(),
        measure: z.enum(indicatorMeasures),
        direction: z.enum(indicatorDirections),
        target: z.number(),
        aboutPeople: z.boolean(),
        period: z.object({ name: z.string(), year: count }),
        women: z.number().nullable(),
        men: z.number().nullable(),
        total: z.number(),
        distance: z.number(),
        /** About people, and the latest report has no split by gender. */
        splitMissing: z.boolean(),
      }),
    ),
  }),
  /** Indicators about people whose latest report lacks women and men. */
  splitMissing: z.object({
    total: count,
    items: z.array(
      z.object({
        indicatorId: z.uuid(),
        name: z.string(),
        planId: z.uuid(),
        planName: z.string(),
        period: z.object({ name: z.string(), year: count }),
      }),
    ),
  }),
  overdue: z.object({
    total: count,
    items: z.array(
      z.object({
        actionId: z.uuid(),
        title: z.string(),
        planId: z.uuid(),
        planName: z.string(),
        dueDate: isoDate,
        status: z.enum(actionStatuses),
        responsibleName: z.string().nullable(),
      }),
    ),
  }),
  /** Periods whose deadline is today or in the next nearDeadlineDays days, with what is unreported in these plans. */
  deadlines: z.array(
    dashboardPeriod.extend({
      plans: count,
      plansIncomplete: count,
      actions: progress,
      indicators: progress,
      goals: progress,
    }),
  ),
});
export type PlanDashboard = z.infer<typeof planDashboard>;
