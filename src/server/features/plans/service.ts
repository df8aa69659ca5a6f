import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Actor, AppContext } from '../../context.js';
import type { DbOrTx } from '../../db/client.js';
import { actionPlans, planActions, planGoals, planIndicators } from '../../db/schema/index.js';
import { badRequest, conflict, forbidden, notFound } from '../../http/errors.js';
import type { Page } from '#shared/contracts/common';
import type {
  MunicipalGoalOption,
  Plan,
  PlanChange,
  PlanChanges,
  PlanGoal,
  PlanListQuery,
  PlanSummary,
  actionBody,
  adoptPlanBody,
  copyPlanBody,
  createPlanBody,
  goalBody,
  indicatorBody,
  revisePlanBody,
  updateActionBody,
  updateGoalBody,
  updateIndicatorBody,
  updatePlanBody,
} from '#shared/contracts/plans';
import type { Action } from '#shared/permissions';
import { changedFields, recordAudit } from '../audit/service.js';
import { stockholmDate } from '../employees/current.js';
import { canRead, canWrite, type PlanPlace } from './policy.js';
import { presentAction, presentIndicator, presentPlan, presentSummary } from './presenter.js';
import * as repo from './repository.js';
import { deleteDiscussionOfSeries } from './discussion-repository.js';

type PlanListRow = repo.PlanListRow;
const invalid = (path: string, message: string) => badRequest('validation_failed', [{ path, message }]);

function requireRead(actor: Actor) {
  if (!canRead(actor)) throw forbidden();
}
const placeOf = (row: PlanListRow): PlanPlace => ({
  scope: row.plan.scope,
  administrationId: row.plan.administrationId,
  unitId: row.plan.unitId,
  unitAdministrationId: row.unitAdministrationId,
});
function requireWrite(actor: Actor, action: Action, row: PlanListRow) {
  if (!canWrite(actor, action, placeOf(row))) throw forbidden();
}
const today = (ctx: AppContext) => stockholmDate(ctx.clock.now());

async function loadPlan(db: DbOrTx, id: string, day: string, lock?: 'update') {
  const row = await repo.findPlan(db, id, day, lock);
  if (!row) throw notFound();
  return row;
}

async function goalsDetail(db: DbOrTx, planId: string, day: string): Promise<PlanGoal[]> {
  const goals = await repo.goalsOf(db, planId);
  const ids = goals.map((g) => g.goal.id);
  const [actions, indicators] = [await repo.actionsOf(db, ids), await repo.indicatorsOf(db, ids)];
  return goals.map(({ goal, servesGoalName }) => ({
    id: goal.id,
    lineageId: goal.lineageId,
    planId: goal.planId,
    position: goal.position,
    title: goal.title,
    description: goal.description,
    servesGoalId: goal.servesGoalId,
    servesGoalName,
    actions: actions.filter((a) => a.action.goalId === goal.id).map((a) => presentAction(a, day)),
    indicators: indicators.filter((i) => i.goalId === goal.id).map(presentIndicator),
  }));
}

async function detailOf(db: DbOrTx, actor: Actor, id: string, day: string): Promise<Plan> {
  const row = await loadPlan(db, id, day);
  const versions = await repo.versionsOf(db, row.plan.seriesId);
  const place = placeOf(row);
  const status = row.plan.status;
  const update = canWrite(actor, 'update', place);
  const hasDraft = versions.some((v) => v.status === 'draft');
  const can = {
    edit: update && status === 'draft',
    adopt: update && status === 'draft',
    revise: canWrite(actor, 'create', place) && status === 'adopted' && !hasDraft,
    end: update && status === 'adopted',
    delete: canWrite(actor, 'delete', place) && status === 'draft',
    updateProgress: update && (status === 'draft' || status === 'adopted'),
  };
  return presentPlan(row, await goalsDetail(db, id, day), versions, can);
}

export async function listPlans(
  ctx: AppContext,
  actor: Actor,
  query: PlanListQuery & { page: number; pageSize: number },
): Promise<Page<PlanSummary>> {
  requireRead(actor);
  const { rows, total } = await repo.listPlans(ctx.db, query, today(ctx));
  return { items: rows.map(presentSummary), total, page: query.page, pageSize: query.pageSize };
}

