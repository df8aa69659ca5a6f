import { and, asc, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { searchWords } from '../../db/lists.js';
import { actionPlans, administrations, planActions, planGoals, units } from '../../db/schema/index.js';

/**
 * The plans feature's service for other features that point at an action of a plan (citizens'
 * messages link to actions, docs/messages.md). An action is named by its lineage, the same action
 * through the plan's versions (decision 0011), so what points at it survives a revision. Other
 * features call these functions, never the plans' tables.
 */

/** Plans of the municipality, and of these administrations and their units; null: every plan. */
export type PlanReach = { administrationIds: string[] } | null;

/** An action as another feature shows it: in the newest version of its plan that holds it. */
export type ActionRef = {
  actionId: string;
  actionLineageId: string;
  actionTitle: string;
  actionStatus: string;
  goalTitle: string;
  planId: string;
  planSeriesId: string;
  planName: string;
  planVersion: number;
  planStatus: string;
  scope: string;
  administrationId: string | null;
  /** The administration of the plan, or of its unit. */
  ownerAdministrationId: string | null;
  ownerName: string | null;
};

const columns = {
  actionId: planActions.id,
  actionLineageId: planActions.lineageId,
  actionTitle: planActions.title,
  actionStatus: planActions.status,
  goalTitle: planGoals.title,
  planId: actionPlans.id,
  planSeriesId: actionPlans.seriesId,
  planName: actionPlans.name,
  planVersion: actionPlans.version,
  planStatus: actionPlans.status,
  scope: actionPlans.scope,
  administrationId: actionPlans.administrationId,
  ownerAdministrationId: sql<string | null>`coalesce(${actionPlans.administrationId}, ${units.administrationId})`,
  ownerName: sql<string | null>`coalesce(${administrations.name}, ${units.name})`,
};

const reachCondition = (reach: PlanReach): SQL | undefined => {
  if (reach === null) return undefined;
  if (reach.administrationIds.length === 0) return sql`${actionPlans.scope} = 'municipality'`;
  return or(
    sql`${actionPlans.scope} = 'municipality'`,
    inArray(actionPlans.administrationId, reach.administrationIds),
    inArray(units.administrationId, reach.administrationIds),
  );
};

/** Open to links: a draft or an adopted version (not a replaced or ended one). */
const linkable = sql`${actionPlans.status} in ('draft', 'adopted')`;

function base(db: DbOrTx, where: SQL | undefined) {
  return db
    .selectDistinctOn([planActions.lineageId], columns)
    .from(planActions)
    .innerJoin(planGoals, sql`${planGoals.id} = ${planActions.goalId}`)
    .innerJoin(actionPlans, sql`${actionPlans.id} = ${planGoals.planId}`)
    .leftJoin(administrations, sql`${administrations.id} = ${actionPlans.administrationId}`)
    .leftJoin(units, sql`${units.id} = ${actionPlans.unitId}`)
    .where(where);
}

/**
 * Actions of draft and adopted plans within reach whose plan name, goal or action title holds every
 * word of q: one row per action lineage (the adopted version when a draft revises it), at most limit.
 */
export async function searchLinkableActions(db: DbOrTx, q: string, reach: PlanReach, limit: number): Promise<ActionRef[]> {
  const rows = await base(
    db,
    and(linkable, reachCondition(reach), ...searchWords(q, [actionPlans.name, planGoals.title, planActions.title])),
  ).orderBy(
    planActions.lineageId,
    sql`case ${actionPlans.status} when 'adopted' then 0 else 1 end`,
    sql`${actionPlans.version} desc`,
  );
  return rows
    .sort(
      (a, b) =>
        a.planName.localeCompare(b.planName, 'sv') ||
        a.goalTitle.localeCompare(b.goalTitle, 'sv') ||
        a.actionTitle.localeCompare(b.actionTitle, 'sv'),
    )
    .slice(0, limit);
}

/** One action of a draft or adopted plan, by its id, if it is within reach. */
export async function linkableAction(db: DbOrTx, actionId: string, reach: PlanReach): Promise<ActionRef | null> {
  const [row] = await base(db, and(linkable, reachCondition(reach), sql`${planActions.id} = ${actionId}::uuid`));
  return row ?? null;
}

/** The actions of these lineages, each in the newest version of its plan that holds it. */
export async function actionsByLineage(db: DbOrTx, lineageIds: string[]): Promise<Map<string, ActionRef>> {
  if (lineageIds.length === 0) return new Map();
  const rows = await base(db, inArray(planActions.lineageId, lineageIds)).orderBy(
    planActions.lineageId,
    sql`${actionPlans.version} desc`,
  );
  return new Map(rows.map((r) => [r.actionLineageId, r]));
}

/** The lineages of the actions of one plan version, in the plan's order; null when there is no such plan. */
export async function actionLineagesOfPlan(db: DbOrTx, planId: string): Promise<string[] | null> {
  const [plan] = await db
    .select({ id: actionPlans.id })
    .from(actionPlans)
    .where(sql`${actionPlans.id} = ${planId}::uuid`);
  if (!plan) return null;
  const rows = await db
    .select({ lineageId: planActions.lineageId })
    .from(planActions)
    .innerJoin(planGoals, sql`${planGoals.id} = ${planActions.goalId}`)
    .where(sql`${planGoals.planId} = ${planId}::uuid`)
    .orderBy(asc(planGoals.position), asc(planActions.position));
  return rows.map((r) => r.lineageId);
}
