import type { Actor, AppContext } from '../../context.js';
import { forbidden } from '../../http/errors.js';
import type { ActionCounts, AssessmentCounts, PlanDashboard } from '#shared/contracts/plan-dashboard';
import { accessFor } from '#shared/permissions';
import { stockholmDate } from '../employees/current.js';
import * as dash from './dashboard-repository.js';

/**
 * The dashboard of the plans one writes (the same scope as the plans' policy, policy.ts canWrite):
 * the administrator every plan, a process leader their administrations' plans and their units',
 * a unit manager their units'. Those who only read plans have no dashboard (403).
 */
export function dashboardScope(actor: Actor): dash.DashboardScope {
  const access = accessFor(actor.permissions, 'update', 'action_plan');
  if (access.length === 0) throw forbidden();
  return {
    any: access.includes('any'),
    administrationIds: access.includes('administration') ? actor.administrationIds : [],
    unitIds: access.includes('unit') ? actor.unitIds : [],
  };
}

const num = (value: string | number | null) => (value === null ? null : Number(value));

const emptyActions = (): ActionCounts => ({
  not_started: 0,
  ongoing: 0,
  done: 0,
  postponed: 0,
  cancelled: 0,
  overdue: 0,
  total: 0,
});
const emptyAssessments = (): AssessmentCounts => ({ met: 0, partly_met: 0, not_met: 0, unassessed: 0, total: 0 });

export async function planDashboard(ctx: AppContext, actor: Actor, query: { year?: number }): Promise<PlanDashboard> {
  const scope = dashboardScope(actor);
  const today = stockholmDate(ctx.clock.now());
  const year = query.year ?? Number(today.slice(0, 4));
  const period = await dash.lastAssessedPeriod(ctx.db, scope, year);
  const periodId = period?.id ?? null;
  const [plans, notMet, indicators, overdue, deadlines] = await Promise.all([
    dash.plansWithCounts(ctx.db, scope, year, today, periodId),
    periodId ? dash.goalsNotMet(ctx.db, scope, year, periodId) : Promise.resolve([]),
    dash.indicatorOutcomes(ctx.db, scope, year),
    dash.overdueActions(ctx.db, scope, year, today),
    dash.nearDeadlines(ctx.db, scope, today),
  ]);

  const totals = { plans: plans.length, actions: emptyActions(), assessments: emptyAssessments() };
  const presentedPlans = plans.map((p) => {
    const actions: ActionCounts = {
      not_started: Number(p.not_started),
      ongoing: Number(p.ongoing),
      done: Number(p.done),
      postponed: Number(p.postponed),
      cancelled: Number(p.cancelled),
      overdue: Number(p.overdue),
      total: Number(p.actions),
    };
    const goals = Number(p.goals);
    const assessed = { met: Number(p.met), partly_met: Number(p.partly_met), not_met: Number(p.not_met) };
    const assessments: AssessmentCounts = {
      ...assessed,
      unassessed: goals - assessed.met - assessed.partly_met - assessed.not_met,
      total: goals,
    };
    for (const key of Object.keys(actions) as (keyof ActionCounts)[]) totals.actions[key] += actions[key];
    for (const key of Object.keys(assessments) as (keyof AssessmentCounts)[]) totals.assessments[key] += assessments[key];
    return {
      id: p.id,
      name: p.name,
      scope: p.scope as PlanDashboard['plans'][number]['scope'],
      area: p.area as PlanDashboard['plans'][number]['area'],
      ownerName: p.owner_name,
      startYear: Number(p.start_year),
      endYear: Number(p.end_year),
      actions,
      assessments,
    };
  });

  const offTarget = indicators.filter((i) => i.kind === 'far');
  const split = indicators.filter((i) => i.kind === 'split');
  const counted = indicators.find((i) => i.kind === 'totals');

  return {
    year,
    today,
    period: period
      ? { id: period.id, name: period.name, year: Number(period.year), endsOn: period.ends_on, deadline: period.deadline }
      : null,
    totals,
    plans: presentedPlans,
    goalsNotMet: {
      total: notMet.length > 0 ? Number(notMet[0].total) : 0,
      items: notMet.map((g) => ({
        goalId: g.goal_id,
        title: g.title,
        planId: g.plan_id,
        planName: g.plan_name,
        analysis: g.analysis,
      })),
    },
    indicators: {
      total: Number(counted?.off_target_total ?? 0),
      items: offTarget.map((i) => ({
        indicatorId: i.indicator_id,
        name: i.name,
        planId: i.plan_id,
        planName: i.plan_name,
        measure: i.measure as PlanDashboard['indicators']['items'][number]['measure'],
        direction: i.direction as PlanDashboard['indicators']['items'][number]['direction'],
        target: Number(i.target),
        aboutPeople: i.about_people,
        period: { name: i.period_name, year: Number(i.period_year) },
        women: num(i.women),
        men: num(i.men),
        total: Number(i.total),
        distance: Number(i.distance),
        splitMissing: i.split_missing,
      })),
    },
    splitMissing: {
      total: Number(counted?.split_total ?? 0),
      items: split.map((i) => ({
        indicatorId: i.indicator_id,
        name: i.name,
        planId: i.plan_id,
        planName: i.plan_name,
        period: { name: i.period_name, year: Number(i.period_year) },
      })),
    },
    overdue: {
      total: overdue.length > 0 ? Number(overdue[0].total) : 0,
      items: overdue.map((a) => ({
        actionId: a.action_id,
        title: a.title,
        planId: a.plan_id,
        planName: a.plan_name,
        dueDate: a.due_date,
        status: a.status as PlanDashboard['overdue']['items'][number]['status'],
        responsibleName: a.responsible_name,
      })),
    },
    deadlines: deadlines.map((d) => ({
      id: d.id,
      name: d.name,
      year: Number(d.year),
      endsOn: d.ends_on,
      deadline: d.deadline,
      plans: Number(d.plans),
      plansIncomplete: Number(d.plans_incomplete),
      actions: { reported: Number(d.actions_reported), total: Number(d.actions_total) },
      indicators: { reported: Number(d.indicators_reported), total: Number(d.indicators_total) },
      goals: { reported: Number(d.goals_reported), total: Number(d.goals_total) },
    })),
  };
}