export async function getPlan(ctx: AppContext, actor: Actor, id: string): Promise<Plan> {
  requireRead(actor);
  return detailOf(ctx.db, actor, id, today(ctx));
}

const auditedPlan = (p: repo.PlanRow) => ({
  area: p.area,
  name: p.name,
  description: p.description,
  startYear: p.startYear,
  endYear: p.endYear,
  isPublic: p.isPublic,
});

export async function createPlan(ctx: AppContext, actor: Actor, body: z.output<typeof createPlanBody>): Promise<Plan> {
  requireRead(actor);
  const now = ctx.clock.now();
  const day = stockholmDate(now);
  return ctx.db.transaction(async (tx) => {
    let place: PlanPlace = { scope: body.scope, administrationId: null, unitId: null, unitAdministrationId: null };
    if (body.scope === 'administration') {
      if (!(await repo.administrationExists(tx, body.administrationId!)))
        throw invalid('body.administrationId', 'unknown_administration');
      place = { ...place, administrationId: body.administrationId };
    } else if (body.scope === 'unit') {
      const unit = await repo.findUnit(tx, body.unitId!);
      if (!unit) throw invalid('body.unitId', 'unknown_unit');
      place = { ...place, unitId: unit.id, unitAdministrationId: unit.administrationId };
    }
    if (!canWrite(actor, 'create', place)) throw forbidden();
    const id = crypto.randomUUID();
    const [row] = await tx
      .insert(actionPlans)
      .values({
        id,
        seriesId: id,
        version: 1,
        scope: body.scope,
        administrationId: place.administrationId,
        unitId: place.unitId,
        area: body.area,
        name: body.name,
        description: body.description,
        startYear: body.startYear,
        endYear: body.endYear,
        isPublic: body.isPublic,
        status: 'draft',
        createdAt: now,
        updatedAt: now,
        createdByUserId: actor.userId,
        createdByName: actor.name,
      })
      .returning();
    await recordAudit(
      tx,
      actor,
      {
        action: 'create',
        entityType: 'action_plan',
        entityId: id,
        after: {
          scope: body.scope,
          administrationId: place.administrationId,
          unitId: place.unitId,
          version: 1,
          ...auditedPlan(row),
        },
      },
      now,
    );
    return detailOf(tx, actor, id, day);
  });
}

/** The record with the fields a PATCH body sends (undefined: not sent; null: cleared); other keys of the body are ignored. */
function patched<T extends object>(before: T, body: Partial<Record<keyof T, unknown>> & object): T {
  const sent = Object.entries(body).filter(([key, value]) => value !== undefined && key in before);
  return { ...before, ...Object.fromEntries(sent) };
}

/** A locked plan (adopted, ended, replaced) is not edited. */
function requireDraft(row: PlanListRow) {
  if (row.plan.status !== 'draft') throw conflict('plan_locked');
}

async function touch(tx: DbOrTx, planId: string, now: Date) {
  await tx.update(actionPlans).set({ updatedAt: now }).where(eq(actionPlans.id, planId));
}

export async function updatePlan(
  ctx: AppContext,
  actor: Actor,
  id: string,
  body: z.output<typeof updatePlanBody>,
): Promise<Plan> {
  requireRead(actor);
  const now = ctx.clock.now();
  const day = stockholmDate(now);
  return ctx.db.transaction(async (tx) => {
    const row = await loadPlan(tx, id, day, 'update');
    requireWrite(actor, 'update', row);
    requireDraft(row);
    const before = auditedPlan(row.plan);
    const after = patched(before, body);
    if (after.endYear < after.startYear) throw invalid('body.endYear', 'end_before_start');
    const diff = changedFields(before, after);
    if (diff.changed) {
      await tx
        .update(actionPlans)
        .set({ ...after, updatedAt: now })
        .where(eq(actionPlans.id, id));
      await recordAudit(
        tx,
        actor,
        { action: 'update', entityType: 'action_plan', entityId: id, before: diff.before, after: diff.after },
        now,
      );
    }
    return detailOf(tx, actor, id, day);
  });
}

/**
 * Shows or hides a plan on the public site. Publishing is not a change of the plan's content, so
 * it is allowed on a draft and on an adopted plan alike (not on an ended or replaced one); audited.
 */
