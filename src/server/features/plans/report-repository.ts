import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import type { PeriodRow } from './follow-up-repository.js';

/**
 * The follow-up report's reads, each one statement for all the plans of the scope. Reports are
 * found by lineage: a goal, action or indicator reported on one version of a plan is the same item
 * in the next version, so a revised plan keeps its earlier follow-ups.
 */

export type ReportScopeFilter =
  { kind: 'municipality' } | { kind: 'administration'; administrationId: string } | { kind: 'unit'; unitId: string };

export type ReportPlanRow = {
  id: string;
  name: string;
  area: string;
  scope: string;
  owner_name: string | null;
  start_year: number;
  end_year: number;
  status: string;
  version: number;
  adopted_on: string | null;
  adopted_by: string | null;
};

function scopeCondition(scope: ReportScopeFilter): SQL {
  if (scope.kind === 'administration')
    return sql`((p.scope = 'administration' and p.administration_id = ${scope.administrationId}::uuid)
                or (p.scope = 'unit' and u.administration_id = ${scope.administrationId}::uuid))`;
  if (scope.kind === 'unit') return sql`(p.scope = 'unit' and p.unit_id = ${scope.unitId}::uuid)`;
  return sql`true`;
}

/**
 * The plans the report covers: of each plan, the newest version that is not a draft, when its years
 * include the period's year. Municipal plans first, then by owner and name.
 */
export async function reportPlans(db: DbOrTx, scope: ReportScopeFilter, year: number): Promise<ReportPlanRow[]> {
  const result = await db.execute<ReportPlanRow>(sql`
    select p.id, p.name, p.area, p.scope, coalesce(a.name, u.name) as owner_name, p.start_year, p.end_year, p.status,
           p.version, p.adopted_on::text as adopted_on, p.adopted_by
      from action_plans p
      left join administrations a on a.id = p.administration_id
      left join units u on u.id = p.unit_id
     where p.status <> 'draft'
       and p.version = (select max(p2.version) from action_plans p2 where p2.series_id = p.series_id and p2.status <> 'draft')
       and p.start_year <= ${year} and p.end_year >= ${year}
       and ${scopeCondition(scope)}
     order by case p.scope when 'municipality' then 0 when 'administration' then 1 else 2 end,
              lower(coalesce(a.name, u.name, '')), lower(p.name), p.id`);
  return result.rows.map((r) => ({
    ...r,
    start_year: Number(r.start_year),
    end_year: Number(r.end_year),
    version: Number(r.version),
  }));
}

const idList = (ids: string[]) =>
  sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  );

export type ReportGoalRow = {
  id: string;
  plan_id: string;
  title: string;
  assessment: string | null;
  analysis: string | null;
};

/**
 * The plans' goals with their assessment for the period: the period's assessments keyed once by
 * lineage (the newest report of each), joined to the goals, so it stays one hash join however many
 * goals there are.
 */
export async function reportGoals(db: DbOrTx, planIds: string[], periodId: string): Promise<ReportGoalRow[]> {
  if (planIds.length === 0) return [];
  const result = await db.execute<ReportGoalRow>(sql`
    with reported as (
      select distinct on (rg.lineage_id) rg.lineage_id, r.assessment, r.analysis
        from plan_goal_reports r join plan_goals rg on rg.id = r.goal_id
       where r.period_id = ${periodId}::uuid
       order by rg.lineage_id, r.reported_at desc
    )
    select g.id, g.plan_id, g.title, r.assessment, r.analysis
      from plan_goals g
      left join reported r on r.lineage_id = g.lineage_id
     where g.plan_id in (${idList(planIds)})
     order by g.plan_id, g.position`);
  return result.rows;
}

export type ReportActionRow = {
  id: string;
  goal_id: string;
  title: string;
  responsible_name: string | null;
  due_date: string | null;
  current_status: string;
  reported_status: string | null;
  comment: string | null;
};

