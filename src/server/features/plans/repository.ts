import { and, asc, count, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { searchWords } from '../../db/lists.js';
import { actionPlans, administrations, planActions, planGoals, planIndicators, units, users } from '../../db/schema/index.js';
import type { PlanListQuery } from '#shared/contracts/plans';

export type PlanRow = typeof actionPlans.$inferSelect;
export type GoalRow = typeof planGoals.$inferSelect;
export type ActionRow = typeof planActions.$inferSelect;
export type IndicatorRow = typeof planIndicators.$inferSelect;

const counts = (today: string) => ({
  goalCount: sql<number>`(select count(*)::int from ${planGoals} g where g.plan_id = action_plans.id)`,
  actionCount: sql<number>`(select count(*)::int from ${planActions} a join ${planGoals} g on g.id = a.goal_id where g.plan_id = action_plans.id)`,
  actionsDone: sql<number>`(select count(*)::int from ${planActions} a join ${planGoals} g on g.id = a.goal_id where g.plan_id = action_plans.id and a.status = 'done')`,
  actionsOverdue: sql<number>`(select count(*)::int from ${planActions} a join ${planGoals} g on g.id = a.goal_id where g.plan_id = action_plans.id and a.due_date < ${today}::date and a.status not in ('done', 'cancelled'))`,
});

const selection = (today: string) => ({
  plan: actionPlans,
  administrationName: administrations.name,
  unitName: units.name,
  unitAdministrationId: units.administrationId,
  ...counts(today),
});

const sorts = {
  name: [asc(actionPlans.name), asc(actionPlans.version), asc(actionPlans.id)],
  '-name': [desc(actionPlans.name), desc(actionPlans.version), asc(actionPlans.id)],
  startYear: [asc(actionPlans.startYear), asc(actionPlans.name), desc(actionPlans.version), asc(actionPlans.id)],
  '-startYear': [desc(actionPlans.startYear), asc(actionPlans.name), desc(actionPlans.version), asc(actionPlans.id)],
  updatedAt: [asc(actionPlans.updatedAt), asc(actionPlans.id)],
  '-updatedAt': [desc(actionPlans.updatedAt), asc(actionPlans.id)],
} as const;

export async function listPlans(db: DbOrTx, query: PlanListQuery & { page: number; pageSize: number }, today: string) {
  const conditions: (SQL | undefined)[] = [];
  conditions.push(...searchWords(query.q, [actionPlans.name]));
  if (query.scope) conditions.push(eq(actionPlans.scope, query.scope));
  if (query.administrationId)
    conditions.push(
      sql`(${actionPlans.administrationId} = ${query.administrationId} or ${units.administrationId} = ${query.administrationId})`,
    );
  if (query.unitId) conditions.push(eq(actionPlans.unitId, query.unitId));
  if (query.area) conditions.push(eq(actionPlans.area, query.area));
  if (query.status) conditions.push(eq(actionPlans.status, query.status));
  if ((query.versions ?? 'latest') === 'latest')
    conditions.push(
      sql`${actionPlans.version} = (select max(p2.version) from ${actionPlans} p2 where p2.series_id = action_plans.series_id)`,
    );
  const where = and(...conditions);
  const [rows, [{ total }]] = await Promise.all([
    db
      .select(selection(today))
      .from(actionPlans)
      .leftJoin(administrations, eq(administrations.id, actionPlans.administrationId))
      .leftJoin(units, eq(units.id, actionPlans.unitId))
      .where(where)
      .orderBy(...sorts[query.sort ?? '-startYear'])
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ total: count() }).from(actionPlans).leftJoin(units, eq(units.id, actionPlans.unitId)).where(where),
  ]);
  return { rows, total };
}
export type PlanListRow = Awaited<ReturnType<typeof listPlans>>['rows'][number];

export async function findPlan(db: DbOrTx, id: string, today: string, lock?: 'update') {
  const query = db
    .select(selection(today))
    .from(actionPlans)
    .leftJoin(administrations, eq(administrations.id, actionPlans.administrationId))
    .leftJoin(units, eq(units.id, actionPlans.unitId))
    .where(eq(actionPlans.id, id));
  const [row] = lock ? await query.for(lock, { of: actionPlans }) : await query;
  return row;
}

export async function versionsOf(db: DbOrTx, seriesId: string) {
  return db.select().from(actionPlans).where(eq(actionPlans.seriesId, seriesId)).orderBy(desc(actionPlans.version));
}

export async function goalsOf(db: DbOrTx, planId: string) {
  return db
    .select({
      goal: planGoals,
      servesGoalName: sql<
        string | null
      >`(select sg.title || ' (' || sp.name || ')' from ${planGoals} sg join ${actionPlans} sp on sp.id = sg.plan_id where sg.id = plan_goals.serves_goal_id)`,
    })
    .from(planGoals)
    .where(eq(planGoals.planId, planId))
    .orderBy(asc(planGoals.position), asc(planGoals.id));
}

export async function actionsOf(db: DbOrTx, goalIds: string[]) {
  if (goalIds.length === 0) return [];
  return db
    .select({ action: planActions, responsibleName: users.name })
    .from(planActions)
    .leftJoin(users, eq(users.id, planActions.responsibleUserId))
    .where(inArray(planActions.goalId, goalIds))
    .orderBy(asc(planActions.position), asc(planActions.id));
}