export async function setPlanPublic(ctx: AppContext, actor: Actor, id: string, isPublic: boolean): Promise<Plan> {
  requireRead(actor);
  const now = ctx.clock.now();
  const day = stockholmDate(now);
  return ctx.db.transaction(async (tx) => {
    const row = await loadPlan(tx, id, day, 'update');
    requireWrite(actor, 'update', row);
    if (row.plan.status !== 'draft' && row.plan.status !== 'adopted') throw conflict('plan_locked');
    if (row.plan.isPublic !== isPublic) {
      await tx.update(actionPlans).set({ isPublic, updatedAt: now }).where(eq(actionPlans.id, id));
      await recordAudit(
        tx,
        actor,
        {
          action: 'update',
          entityType: 'action_plan',
          entityId: id,
          before: { isPublic: row.plan.isPublic },
          after: { isPublic },
        },
        now,
      );
    }
    return detailOf(tx, actor, id, day);
  });
}

export async function deletePlan(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  requireRead(actor);
  const now = ctx.clock.now();
  const day = stockholmDate(now);
  await ctx.db.transaction(async (tx) => {
    const row = await loadPlan(tx, id, day, 'update');
    requireWrite(actor, 'delete', row);
    requireDraft(row);
    await tx.delete(actionPlans).where(eq(actionPlans.id, id));
    await deleteDiscussionOfSeries(tx, row.plan.seriesId);
    await recordAudit(
      tx,
      actor,
      {
        action: 'delete',
        entityType: 'action_plan',
        entityId: id,
        before: { version: row.plan.version, ...auditedPlan(row.plan) },
      },
      now,
    );
  });
}

export async function adoptPlan(ctx: AppContext, actor: Actor, id: string, body: z.output<typeof adoptPlanBody>): Promise<Plan> {
  requireRead(actor);
  const now = ctx.clock.now();
  const day = stockholmDate(now);
  if (body.adoptedOn > day) throw invalid('body.adoptedOn', 'adopted_in_future');
  return ctx.db.transaction(async (tx) => {
    const row = await loadPlan(tx, id, day, 'update');
    requireWrite(actor, 'update', row);
    if (row.plan.status !== 'draft') throw conflict('plan_locked');
    const replaced = await tx
      .update(actionPlans)
      .set({ status: 'replaced', updatedAt: now })
      .where(and(eq(actionPlans.seriesId, row.plan.seriesId), eq(actionPlans.status, 'adopted')))
      .returning({ id: actionPlans.id });
    await tx
      .update(actionPlans)
      .set({ status: 'adopted', adoptedOn: body.adoptedOn, adoptedBy: body.adoptedBy, updatedAt: now })
      .where(eq(actionPlans.id, id));
    await recordAudit(
      tx,
      actor,
      [
        {
          action: 'adopt',
          entityType: 'action_plan',
          entityId: id,
          before: { status: 'draft' },
          after: { status: 'adopted', adoptedOn: body.adoptedOn, adoptedBy: body.adoptedBy },
        },
        ...replaced.map((r) => ({
          action: 'replace',
          entityType: 'action_plan',
          entityId: r.id,
          before: { status: 'adopted' },
          after: { status: 'replaced', by: id },
        })),
      ],
      now,
    );
    return detailOf(tx, actor, id, day);
  });
}

export async function endPlan(ctx: AppContext, actor: Actor, id: string): Promise<Plan> {
  requireRead(actor);
  const now = ctx.clock.now();
  const day = stockholmDate(now);
  return ctx.db.transaction(async (tx) => {
    const row = await loadPlan(tx, id, day, 'update');
    requireWrite(actor, 'update', row);
    if (row.plan.status !== 'adopted') throw conflict('plan_not_adopted');
    await tx.update(actionPlans).set({ status: 'ended', updatedAt: now }).where(eq(actionPlans.id, id));
    await recordAudit(
      tx,
      actor,
      { action: 'end', entityType: 'action_plan', entityId: id, before: { status: 'adopted' }, after: { status: 'ended' } },
      now,
    );
    return detailOf(tx, actor, id, day);
  });
}

