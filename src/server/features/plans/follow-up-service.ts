import { eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Actor, AppContext } from '../../context.js';
import type { DbOrTx } from '../../db/client.js';
import { followUpPeriods, planActionReports, planActions, planGoalReports, planIndicatorReports } from '../../db/schema/index.js';
import { badRequest, conflict, forbidden, notFound } from '../../http/errors.js';
import type {
  FollowUpPeriod,
  FollowUpPeriodList,
  PeriodStatus,
  PlanFollowUp,
  createPeriodBody,
  defaultPeriodsBody,
  followUpBody,
  updatePeriodBody,
} from '#shared/contracts/plan-follow-up';
import { accessFor } from '#shared/permissions';
import { changedFields, recordAudit, type AuditRecord } from '../audit/service.js';
import { stockholmDate } from '../employees/current.js';
import { canRead, canWrite, type PlanPlace } from './policy.js';
import { presentFollowUp, presentPeriod } from './follow-up-presenter.js';
import * as repo from './repository.js';
import * as fu from './follow-up-repository.js';
import { valuesFromData } from './indicator-sources.js';

type Detail = { path: string; message: string };
const invalid = (details: Detail[]) => badRequest('validation_failed', details);
const today = (ctx: AppContext) => stockholmDate(ctx.clock.now());

const placeOf = (row: repo.PlanListRow): PlanPlace => ({
  scope: row.plan.scope,
  administrationId: row.plan.administrationId,
  unitId: row.plan.unitId,
  unitAdministrationId: row.unitAdministrationId,
});

function requireRead(actor: Actor) {
  if (!canRead(actor)) throw forbidden();
}

/** Periods are the administrator's: writing them needs the plan permission with access 'any'. */
function requirePeriodWrite(actor: Actor, action: 'create' | 'update' | 'delete') {
  if (!accessFor(actor.permissions, action, 'action_plan').includes('any')) throw forbidden();
}

async function loadPeriod(db: DbOrTx, id: string, lock?: 'update') {
  const row = await fu.findPeriod(db, id, lock);
  if (!row) throw notFound();
  return row;
}

// ---- periods ----

export async function listPeriods(ctx: AppContext, actor: Actor, year: number): Promise<FollowUpPeriodList> {
  requireRead(actor);
  return { items: (await fu.periodsOfYears(ctx.db, year, year)).map(presentPeriod) };
}

const auditedPeriod = (p: fu.PeriodRow) => ({
  year: p.year,
  name: p.name,
  startsOn: p.startsOn,
  endsOn: p.endsOn,
  deadline: p.deadline,
  reminderDaysBefore: p.reminderDaysBefore,
});

/** A period's dates lie in its year; its deadline is not before it starts. */
function checkDates(p: { year: number; startsOn: string; endsOn: string; deadline: string }) {
  const details: Detail[] = [];
  const inYear = (date: string) => Number(date.slice(0, 4)) === p.year;
  if (!inYear(p.startsOn)) details.push({ path: 'body.startsOn', message: 'period_outside_year' });
  if (!inYear(p.endsOn)) details.push({ path: 'body.endsOn', message: 'period_outside_year' });
  else if (p.endsOn < p.startsOn) details.push({ path: 'body.endsOn', message: 'end_before_start' });
  if (p.deadline < p.startsOn) details.push({ path: 'body.deadline', message: 'deadline_before_start' });
  if (details.length > 0) throw invalid(details);
}

async function checkName(tx: DbOrTx, year: number, name: string, exceptId?: string) {
  if (await fu.periodNameTaken(tx, year, name, exceptId))
    throw conflict('name_taken', [{ path: 'body.name', message: 'name_taken' }]);
}