/** The plans' actions with their status as reported for the period (keyed by lineage, as the goals). */
export async function reportActions(db: DbOrTx, planIds: string[], periodId: string): Promise<ReportActionRow[]> {
  if (planIds.length === 0) return [];
  const result = await db.execute<ReportActionRow>(sql`
    with reported as (
      select distinct on (ra.lineage_id) ra.lineage_id, r.status, r.comment
        from plan_action_reports r join plan_actions ra on ra.id = r.action_id
       where r.period_id = ${periodId}::uuid
       order by ra.lineage_id, r.reported_at desc
    )
    select a.id, a.goal_id, a.title, us.name as responsible_name, a.due_date::text as due_date, a.status as current_status,
           r.status as reported_status, r.comment
      from plan_goals g
      join plan_actions a on a.goal_id = g.id
      left join users us on us.id = a.responsible_user_id
      left join reported r on r.lineage_id = a.lineage_id
     where g.plan_id in (${idList(planIds)})
     order by a.goal_id, a.position`);
  return result.rows;
}

export type ReportIndicatorRow = {
  id: string;
  goal_id: string;
  lineage_id: string;
  name: string;
  measure: string;
  direction: string;
  target: string | number | null;
  about_people: boolean;
};

export async function reportIndicators(db: DbOrTx, planIds: string[]): Promise<ReportIndicatorRow[]> {
  if (planIds.length === 0) return [];
  const result = await db.execute<ReportIndicatorRow>(sql`
    select i.id, i.goal_id, i.lineage_id, i.name, i.measure, i.direction, i.target, i.about_people
      from plan_goals g
      join plan_indicators i on i.goal_id = g.id
     where g.plan_id in (${idList(planIds)})
     order by i.goal_id, i.position`);
  return result.rows;
}

export type ReportOutcomeRow = {
  lineage_id: string;
  period_id: string;
  year: number;
  period_name: string;
  women: string | number | null;
  men: string | number | null;
  total: string | number;
  missing_split_reason: string | null;
  comment: string | null;
};

/**
 * The indicators' outcomes over the years: the reported period's, and of each of the four years
 * before it the report of that year's last period (the one ending latest). Oldest first.
 */
export async function reportOutcomes(db: DbOrTx, lineageIds: string[], period: PeriodRow): Promise<ReportOutcomeRow[]> {
  if (lineageIds.length === 0) return [];
  const result = await db.execute<ReportOutcomeRow>(sql`
    with reported as (
      select i.lineage_id, p.id as period_id, p.year, p.name as period_name, p.ends_on, r.women, r.men, r.total,
             r.missing_split_reason, r.comment, r.reported_at,
             -- One report per indicator and slot: the reported period (0), or a year before it.
             case when p.id = ${period.id}::uuid then 0 else p.year end as slot
        from plan_indicator_reports r
        join plan_indicators i on i.id = r.indicator_id
        join follow_up_periods p on p.id = r.period_id
       where i.lineage_id in (${idList(lineageIds)})
         and (p.id = ${period.id}::uuid or (p.year < ${period.year} and p.year >= ${period.year - 4}))
    ),
    chosen as (
      select distinct on (lineage_id, slot) *
        from reported
       order by lineage_id, slot, ends_on desc, reported_at desc
    )
    select lineage_id, period_id, year, period_name, women, men, total, missing_split_reason, comment
      from chosen
     order by lineage_id, slot = 0, year, ends_on`);
  return result.rows.map((r) => ({ ...r, year: Number(r.year) }));
}

/** The administration's or unit's name; null when there is none with that id. */
export async function scopeName(db: DbOrTx, kind: 'administration' | 'unit', id: string): Promise<string | null> {
  const result =
    kind === 'administration'
      ? await db.execute<{ name: string }>(sql`select name from administrations where id = ${id}::uuid`)
      : await db.execute<{ name: string }>(sql`select name from units where id = ${id}::uuid`);
  return result.rows[0]?.name ?? null;
}