/** Copies the goals with their actions and indicators to another plan; keepLineage for a new version of the same plan. */
async function copyContent(tx: DbOrTx, fromPlanId: string, toPlanId: string, keepLineage: boolean) {
  const goals = await repo.goalsOf(tx, fromPlanId);
  const ids = goals.map((g) => g.goal.id);
  const [actions, indicators] = [await repo.actionsOf(tx, ids), await repo.indicatorsOf(tx, ids)];
  const newGoalId = new Map(goals.map(({ goal }) => [goal.id, crypto.randomUUID()]));
  const lineage = (oldLineage: string, newId: string) => (keepLineage ? oldLineage : newId);
  await repo.insertContent(tx, {
    goals: goals.map(({ goal }) => {
      const id = newGoalId.get(goal.id)!;
      return { ...goal, id, planId: toPlanId, lineageId: lineage(goal.lineageId, id) };
    }),
    actions: actions.map(({ action }) => {
      const id = crypto.randomUUID();
      return {
        ...action,
        id,
        goalId: newGoalId.get(action.goalId)!,
        lineageId: lineage(action.lineageId, id),
        status: keepLineage ? action.status : 'not_started',
        statusChangedAt: keepLineage ? action.statusChangedAt : null,
      };
    }),
    indicators: indicators.map((indicator) => {
      const id = crypto.randomUUID();
      return { ...indicator, id, goalId: newGoalId.get(indicator.goalId)!, lineageId: lineage(indicator.lineageId, id) };
    }),
  });
}

/** A new version of a plan, or a new plan copied from one: the same owner and texts, a draft by the actor. */
function draftFrom(p: repo.PlanRow, actor: Actor, now: Date, changes: Partial<typeof actionPlans.$inferInsert>) {
  return {
    id: crypto.randomUUID(),
    seriesId: p.seriesId,
    version: p.version,
    scope: p.scope,
    administrationId: p.administrationId,
    unitId: p.unitId,
    area: p.area,
    name: p.name,
    description: p.description,
    startYear: p.startYear,
    endYear: p.endYear,
    isPublic: p.isPublic,
    status: 'draft',
    createdAt: now,
    updatedAt: now,
    createdByUserId: actor.userId,
    createdByName: actor.name,
    ...changes,
  };
}

export async function revisePlan(
  ctx: AppContext,
  actor: Actor,
  id: string,
  body: z.output<typeof revisePlanBody>,
): Promise<Plan> {
  requireRead(actor);
  const now = ctx.clock.now();
  const day = stockholmDate(now);
  return ctx.db.transaction(async (tx) => {
    const row = await loadPlan(tx, id, day, 'update');
    requireWrite(actor, 'create', row);
    const versions = await repo.versionsOf(tx, row.plan.seriesId);
    if (row.plan.status === 'adopted' && versions.some((v) => v.status === 'draft')) throw conflict('plan_draft_exists');
    if (row.plan.status !== 'adopted') throw conflict('plan_not_adopted');
    const version = Math.max(...versions.map((v) => v.version)) + 1;
    const { id: newId } = await repo.insertPlan(tx, draftFrom(row.plan, actor, now, { version, changeNote: body.changeNote }));
    await copyContent(tx, id, newId, true);
    await recordAudit(
      tx,
      actor,
      { action: 'revise', entityType: 'action_plan', entityId: newId, after: { from: id, version, changeNote: body.changeNote } },
      now,
    );
    return detailOf(tx, actor, newId, day);
  });
}

export async function copyPlan(ctx: AppContext, actor: Actor, id: string, body: z.output<typeof copyPlanBody>): Promise<Plan> {
  requireRead(actor);
  const now = ctx.clock.now();
  const day = stockholmDate(now);
  return ctx.db.transaction(async (tx) => {
    const row = await loadPlan(tx, id, day);
    requireWrite(actor, 'create', row);
    const newPlanId = crypto.randomUUID();
    const { id: newId } = await repo.insertPlan(
      tx,
      draftFrom(row.plan, actor, now, {
        id: newPlanId,
        seriesId: newPlanId,
        version: 1,
        name: body.name,
        startYear: body.startYear,
        endYear: body.endYear,
      }),
    );
    await copyContent(tx, id, newId, false);
    await recordAudit(
      tx,
      actor,
      {
        action: 'copy',
        entityType: 'action_plan',
        entityId: newId,
        after: { from: id, name: body.name, startYear: body.startYear, endYear: body.endYear },
      },
      now,
    );
    return detailOf(tx, actor, newId, day);
  });
}