export async function createPeriod(
  ctx: AppContext,
  actor: Actor,
  body: z.output<typeof createPeriodBody>,
): Promise<FollowUpPeriod> {
  requirePeriodWrite(actor, 'create');
  checkDates(body);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    await checkName(tx, body.year, body.name);
    const [row] = await tx
      .insert(followUpPeriods)
      .values({ ...body, createdAt: now, updatedAt: now })
      .returning();
    await recordAudit(
      tx,
      actor,
      { action: 'create', entityType: 'follow_up_period', entityId: row.id, after: auditedPeriod(row) },
      now,
    );
    return presentPeriod({ period: row, reportCount: 0 });
  });
}

/** The usual periods of a Swedish municipality's year: delår 1 (January-April), delår 2 (January-August), helår. */
export function defaultPeriods(year: number) {
  return [
    { year, name: 'Delår 1', startsOn: `${year}-01-01`, endsOn: `${year}-04-30`, deadline: `${year}-05-15` },
    { year, name: 'Delår 2', startsOn: `${year}-01-01`, endsOn: `${year}-08-31`, deadline: `${year}-09-15` },
    { year, name: 'Helår', startsOn: `${year}-01-01`, endsOn: `${year}-12-31`, deadline: `${year + 1}-01-31` },
  ];
}

export async function createDefaultPeriods(
  ctx: AppContext,
  actor: Actor,
  body: z.output<typeof defaultPeriodsBody>,
): Promise<FollowUpPeriodList> {
  requirePeriodWrite(actor, 'create');
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    // The year's periods are decided once: a second call (or a call after periods were set by hand) changes nothing.
    // Two calls at once for the same year: the second waits here and then sees the first's periods.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`follow_up_periods:${body.year}`}))`);
    if ((await fu.periodsOfYears(tx, body.year, body.year)).length > 0) throw conflict('periods_exist');
    const rows = await tx
      .insert(followUpPeriods)
      .values(defaultPeriods(body.year).map((p) => ({ ...p, createdAt: now, updatedAt: now })))
      .returning();
    await recordAudit(
      tx,
      actor,
      rows.map((row) => ({ action: 'create', entityType: 'follow_up_period', entityId: row.id, after: auditedPeriod(row) })),
      now,
    );
    return { items: (await fu.periodsOfYears(tx, body.year, body.year)).map(presentPeriod) };
  });
}

export async function updatePeriod(
  ctx: AppContext,
  actor: Actor,
  id: string,
  body: z.output<typeof updatePeriodBody>,
): Promise<FollowUpPeriod> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const { period } = await loadPeriod(tx, id, 'update');
    requirePeriodWrite(actor, 'update');
    const before = auditedPeriod(period);
    const sent = Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined));
    const after = { ...before, ...sent };
    checkDates(after);
    if (after.name.toLowerCase() !== before.name.toLowerCase()) await checkName(tx, period.year, after.name, id);
    const diff = changedFields(before, after);
    if (diff.changed) {
      await tx
        .update(followUpPeriods)
        .set({ ...after, updatedAt: now })
        .where(eq(followUpPeriods.id, id));
      await recordAudit(
        tx,
        actor,
        { action: 'update', entityType: 'follow_up_period', entityId: id, before: diff.before, after: diff.after },
        now,
      );
    }
    return presentPeriod(await loadPeriod(tx, id));
  });
}

export async function deletePeriod(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const { period, reportCount } = await loadPeriod(tx, id, 'update');
    requirePeriodWrite(actor, 'delete');
    if (Number(reportCount) > 0) throw conflict('period_has_reports');
    await tx.delete(followUpPeriods).where(eq(followUpPeriods.id, id));
    await recordAudit(
      tx,
      actor,
      { action: 'delete', entityType: 'follow_up_period', entityId: id, before: auditedPeriod(period) },
      now,
    );
  });
}

// ---- a plan's follow-up for a period ----

async function planContent(db: DbOrTx, planId: string) {
  const goals = await repo.goalsOf(db, planId);
  const goalIds = goals.map((g) => g.goal.id);
  const [actions, indicators] = [await repo.actionsOf(db, goalIds), await repo.indicatorsOf(db, goalIds)];
  return { goals: goals.map((g) => g.goal), actions, indicators };
}
type Content = Awaited<ReturnType<typeof planContent>>;

