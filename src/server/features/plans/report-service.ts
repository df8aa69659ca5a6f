import type { Actor, AppContext } from '../../context.js';
import { badRequest, forbidden, notFound } from '../../http/errors.js';
import type { GoalAssessment } from '#shared/contracts/plan-follow-up';
import {
  actionStatuses,
  type ActionStatus,
  type IndicatorDirection,
  type IndicatorMeasure,
  type PlanArea,
  type PlanScope,
  type PlanStatus,
} from '#shared/contracts/plans';
import type { PlanReport, ReportIndicator } from '#shared/contracts/plan-report';
import { canRead } from './policy.js';
import * as fu from './follow-up-repository.js';
import * as rr from './report-repository.js';

export type ReportRequest = {
  periodId: string;
  scope: PlanScope;
  administrationId?: string;
  unitId?: string;
};

/** Rows by a key, in their order: one pass however many rows a key has. */
function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const group = groups.get(key(row));
    if (group) group.push(row);
    else groups.set(key(row), [row]);
  }
  return groups;
}

const numberOrNull = (value: string | number | null) => (value === null ? null : Number(value));

function onTarget(direction: string, target: number | null, value: number | null) {
  if (target === null || value === null) return null;
  return direction === 'lower' ? value <= target : value >= target;
}

/** The period and the scope asked for, checked: 403, 404 unknown_period, 400 unknown_administration/unit. */
async function resolveRequest(ctx: AppContext, actor: Actor, request: ReportRequest) {
  if (!canRead(actor)) throw forbidden();
  const found = await fu.findPeriod(ctx.db, request.periodId);
  if (!found) throw notFound('unknown_period');
  const period = found.period;

  let scope: rr.ReportScopeFilter = { kind: 'municipality' };
  let scopeId: string | null = null;
  let scopeName: string | null = null;
  if (request.scope !== 'municipality') {
    const id = request.scope === 'administration' ? request.administrationId : request.unitId;
    const field = request.scope === 'administration' ? 'administrationId' : 'unitId';
    scopeName = id ? await rr.scopeName(ctx.db, request.scope, id) : null;
    if (!id || scopeName === null)
      throw badRequest('validation_failed', [
        { path: `querystring.${field}`, message: request.scope === 'administration' ? 'unknown_administration' : 'unknown_unit' },
      ]);
    scopeId = id;
    scope = request.scope === 'administration' ? { kind: 'administration', administrationId: id } : { kind: 'unit', unitId: id };
  }
  return { period, scope, scopeId, scopeName };
}

/** Checks a request as buildReport does (who asks, the period, the administration or unit), without reading the plans. */
export async function checkReportRequest(ctx: AppContext, actor: Actor, request: ReportRequest): Promise<void> {
  await resolveRequest(ctx, actor, request);
}

/**
 * The follow-up of every plan in the scope for one period: per plan and goal the assessment and
 * analysis, the actions with their reported status, the indicators with target, outcome (by gender
 * where about people) and the trend over the years before. Everyone who reads plans may read it.
 */
export async function buildReport(ctx: AppContext, actor: Actor, request: ReportRequest): Promise<PlanReport> {
  const { period, scope, scopeId, scopeName } = await resolveRequest(ctx, actor, request);
  const plans = await rr.reportPlans(ctx.db, scope, period.year);
  const planIds = plans.map((p) => p.id);
  const [goals, actions, indicators] = await Promise.all([
    rr.reportGoals(ctx.db, planIds, period.id),
    rr.reportActions(ctx.db, planIds, period.id),
    rr.reportIndicators(ctx.db, planIds),
  ]);
  const outcomes = await rr.reportOutcomes(
    ctx.db,
    indicators.map((i) => i.lineage_id),
    period,
  );

  const actionsOf = groupBy(actions, (a) => a.goal_id);
  const indicatorsOf = groupBy(indicators, (i) => i.goal_id);
  const goalsOf = groupBy(goals, (g) => g.plan_id);
  const outcomesOf = groupBy(outcomes, (o) => o.lineage_id);

  const presentIndicator = (i: rr.ReportIndicatorRow): ReportIndicator => {
    const rows = outcomesOf.get(i.lineage_id) ?? [];
    const current = rows.find((r) => r.period_id === period.id) ?? null;
    const target = numberOrNull(i.target);
    const outcome = current
      ? {
          women: numberOrNull(current.women),
          men: numberOrNull(current.men),
          total: numberOrNull(current.total),
          missingSplitReason: current.missing_split_reason,
          comment: current.comment,
        }
      : null;
    const missingSplit = i.about_people && outcome !== null && (outcome.women === null || outcome.men === null);
    return {
      id: i.id,
      name: i.name,
      measure: i.measure as IndicatorMeasure,
      direction: i.direction as IndicatorDirection,
      target,
      aboutPeople: i.about_people,
      outcome,
      missingSplit,
      onTarget: onTarget(i.direction, target, outcome?.total ?? null),
      trend: rows.map((r) => ({
        periodId: r.period_id,
        label: `${r.year} ${r.period_name}`,
        women: numberOrNull(r.women),
        men: numberOrNull(r.men),
        total: numberOrNull(r.total),
      })),
    };
  };

  const summary: PlanReport['summary'] = {
    plans: plans.length,
    goals: { met: 0, partly_met: 0, not_met: 0, unassessed: 0 },
    actions: Object.fromEntries(actionStatuses.map((s) => [s, 0])) as Record<ActionStatus, number>,
    actionsUnreported: 0,
    indicators: indicators.length,
    indicatorsUnreported: 0,
    indicatorsMissingSplit: 0,
  };

  const report: PlanReport = {
    period: {
      id: period.id,
      year: period.year,
      name: period.name,
      startsOn: period.startsOn,
      endsOn: period.endsOn,
      deadline: period.deadline,
    },
    scope: { kind: request.scope, id: scopeId, name: scopeName },
    generatedAt: ctx.clock.now().toISOString(),
    summary,
    plans: plans.map((p) => ({
      id: p.id,
      name: p.name,
      area: p.area as PlanArea,
      scope: p.scope as PlanScope,
      ownerName: p.owner_name,
      startYear: p.start_year,
      endYear: p.end_year,
      status: p.status as PlanStatus,
      version: p.version,
      adoptedOn: p.adopted_on,
      adoptedBy: p.adopted_by,
      goals: (goalsOf.get(p.id) ?? []).map((g) => {
        const assessment = g.assessment as GoalAssessment | null;
        summary.goals[assessment ?? 'unassessed'] += 1;
        return {
          id: g.id,
          title: g.title,
          assessment,
          analysis: g.analysis,
          actions: (actionsOf.get(g.id) ?? []).map((a) => {
            const status = (a.reported_status ?? a.current_status) as ActionStatus;
            summary.actions[status] += 1;
            if (a.reported_status === null) summary.actionsUnreported += 1;
            return {
              id: a.id,
              title: a.title,
              responsibleName: a.responsible_name,
              dueDate: a.due_date,
              status,
              reported: a.reported_status !== null,
              comment: a.comment,
            };
          }),
          indicators: (indicatorsOf.get(g.id) ?? []).map((i) => {
            const presented = presentIndicator(i);
            if (presented.outcome === null) summary.indicatorsUnreported += 1;
            if (presented.missingSplit) summary.indicatorsMissingSplit += 1;
            return presented;
          }),
        };
      }),
    })),
  };
  return report;
}