/** Field-by-field comparison of two records: the names of the fields that differ. */
function differing(a: Record<string, unknown>, b: Record<string, unknown>, fields: string[]) {
  return fields.filter((f) => JSON.stringify(a[f] ?? null) !== JSON.stringify(b[f] ?? null));
}

function compare<T extends { lineageId: string } & Record<string, unknown>>(
  kind: PlanChange['kind'],
  before: T[],
  after: T[],
  label: (t: T) => string,
  fields: string[],
): PlanChange[] {
  const items: PlanChange[] = [];
  const old = new Map(before.map((b) => [b.lineageId, b]));
  const now = new Set(after.map((a) => a.lineageId));
  for (const a of after) {
    const b = old.get(a.lineageId);
    if (!b) items.push({ kind, change: 'added', label: label(a), fields: [] });
    else {
      const changed = differing(b, a, fields);
      if (changed.length > 0) items.push({ kind, change: 'changed', label: label(a), fields: changed });
    }
  }
  for (const b of before) if (!now.has(b.lineageId)) items.push({ kind, change: 'removed', label: label(b), fields: [] });
  return items;
}

async function contentOf(db: DbOrTx, planId: string) {
  const goals = (await repo.goalsOf(db, planId)).map((g) => g.goal);
  const ids = goals.map((g) => g.id);
  const goalLineage = new Map(goals.map((g) => [g.id, g.lineageId]));
  const actions = (await repo.actionsOf(db, ids)).map((a) => ({ ...a.action, goal: goalLineage.get(a.action.goalId) }));
  const indicators = (await repo.indicatorsOf(db, ids)).map((i) => ({ ...i, goal: goalLineage.get(i.goalId) }));
  return { goals, actions, indicators };
}

export async function planChanges(ctx: AppContext, actor: Actor, id: string): Promise<PlanChanges> {
  requireRead(actor);
  const day = today(ctx);
  const row = await loadPlan(ctx.db, id, day);
  const versions = await repo.versionsOf(ctx.db, row.plan.seriesId);
  const previous = versions.find((v) => v.version < row.plan.version);
  if (!previous) return { planId: id, previousPlanId: null, previousVersion: null, items: [] };
  const [b, a] = [await contentOf(ctx.db, previous.id), await contentOf(ctx.db, id)];
  const planFields = ['area', 'name', 'description', 'startYear', 'endYear', 'isPublic'];
  const planDiff = differing(previous, row.plan, planFields);
  const items: PlanChange[] = [
    ...(planDiff.length > 0
      ? [{ kind: 'plan' as const, change: 'changed' as const, label: row.plan.name, fields: planDiff }]
      : []),
    ...compare('goal', b.goals, a.goals, (g) => g.title, ['position', 'title', 'description', 'servesGoalId']),
    ...compare('action', b.actions, a.actions, (x) => x.title, [
      'goal',
      'position',
      'title',
      'description',
      'responsibleUserId',
      'startDate',
      'dueDate',
      'status',
    ]),
    ...compare('indicator', b.indicators, a.indicators, (x) => x.name, [
      'goal',
      'position',
      'name',
      'description',
      'measure',
      'direction',
      'target',
      'aboutPeople',
      'source',
    ]),
  ];
  return { planId: id, previousPlanId: previous.id, previousVersion: previous.version, items };
}

export async function municipalGoals(ctx: AppContext, actor: Actor): Promise<{ items: MunicipalGoalOption[] }> {
  requireRead(actor);
  return { items: await repo.municipalGoals(ctx.db) };
}

// ---- positions ----

/** Makes room at a position (at the end when left out or past it); returns the position to take. */
async function openAt(tx: DbOrTx, kind: repo.PositionedKind, parentId: string, wanted: number | undefined): Promise<number> {
  const n = await repo.siblingCount(tx, kind, parentId);
  const position = wanted === undefined || wanted > n ? n + 1 : wanted;
  if (position <= n) await repo.shiftFrom(tx, kind, parentId, position, 1);
  return position;
}
async function closeAt(tx: DbOrTx, kind: repo.PositionedKind, parentId: string, position: number) {
  await repo.shiftFrom(tx, kind, parentId, position + 1, -1);
}
/** Moves a row from one position to another among its siblings; returns the position it takes. */
async function moveTo(tx: DbOrTx, kind: repo.PositionedKind, parentId: string, id: string, from: number, wanted: number) {
  await repo.setPosition(tx, kind, id, 0);
  await closeAt(tx, kind, parentId, from);
  const others = (await repo.siblingCount(tx, kind, parentId)) - 1;
  const position = Math.min(wanted, others + 1);
  if (position <= others) await repo.shiftFrom(tx, kind, parentId, position, 1);
  await repo.setPosition(tx, kind, id, position);
  return position;
}