/** Reports are written for an adopted plan whose years include the period's. */
const isOpen = (plan: repo.PlanRow, period: fu.PeriodRow) =>
  plan.status === 'adopted' && plan.startYear <= period.year && plan.endYear >= period.year;

async function followUpOf(
  db: DbOrTx,
  actor: Actor,
  row: repo.PlanListRow,
  period: fu.PeriodWithCount,
  content: Content,
  today: string,
): Promise<PlanFollowUp> {
  const reports = await fu.reportsOf(
    db,
    period.period.id,
    content.goals.map((g) => g.id),
    content.actions.map((a) => a.action.id),
    content.indicators.map((i) => i.id),
  );
  const periods = await fu.periodsOfYears(db, row.plan.startYear, row.plan.endYear);
  const open = isOpen(row.plan, period.period);
  // Values from Inkludera's data are for the period's last day, or today while the period runs.
  const day = [period.period.endsOn, today].sort()[0]!;
  const fromData = await valuesFromData(
    db,
    row.plan,
    content.indicators.filter((i) => i.source !== 'manual'),
    { from: period.period.startsOn, day },
  );
  const owner = open && canWrite(actor, 'update', placeOf(row));
  return presentFollowUp({
    row,
    period,
    periods,
    content,
    reports,
    open,
    fromData,
    can: {
      owner,
      action: (responsibleUserId) => open && (owner || responsibleUserId === actor.userId),
    },
  });
}

/** Who may see a plan's follow-up: everyone who reads plans, and those responsible for one of its actions. */
function requireFollowUpRead(actor: Actor, content: Content) {
  if (canRead(actor)) return;
  if (content.actions.some((a) => a.action.responsibleUserId === actor.userId)) return;
  throw forbidden();
}

export async function getFollowUp(ctx: AppContext, actor: Actor, planId: string, periodId: string): Promise<PlanFollowUp> {
  const row = await repo.findPlan(ctx.db, planId, today(ctx));
  if (!row) throw notFound();
  const period = await loadPeriod(ctx.db, periodId);
  const content = await planContent(ctx.db, planId);
  requireFollowUpRead(actor, content);
  return followUpOf(ctx.db, actor, row, period, content, today(ctx));
}

/** The periods of a plan's years, for the follow-up page to choose from. */
export async function planPeriods(ctx: AppContext, actor: Actor, planId: string): Promise<FollowUpPeriodList> {
  const row = await repo.findPlan(ctx.db, planId, today(ctx));
  if (!row) throw notFound();
  requireFollowUpRead(actor, await planContent(ctx.db, planId));
  return { items: (await fu.periodsOfYears(ctx.db, row.plan.startYear, row.plan.endYear)).map(presentPeriod) };
}

/** The ids sent must be the plan's, each once. */
function checkIds(list: { id: string }[], known: Set<string>, path: string, details: Detail[]) {
  const seen = new Set<string>();
  list.forEach((item, index) => {
    if (!known.has(item.id)) details.push({ path: `body.${path}.${index}`, message: 'unknown_item' });
    else if (seen.has(item.id)) details.push({ path: `body.${path}.${index}`, message: 'duplicate' });
    seen.add(item.id);
  });
}

const reportedBy = (actor: Actor, now: Date) => ({ reportedAt: now, reportedByUserId: actor.userId, reportedByName: actor.name });