export async function indicatorsOf(db: DbOrTx, goalIds: string[]) {
  if (goalIds.length === 0) return [];
  return db
    .select()
    .from(planIndicators)
    .where(inArray(planIndicators.goalId, goalIds))
    .orderBy(asc(planIndicators.position), asc(planIndicators.id));
}

export async function findGoal(db: DbOrTx, id: string) {
  const [row] = await db.select().from(planGoals).where(eq(planGoals.id, id));
  return row;
}
export async function findAction(db: DbOrTx, id: string) {
  const [row] = await db.select().from(planActions).where(eq(planActions.id, id));
  return row;
}
export async function findIndicator(db: DbOrTx, id: string) {
  const [row] = await db.select().from(planIndicators).where(eq(planIndicators.id, id));
  return row;
}

export async function administrationExists(db: DbOrTx, id: string) {
  const [row] = await db.select({ id: administrations.id }).from(administrations).where(eq(administrations.id, id));
  return Boolean(row);
}
export async function findUnit(db: DbOrTx, id: string) {
  const [row] = await db.select({ id: units.id, administrationId: units.administrationId }).from(units).where(eq(units.id, id));
  return row;
}
export async function activeUserExists(db: DbOrTx, id: string) {
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, id), eq(users.active, true)));
  return Boolean(row);
}

/** A goal of an adopted municipal plan, with its plan's series. */
export async function findMunicipalGoal(db: DbOrTx, id: string) {
  const [row] = await db
    .select({ id: planGoals.id, seriesId: actionPlans.seriesId })
    .from(planGoals)
    .innerJoin(actionPlans, eq(actionPlans.id, planGoals.planId))
    .where(and(eq(planGoals.id, id), eq(actionPlans.scope, 'municipality'), eq(actionPlans.status, 'adopted')));
  return row;
}

export async function municipalGoals(db: DbOrTx) {
  return db
    .select({ id: planGoals.id, title: planGoals.title, planId: actionPlans.id, planName: actionPlans.name })
    .from(planGoals)
    .innerJoin(actionPlans, eq(actionPlans.id, planGoals.planId))
    .where(and(eq(actionPlans.scope, 'municipality'), eq(actionPlans.status, 'adopted')))
    .orderBy(asc(actionPlans.name), asc(planGoals.position));
}

// ---- positions among siblings (goals of a plan, actions and indicators of a goal) ----

const positioned = {
  goal: { table: planGoals, parent: planGoals.planId, position: planGoals.position, id: planGoals.id },
  action: { table: planActions, parent: planActions.goalId, position: planActions.position, id: planActions.id },
  indicator: { table: planIndicators, parent: planIndicators.goalId, position: planIndicators.position, id: planIndicators.id },
} as const;
export type PositionedKind = keyof typeof positioned;

export async function siblingCount(db: DbOrTx, kind: PositionedKind, parentId: string): Promise<number> {
  const t = positioned[kind];
  const [row] = await db.select({ n: count() }).from(t.table).where(eq(t.parent, parentId));
  return row?.n ?? 0;
}

/** Moves every sibling at or after a position one place on (by 1) or back (by -1). */
export async function shiftFrom(db: DbOrTx, kind: PositionedKind, parentId: string, from: number, by: 1 | -1) {
  const t = positioned[kind];
  await db
    .update(t.table)
    .set({ position: sql`${t.position} + ${by}` })
    .where(and(eq(t.parent, parentId), sql`${t.position} >= ${from}`));
}

export async function setPosition(db: DbOrTx, kind: PositionedKind, id: string, position: number) {
  const t = positioned[kind];
  await db.update(t.table).set({ position }).where(eq(t.id, id));
}

// ---- writing a plan's versions and content ----

export async function insertPlan(db: DbOrTx, values: typeof actionPlans.$inferInsert) {
  const [row] = await db.insert(actionPlans).values(values).returning();
  return row!;
}

/** Writes a plan's content in three statements, however many goals, actions and indicators it has. */
export async function insertContent(
  db: DbOrTx,
  content: {
    goals: (typeof planGoals.$inferInsert)[];
    actions: (typeof planActions.$inferInsert)[];
    indicators: (typeof planIndicators.$inferInsert)[];
  },
) {
  if (content.goals.length > 0) await db.insert(planGoals).values(content.goals);
  if (content.actions.length > 0) await db.insert(planActions).values(content.actions);
  if (content.indicators.length > 0) await db.insert(planIndicators).values(content.indicators);
}

/**
 * The adopted versions marked public, with the owner's name (at most one per series: adopting a
 * version replaces the earlier one); the municipality's first, then the administrations', the units'.
 */
export async function publicPlanRows(db: DbOrTx, seriesId?: string) {
  return db
    .select({ plan: actionPlans, administrationName: administrations.name, unitName: units.name })
    .from(actionPlans)
    .leftJoin(administrations, eq(administrations.id, actionPlans.administrationId))
    .leftJoin(units, eq(units.id, actionPlans.unitId))
    .where(
      and(
        eq(actionPlans.status, 'adopted'),
        eq(actionPlans.isPublic, true),
        seriesId === undefined ? undefined : eq(actionPlans.seriesId, seriesId),
      ),
    )
    .orderBy(
      sql`case ${actionPlans.scope} when 'municipality' then 0 when 'administration' then 1 else 2 end`,
      asc(actionPlans.name),
      asc(actionPlans.id),
    );
}