// ---- goals ----

async function checkServes(tx: DbOrTx, servesGoalId: string | null | undefined, seriesId: string) {
  if (!servesGoalId) return;
  const goal = await repo.findMunicipalGoal(tx, servesGoalId);
  if (!goal || goal.seriesId === seriesId) throw invalid('body.servesGoalId', 'unknown_goal');
}

async function goalWithPlan(tx: DbOrTx, goalId: string, day: string) {
  const goal = await repo.findGoal(tx, goalId);
  if (!goal) throw notFound();
  return { goal, plan: await loadPlan(tx, goal.planId, day, 'update') };
}

async function presentGoal(tx: DbOrTx, planId: string, goalId: string, day: string): Promise<PlanGoal> {
  const goal = (await goalsDetail(tx, planId, day)).find((g) => g.id === goalId);
  if (!goal) throw notFound();
  return goal;
}

export async function createGoal(
  ctx: AppContext,
  actor: Actor,
  planId: string,
  body: z.output<typeof goalBody>,
): Promise<PlanGoal> {
  requireRead(actor);
  const now = ctx.clock.now();
  const day = stockholmDate(now);
  return ctx.db.transaction(async (tx) => {
    const plan = await loadPlan(tx, planId, day, 'update');
    requireWrite(actor, 'update', plan);
    requireDraft(plan);
    await checkServes(tx, body.servesGoalId, plan.plan.seriesId);
    const position = await openAt(tx, 'goal', planId, body.position);
    const id = crypto.randomUUID();
    await tx.insert(planGoals).values({
      id,
      planId,
      lineageId: id,
      position,
      title: body.title,
      description: body.description,
      servesGoalId: body.servesGoalId,
    });
    await touch(tx, planId, now);
    await recordAudit(
      tx,
      actor,
      {
        action: 'create',
        entityType: 'plan_goal',
        entityId: id,
        after: { planId, position, title: body.title, description: body.description, servesGoalId: body.servesGoalId },
      },
      now,
    );
    return presentGoal(tx, planId, id, day);
  });
}

export async function updateGoal(
  ctx: AppContext,
  actor: Actor,
  id: string,
  body: z.output<typeof updateGoalBody>,
): Promise<PlanGoal> {
  requireRead(actor);
  const now = ctx.clock.now();
  const day = stockholmDate(now);
  return ctx.db.transaction(async (tx) => {
    const { goal, plan } = await goalWithPlan(tx, id, day);
    requireWrite(actor, 'update', plan);
    requireDraft(plan);
    if (body.servesGoalId !== undefined) await checkServes(tx, body.servesGoalId, plan.plan.seriesId);
    const before = { title: goal.title, description: goal.description, servesGoalId: goal.servesGoalId, position: goal.position };
    let position = goal.position;
    if (body.position !== undefined && body.position !== goal.position)
      position = await moveTo(tx, 'goal', goal.planId, id, goal.position, body.position);
    const after = patched(before, { ...body, position });
    const diff = changedFields(before, after);
    if (diff.changed) {
      await tx.update(planGoals).set(after).where(eq(planGoals.id, id));
      await touch(tx, goal.planId, now);
      await recordAudit(
        tx,
        actor,
        { action: 'update', entityType: 'plan_goal', entityId: id, before: diff.before, after: diff.after },
        now,
      );
    }
    return presentGoal(tx, goal.planId, id, day);
  });
}

export async function deleteGoal(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  requireRead(actor);
  const now = ctx.clock.now();
  const day = stockholmDate(now);
  await ctx.db.transaction(async (tx) => {
    const { goal, plan } = await goalWithPlan(tx, id, day);
    requireWrite(actor, 'update', plan);
    requireDraft(plan);
    await tx.delete(planGoals).where(eq(planGoals.id, id));
    await closeAt(tx, 'goal', goal.planId, goal.position);
    await touch(tx, goal.planId, now);
    await recordAudit(
      tx,
      actor,
      {
        action: 'delete',
        entityType: 'plan_goal',
        entityId: id,
        before: { planId: goal.planId, title: goal.title, position: goal.position },
      },
      now,
    );
  });
}