export async function saveFollowUp(
  ctx: AppContext,
  actor: Actor,
  planId: string,
  periodId: string,
  body: z.output<typeof followUpBody>,
): Promise<PlanFollowUp> {
  const now = ctx.clock.now();
  const day = stockholmDate(now);
  return ctx.db.transaction(async (tx) => {
    // The plan's row lock: two reports of the same plan at once are written one after the other.
    const row = await repo.findPlan(tx, planId, day, 'update');
    if (!row) throw notFound();
    const period = await loadPeriod(tx, periodId);
    const content = await planContent(tx, planId);
    requireFollowUpRead(actor, content);
    if (row.plan.status !== 'adopted') throw conflict('plan_not_adopted');
    if (!isOpen(row.plan, period.period)) throw conflict('period_outside_plan');

    const actions = new Map(content.actions.map((a) => [a.action.id, a.action]));
    const indicators = new Map(content.indicators.map((i) => [i.id, i]));
    const goals = new Map(content.goals.map((g) => [g.id, g]));
    const details: Detail[] = [];
    checkIds(
      body.actions.map((a) => ({ id: a.actionId })),
      new Set(actions.keys()),
      'actions',
      details,
    );
    checkIds(
      body.indicators.map((i) => ({ id: i.indicatorId })),
      new Set(indicators.keys()),
      'indicators',
      details,
    );
    checkIds(
      body.goals.map((g) => ({ id: g.goalId })),
      new Set(goals.keys()),
      'goals',
      details,
    );
    body.indicators.forEach((value, index) => {
      const indicator = indicators.get(value.indicatorId);
      if (!indicator) return;
      const at = `body.indicators.${index}`;
      if (value.total === null) details.push({ path: `${at}.total`, message: 'outcome_required' });
      if (indicator.aboutPeople && (value.women === null || value.men === null) && !value.missingSplitReason)
        details.push({ path: `${at}.missingSplitReason`, message: 'split_reason_required' });
    });
    if (details.length > 0) throw invalid(details);

    const owner = canWrite(actor, 'update', placeOf(row));
    const mayReportAction = (id: string) => owner || actions.get(id)!.responsibleUserId === actor.userId;
    if (!body.actions.every((a) => mayReportAction(a.actionId))) throw forbidden();
    if (!owner && (body.indicators.length > 0 || body.goals.length > 0)) throw forbidden();

    const existing = await fu.reportsOf(
      tx,
      periodId,
      body.goals.map((g) => g.goalId),
      body.actions.map((a) => a.actionId),
      body.indicators.map((i) => i.indicatorId),
    );
    const audits: AuditRecord[] = [];
    const by = reportedBy(actor, now);

    const actionBefore = new Map(existing.actions.map((r) => [r.actionId, r]));
    for (const value of body.actions) {
      const after = { periodId, actionId: value.actionId, status: value.status, comment: value.comment };
      const before = actionBefore.get(value.actionId);
      audits.push(...(await upsert(tx, 'action', before, after, by)));
    }
    // The action's status in the plan follows its newest report: unless a later period has a report of it.
    const later = await fu.laterActionReports(
      tx,
      period.period,
      body.actions.map((a) => a.actionId),
    );
    for (const value of body.actions) {
      const action = actions.get(value.actionId)!;
      if (later.has(action.id) || action.status === value.status) continue;
      await tx.update(planActions).set({ status: value.status, statusChangedAt: now }).where(eq(planActions.id, action.id));
      audits.push({
        action: 'update',
        entityType: 'plan_action',
        entityId: action.id,
        before: { status: action.status },
        after: { status: value.status, byReportOf: periodId },
      });
    }

    const indicatorBefore = new Map(existing.indicators.map((r) => [r.indicatorId, r]));
    for (const value of body.indicators) {
      const indicator = indicators.get(value.indicatorId)!;
      const split = indicator.aboutPeople && value.women !== null && value.men !== null;
      const after = {
        periodId,
        indicatorId: value.indicatorId,
        women: indicator.aboutPeople ? value.women : null,
        men: indicator.aboutPeople ? value.men : null,
        total: value.total!,
        missingSplitReason: indicator.aboutPeople && !split ? value.missingSplitReason : null,
        comment: value.comment,
      };
      audits.push(...(await upsert(tx, 'indicator', indicatorBefore.get(value.indicatorId), after, by)));
    }

    const goalBefore = new Map(existing.goals.map((r) => [r.goalId, r]));
    for (const value of body.goals) {
      const after = { periodId, goalId: value.goalId, assessment: value.assessment, analysis: value.analysis };
      audits.push(...(await upsert(tx, 'goal', goalBefore.get(value.goalId), after, by)));
    }

    if (audits.length > 0) await recordAudit(tx, actor, audits, now);
    return followUpOf(tx, actor, (await repo.findPlan(tx, planId, day))!, period, await planContent(tx, planId), day);
  });
}