// ---- actions ----

async function checkUser(tx: DbOrTx, userId: string | null | undefined) {
  if (userId && !(await repo.activeUserExists(tx, userId))) throw invalid('body.responsibleUserId', 'unknown_user');
}

async function presentOneAction(tx: DbOrTx, goalId: string, id: string, day: string) {
  const row = (await repo.actionsOf(tx, [goalId])).find((a) => a.action.id === id);
  if (!row) throw notFound();
  return presentAction(row, day);
}

export async function createAction(ctx: AppContext, actor: Actor, goalId: string, body: z.output<typeof actionBody>) {
  requireRead(actor);
  const now = ctx.clock.now();
  const day = stockholmDate(now);
  return ctx.db.transaction(async (tx) => {
    const { plan } = await goalWithPlan(tx, goalId, day);
    requireWrite(actor, 'update', plan);
    requireDraft(plan);
    await checkUser(tx, body.responsibleUserId);
    const position = await openAt(tx, 'action', goalId, body.position);
    const id = crypto.randomUUID();
    const values = {
      title: body.title,
      description: body.description,
      responsibleUserId: body.responsibleUserId,
      startDate: body.startDate,
      dueDate: body.dueDate,
      status: body.status,
    };
    await tx
      .insert(planActions)
      .values({ id, goalId, lineageId: id, position, ...values, statusChangedAt: body.status === 'not_started' ? null : now });
    await touch(tx, plan.plan.id, now);
    await recordAudit(
      tx,
      actor,
      { action: 'create', entityType: 'plan_action', entityId: id, after: { goalId, position, ...values } },
      now,
    );
    return presentOneAction(tx, goalId, id, day);
  });
}

export async function updateAction(ctx: AppContext, actor: Actor, id: string, body: z.output<typeof updateActionBody>) {
  requireRead(actor);
  const now = ctx.clock.now();
  const day = stockholmDate(now);
  return ctx.db.transaction(async (tx) => {
    const action = await repo.findAction(tx, id);
    if (!action) throw notFound();
    const { plan } = await goalWithPlan(tx, action.goalId, day);
    requireWrite(actor, 'update', plan);
    const status = plan.plan.status;
    if (status === 'ended' || status === 'replaced') throw conflict('plan_locked');
    const before = {
      title: action.title,
      description: action.description,
      responsibleUserId: action.responsibleUserId,
      startDate: action.startDate,
      dueDate: action.dueDate,
      status: action.status,
      position: action.position,
    };
    if (status === 'adopted') {
      const others = Object.entries(body).filter(
        ([key, value]) =>
          key !== 'status' && value !== undefined && JSON.stringify(value) !== JSON.stringify(before[key as keyof typeof before]),
      );
      if (others.length > 0)
        throw conflict(
          'plan_locked',
          others.map(([key]) => ({ path: `body.${key}`, message: 'plan_locked' })),
        );
    }
    if (body.responsibleUserId !== undefined && body.responsibleUserId !== action.responsibleUserId)
      await checkUser(tx, body.responsibleUserId);
    let position = action.position;
    if (body.position !== undefined && body.position !== action.position)
      position = await moveTo(tx, 'action', action.goalId, id, action.position, body.position);
    const after = patched(before, { ...body, position });
    if (after.startDate && after.dueDate && after.dueDate < after.startDate) throw invalid('body.dueDate', 'end_before_start');
    const diff = changedFields(before, after);
    if (diff.changed) {
      await tx
        .update(planActions)
        .set({ ...after, ...(after.status !== before.status ? { statusChangedAt: now } : {}) })
        .where(eq(planActions.id, id));
      await touch(tx, plan.plan.id, now);
      await recordAudit(
        tx,
        actor,
        { action: 'update', entityType: 'plan_action', entityId: id, before: diff.before, after: diff.after },
        now,
      );
    }
    return presentOneAction(tx, action.goalId, id, day);
  });
}

export async function deleteAction(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  requireRead(actor);
  const now = ctx.clock.now();
  const day = stockholmDate(now);
  await ctx.db.transaction(async (tx) => {
    const action = await repo.findAction(tx, id);
    if (!action) throw notFound();
    const { plan } = await goalWithPlan(tx, action.goalId, day);
    requireWrite(actor, 'update', plan);
    requireDraft(plan);
    await tx.delete(planActions).where(eq(planActions.id, id));
    await closeAt(tx, 'action', action.goalId, action.position);
    await touch(tx, plan.plan.id, now);
    await recordAudit(
      tx,
      actor,
      {
        action: 'delete',
        entityType: 'plan_action',
        entityId: id,
        before: { goalId: action.goalId, title: action.title, position: action.position },
      },
      now,
    );
  });
}

// ---- indicators ----

export async function createIndicator(ctx: AppContext, actor: Actor, goalId: string, body: z.output<typeof indicatorBody>) {
  requireRead(actor);
  const now = ctx.clock.now();
  const day = stockholmDate(now);
  return ctx.db.transaction(async (tx) => {
    const { plan } = await goalWithPlan(tx, goalId, day);
    requireWrite(actor, 'update', plan);
    requireDraft(plan);
    const position = await openAt(tx, 'indicator', goalId, body.position);
    const id = crypto.randomUUID();
    const values = {
      name: body.name,
      description: body.description,
      measure: body.measure,
      direction: body.direction,
      target: body.target,
      aboutPeople: body.aboutPeople,
      source: body.source,
    };
    const [row] = await tx
      .insert(planIndicators)
      .values({ id, goalId, lineageId: id, position, ...values })
      .returning();
    await touch(tx, plan.plan.id, now);
    await recordAudit(
      tx,
      actor,
      { action: 'create', entityType: 'plan_indicator', entityId: id, after: { goalId, position, ...values } },
      now,
    );
    return presentIndicator(row);
  });
}

export async function updateIndicator(ctx: AppContext, actor: Actor, id: string, body: z.output<typeof updateIndicatorBody>) {
  requireRead(actor);
  const now = ctx.clock.now();
  const day = stockholmDate(now);
  return ctx.db.transaction(async (tx) => {
    const indicator = await repo.findIndicator(tx, id);
    if (!indicator) throw notFound();
    const { plan } = await goalWithPlan(tx, indicator.goalId, day);
    requireWrite(actor, 'update', plan);
    requireDraft(plan);
    const before = {
      name: indicator.name,
      description: indicator.description,
      measure: indicator.measure,
      direction: indicator.direction,
      target: indicator.target === null ? null : Number(indicator.target),
      aboutPeople: indicator.aboutPeople,
      source: indicator.source,
      position: indicator.position,
    };
    let position = indicator.position;
    if (body.position !== undefined && body.position !== indicator.position)
      position = await moveTo(tx, 'indicator', indicator.goalId, id, indicator.position, body.position);
    const after = patched(before, { ...body, position });
    const diff = changedFields(before, after);
    if (diff.changed) {
      await tx.update(planIndicators).set(after).where(eq(planIndicators.id, id));
      await touch(tx, plan.plan.id, now);
      await recordAudit(
        tx,
        actor,
        { action: 'update', entityType: 'plan_indicator', entityId: id, before: diff.before, after: diff.after },
        now,
      );
    }
    const row = await repo.findIndicator(tx, id);
    return presentIndicator(row!);
  });
}

export async function deleteIndicator(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  requireRead(actor);
  const now = ctx.clock.now();
  const day = stockholmDate(now);
  await ctx.db.transaction(async (tx) => {
    const indicator = await repo.findIndicator(tx, id);
    if (!indicator) throw notFound();
    const { plan } = await goalWithPlan(tx, indicator.goalId, day);
    requireWrite(actor, 'update', plan);
    requireDraft(plan);
    await tx.delete(planIndicators).where(eq(planIndicators.id, id));
    await closeAt(tx, 'indicator', indicator.goalId, indicator.position);
    await touch(tx, plan.plan.id, now);
    await recordAudit(
      tx,
      actor,
      {
        action: 'delete',
        entityType: 'plan_indicator',
        entityId: id,
        before: { goalId: indicator.goalId, name: indicator.name, position: indicator.position },
      },
      now,
    );
  });
}