const reportTables = {
  action: { table: planActionReports, entity: 'plan_action_report', id: planActionReports.id },
  indicator: { table: planIndicatorReports, entity: 'plan_indicator_report', id: planIndicatorReports.id },
  goal: { table: planGoalReports, entity: 'plan_goal_report', id: planGoalReports.id },
} as const;

/** Writes one report: a new one, or the changed fields of the one there is. Returns its audit record (none when unchanged). */
async function upsert<T extends Record<string, unknown>>(
  tx: DbOrTx,
  kind: keyof typeof reportTables,
  before: (Record<string, unknown> & { id: string }) | undefined,
  after: T,
  by: ReturnType<typeof reportedBy>,
): Promise<AuditRecord[]> {
  const t = reportTables[kind];
  if (!before) {
    const id = crypto.randomUUID();
    await tx.insert(t.table).values({ id, ...after, ...by } as never);
    return [{ action: 'create', entityType: t.entity, entityId: id, after }];
  }
  const previous = Object.fromEntries(Object.keys(after).map((key) => [key, before[key]]));
  const diff = changedFields(previous, after);
  if (!diff.changed) return [];
  await tx
    .update(t.table)
    .set({ ...after, ...by } as never)
    .where(eq(t.id, before.id));
  return [{ action: 'update', entityType: t.entity, entityId: before.id, before: diff.before, after: diff.after }];
}

// ---- who has and has not reported ----

/**
 * The status of a period: the adopted plans of its year that the person asking may write (the
 * administrator every plan, a process leader their administration's and its units', a unit manager
 * their units'), each with how much is reported, and the people responsible for actions in them.
 */
export async function periodStatus(ctx: AppContext, actor: Actor, periodId: string): Promise<PeriodStatus> {
  requireRead(actor);
  const period = await loadPeriod(ctx.db, periodId);
  if (accessFor(actor.permissions, 'update', 'action_plan').length === 0) throw forbidden();
  const rows = (await fu.planProgress(ctx.db, period.period)).filter((r) =>
    canWrite(actor, 'update', {
      scope: r.scope,
      administrationId: r.administration_id,
      unitId: r.unit_id,
      unitAdministrationId: r.unit_administration_id,
    }),
  );
  const responsible = await fu.responsibleProgress(
    ctx.db,
    period.period,
    rows.map((r) => r.plan_id),
  );
  const people = new Map<string, { userId: string; name: string; actions: { reported: number; total: number } }>();
  for (const r of responsible) {
    const person = people.get(r.user_id) ?? { userId: r.user_id, name: r.name, actions: { reported: 0, total: 0 } };
    person.actions.reported += r.reported;
    person.actions.total += r.total;
    people.set(r.user_id, person);
  }
  return {
    period: presentPeriod(period),
    plans: rows.map((r) => {
      const actions = { reported: r.actions_reported, total: r.actions_total };
      const indicators = { reported: r.indicators_reported, total: r.indicators_total };
      const goals = { reported: r.goals_reported, total: r.goals_total };
      return {
        planId: r.plan_id,
        name: r.name,
        scope: r.scope as PeriodStatus['plans'][number]['scope'],
        ownerName: r.owner_name,
        actions,
        indicators,
        goals,
        splitMissing: r.split_missing,
        complete: [actions, indicators, goals].every((p) => p.reported === p.total),
      };
    }),
    people: [...people.values()].sort(
      (a, b) =>
        a.actions.reported / a.actions.total - b.actions.reported / b.actions.total ||
        a.name.localeCompare(b.name, 'sv') ||
        a.userId.localeCompare(b.userId),
    ),
  };
}
