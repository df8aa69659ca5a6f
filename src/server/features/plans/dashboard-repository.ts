import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { dashboardListLimits, nearDeadlineDays } from '#shared/contracts/plan-dashboard';

/**
 * The plans' dashboard in a few set-based statements, whatever the number of plans: each works on
 * the adopted plans in the asking person's scope (a condition on `p`, the plan, and `pu`, its unit).
 */

const uuidList = (ids: readonly string[]) =>
  sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  );

/** Which plans are in scope, as the plans' policy says who writes them (see policy.ts canWrite). */
export type DashboardScope = { any: boolean; administrationIds: string[]; unitIds: string[] };

export function scopeCondition(scope: DashboardScope): SQL {
  if (scope.any) return sql`true`;
  const parts: SQL[] = [];
  // An administration's plans and its units' plans; municipal plans only with 'any'.
  if (scope.administrationIds.length > 0)
    parts.push(sql`coalesce(p.administration_id, pu.administration_id) in (${uuidList(scope.administrationIds)})`);
  if (scope.unitIds.length > 0) parts.push(sql`(p.scope = 'unit' and p.unit_id in (${uuidList(scope.unitIds)}))`);
  return parts.length === 0 ? sql`false` : sql`(${sql.join(parts, sql` or `)})`;
}

/** The adopted plans of the year in scope. */
const scoped = (scope: DashboardScope, year: number) => sql`
  scoped as (
    select p.id, p.name, p.scope, p.area, p.start_year, p.end_year, coalesce(pu.name, pa.name) as owner_name
      from action_plans p
      left join units pu on pu.id = p.unit_id
      left join administrations pa on pa.id = p.administration_id
     where p.status = 'adopted' and p.start_year <= ${year} and p.end_year >= ${year} and ${scopeCondition(scope)}
  )`;

export type PeriodRow = { id: string; name: string; year: number; ends_on: string; deadline: string };

/** The last period of the year (by its end, then deadline) with an assessment of a goal of these plans. */
export async function lastAssessedPeriod(db: DbOrTx, scope: DashboardScope, year: number): Promise<PeriodRow | undefined> {
  const result = await db.execute<PeriodRow>(sql`
    with ${scoped(scope, year)}
    select fp.id, fp.name, fp.year, fp.ends_on::text as ends_on, fp.deadline::text as deadline
      from follow_up_periods fp
     where fp.year = ${year}
       and exists (select 1 from plan_goal_reports r join plan_goals g on g.id = r.goal_id join scoped s on s.id = g.plan_id
                    where r.period_id = fp.id)
     order by fp.ends_on desc, fp.deadline desc, fp.name, fp.id
     limit 1`);
  return result.rows[0];
}

export type PlanRow = {
  id: string;
  name: string;
  scope: string;
  area: string;
  owner_name: string | null;
  start_year: number;
  end_year: number;
  not_started: number;
  ongoing: number;
  done: number;
  postponed: number;
  cancelled: number;
  overdue: number;
  actions: number;
  goals: number;
  met: number;
  partly_met: number;
  not_met: number;
};

/** Each plan with its actions by status (and overdue) and its goals by assessment in the period. */
export async function plansWithCounts(
  db: DbOrTx,
  scope: DashboardScope,
  year: number,
  today: string,
  periodId: string | null,
): Promise<PlanRow[]> {
  const result = await db.execute<PlanRow>(sql`
    with ${scoped(scope, year)},
    acts as (
      select g.plan_id,
             count(*) filter (where x.status = 'not_started')::int as not_started,
             count(*) filter (where x.status = 'ongoing')::int as ongoing,
             count(*) filter (where x.status = 'done')::int as done,
             count(*) filter (where x.status = 'postponed')::int as postponed,
             count(*) filter (where x.status = 'cancelled')::int as cancelled,
             count(*) filter (where x.due_date < ${today}::date and x.status not in ('done', 'cancelled'))::int as overdue,
             count(*)::int as actions
        from scoped s join plan_goals g on g.plan_id = s.id join plan_actions x on x.goal_id = g.id
       group by g.plan_id
    ),
    assessed as (
      select g.plan_id, count(*)::int as goals,
             count(*) filter (where r.assessment = 'met')::int as met,
             count(*) filter (where r.assessment = 'partly_met')::int as partly_met,
             count(*) filter (where r.assessment = 'not_met')::int as not_met
        from scoped s join plan_goals g on g.plan_id = s.id
        left join plan_goal_reports r on r.goal_id = g.id and r.period_id = ${periodId}::uuid
       group by g.plan_id
    )
    select s.id, s.name, s.scope, s.area, s.owner_name, s.start_year, s.end_year,
           coalesce(a.not_started, 0) as not_started, coalesce(a.ongoing, 0) as ongoing, coalesce(a.done, 0) as done,
           coalesce(a.postponed, 0) as postponed, coalesce(a.cancelled, 0) as cancelled, coalesce(a.overdue, 0) as overdue,
           coalesce(a.actions, 0) as actions, coalesce(gs.goals, 0) as goals, coalesce(gs.met, 0) as met,
           coalesce(gs.partly_met, 0) as partly_met, coalesce(gs.not_met, 0) as not_met
      from scoped s
      left join acts a on a.plan_id = s.id
      left join assessed gs on gs.plan_id = s.id
     order by case s.scope when 'municipality' then 0 when 'administration' then 1 else 2 end, s.name, s.id`);
  return result.rows;
}

export type GoalNotMetRow = {
  goal_id: string;
  title: string;
  plan_id: string;
  plan_name: string;
  analysis: string | null;
  total: number;
};

/** The goals assessed as not met in the period, by plan and position. */
export async function goalsNotMet(db: DbOrTx, scope: DashboardScope, year: number, periodId: string): Promise<GoalNotMetRow[]> {
  const result = await db.execute<GoalNotMetRow>(sql`
    with ${scoped(scope, year)}
    select g.id as goal_id, g.title, s.id as plan_id, s.name as plan_name, r.analysis, count(*) over ()::int as total
      from scoped s
      join plan_goals g on g.plan_id = s.id
      join plan_goal_reports r on r.goal_id = g.id and r.period_id = ${periodId}::uuid and r.assessment = 'not_met'
     order by s.name, s.id, g.position, g.id
     limit ${dashboardListLimits.goalsNotMet}`);
  return result.rows;
}

export type IndicatorRow = {
  /** 'far': among the furthest from target, in order; 'split': lacking the split, in order; 'totals': the counts only. */
  kind: 'far' | 'split' | 'totals';
  indicator_id: string;
  name: string;
  plan_id: string;
  plan_name: string;
  measure: string;
  direction: string;
  target: string | number | null;
  about_people: boolean;
  period_name: string;
  period_year: number;
  women: string | number | null;
  men: string | number | null;
  total: string | number;
  distance: string | number | null;
  split_missing: boolean;
  off_target_total: number | null;
  split_total: number | null;
};

/**
 * Each indicator's latest outcome: the report, of this indicator or an earlier version of it (the same
 * lineage), in the latest period of the year or before (by its end, then deadline; this version's
 * report first). Returns the indicators furthest from their target and those about people whose
 * latest report lacks the split, each list cut to its limit, with the totals.
 */
export async function indicatorOutcomes(db: DbOrTx, scope: DashboardScope, year: number): Promise<IndicatorRow[]> {
  const result = await db.execute<IndicatorRow>(sql`
    with ${scoped(scope, year)},
    inds as (
      select i.id, i.lineage_id, i.name, s.id as plan_id, s.name as plan_name, i.measure, i.direction, i.target, i.about_people
        from scoped s join plan_goals g on g.plan_id = s.id join plan_indicators i on i.goal_id = g.id
    ),
    -- The periods of the year and before, the latest first.
    ranked_periods as (
      select fp.id, fp.name, fp.year, row_number() over (order by fp.ends_on desc, fp.deadline desc, fp.id)::int as pr
        from follow_up_periods fp where fp.year <= ${year}
    ),
    -- Per indicator, its latest report: the period's rank, twice, plus one when it is an earlier version's
    -- (narrow rows, grouped: no sort of every report).
    best as (
      select i.id, min(rp.pr * 2 + case when li.id = i.id then 0 else 1 end) as k
        from inds i
        join plan_indicators li on li.lineage_id = i.lineage_id
        join plan_indicator_reports r on r.indicator_id = li.id
        join ranked_periods rp on rp.id = r.period_id
       group by i.id
    ),
    latest as (
      select distinct on (i.id)
             i.id as indicator_id, i.name, i.plan_id, i.plan_name, i.measure, i.direction, i.target, i.about_people,
             rp.name as period_name, rp.year as period_year, r.women, r.men, r.total
        from best b
        join inds i on i.id = b.id
        join ranked_periods rp on rp.pr = b.k / 2
        join plan_indicators li on li.lineage_id = i.lineage_id and (li.id = i.id) = (b.k % 2 = 0)
        join plan_indicator_reports r on r.indicator_id = li.id and r.period_id = rp.id
       order by i.id, li.id
    ),
    measured as (
      select l.*,
             case
               when l.target is null then null
               else (case when l.direction = 'lower' then greatest(l.total - l.target, 0) else greatest(l.target - l.total, 0) end)
                    / (case when l.target = 0 then 1 else abs(l.target) end)
             end::float8 as distance,
             (l.about_people and (l.women is null or l.men is null)) as split_missing
        from latest l
    ),
    far as (
      select 'far' as kind, m.* from measured m where m.distance > 0
       order by m.distance desc, m.plan_name, m.name, m.indicator_id limit ${dashboardListLimits.indicators}
    ),
    unsplit as (
      select 'split' as kind, m.* from measured m where m.split_missing
       order by m.plan_name, m.name, m.indicator_id limit ${dashboardListLimits.splitMissing}
    )
    -- The two lists (each sorted only as far as its limit) and, in a row of their own, the totals.
    select * from (
      select f.*, null::int as off_target_total, null::int as split_total from far f
      union all
      select u.*, null::int, null::int from unsplit u
      union all
      select 'totals', null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
             (select count(*) from measured where distance > 0)::int, (select count(*) from measured where split_missing)::int
    ) z
     order by case z.kind when 'far' then 0 when 'split' then 1 else 2 end,
              case when z.kind = 'far' then z.distance end desc nulls last, z.plan_name, z.name, z.indicator_id`);
  return result.rows;
}

export type OverdueRow = {
  action_id: string;
  title: string;
  plan_id: string;
  plan_name: string;
  due_date: string;
  status: string;
  responsible_name: string | null;
  total: number;
};

/** Actions due before today that are neither done nor cancelled, the longest overdue first. */
export async function overdueActions(db: DbOrTx, scope: DashboardScope, year: number, today: string): Promise<OverdueRow[]> {
  const result = await db.execute<OverdueRow>(sql`
    with ${scoped(scope, year)}
    select x.id as action_id, x.title, s.id as plan_id, s.name as plan_name, x.due_date::text as due_date, x.status,
           usr.name as responsible_name, count(*) over ()::int as total
      from scoped s
      join plan_goals g on g.plan_id = s.id
      join plan_actions x on x.goal_id = g.id
      left join users usr on usr.id = x.responsible_user_id
     where x.due_date < ${today}::date and x.status not in ('done', 'cancelled')
     order by x.due_date, s.name, x.title, x.id
     limit ${dashboardListLimits.overdue}`);
  return result.rows;
}

export type DeadlineRow = {
  id: string;
  name: string;
  year: number;
  ends_on: string;
  deadline: string;
  plans: number;
  plans_incomplete: number;
  actions_total: number;
  actions_reported: number;
  indicators_total: number;
  indicators_reported: number;
  goals_total: number;
  goals_reported: number;
};

/** The periods whose deadline is from today to nearDeadlineDays ahead, with how much of the plans in scope (adopted, of the period's year) is reported. */
export async function nearDeadlines(db: DbOrTx, scope: DashboardScope, today: string): Promise<DeadlineRow[]> {
  const result = await db.execute<DeadlineRow>(sql`
    with near as (
      select fp.id, fp.name, fp.year, fp.ends_on, fp.deadline from follow_up_periods fp
       where fp.deadline >= ${today}::date and fp.deadline <= ${today}::date + ${nearDeadlineDays}::int
    ),
    sc as (
      select n.id as period_id, p.id as plan_id
        from near n
        join action_plans p on p.status = 'adopted' and p.start_year <= n.year and p.end_year >= n.year
        left join units pu on pu.id = p.unit_id
       where ${scopeCondition(scope)}
    ),
    plan_ids as (select distinct plan_id from sc),
    -- What each plan has, and what is reported of it for each near period: grouped joins, no query per plan.
    action_totals as (
      select g.plan_id, count(*)::int as n from plan_ids pi join plan_goals g on g.plan_id = pi.plan_id
        join plan_actions x on x.goal_id = g.id group by g.plan_id
    ),
    indicator_totals as (
      select g.plan_id, count(*)::int as n from plan_ids pi join plan_goals g on g.plan_id = pi.plan_id
        join plan_indicators x on x.goal_id = g.id group by g.plan_id
    ),
    goal_totals as (
      select g.plan_id, count(*)::int as n from plan_ids pi join plan_goals g on g.plan_id = pi.plan_id group by g.plan_id
    ),
    action_reported as (
      select r.period_id, g.plan_id, count(*)::int as n from near n join plan_action_reports r on r.period_id = n.id
        join plan_actions x on x.id = r.action_id join plan_goals g on g.id = x.goal_id group by r.period_id, g.plan_id
    ),
    indicator_reported as (
      select r.period_id, g.plan_id, count(*)::int as n from near n join plan_indicator_reports r on r.period_id = n.id
        join plan_indicators x on x.id = r.indicator_id join plan_goals g on g.id = x.goal_id group by r.period_id, g.plan_id
    ),
    goal_reported as (
      select r.period_id, g.plan_id, count(*)::int as n from near n join plan_goal_reports r on r.period_id = n.id
        join plan_goals g on g.id = r.goal_id group by r.period_id, g.plan_id
    ),
    per_plan as (
      select sc.period_id, sc.plan_id,
             coalesce(at.n, 0) as actions_total, coalesce(ar.n, 0) as actions_reported,
             coalesce(it.n, 0) as indicators_total, coalesce(ir.n, 0) as indicators_reported,
             coalesce(gt.n, 0) as goals_total, coalesce(gr.n, 0) as goals_reported
        from sc
        left join action_totals at on at.plan_id = sc.plan_id
        left join indicator_totals it on it.plan_id = sc.plan_id
        left join goal_totals gt on gt.plan_id = sc.plan_id
        left join action_reported ar on ar.period_id = sc.period_id and ar.plan_id = sc.plan_id
        left join indicator_reported ir on ir.period_id = sc.period_id and ir.plan_id = sc.plan_id
        left join goal_reported gr on gr.period_id = sc.period_id and gr.plan_id = sc.plan_id
    )
    select n.id, n.name, n.year, n.ends_on::text as ends_on, n.deadline::text as deadline,
           count(pp.plan_id)::int as plans,
           count(pp.plan_id) filter (where pp.actions_reported < pp.actions_total or pp.indicators_reported < pp.indicators_total
                                      or pp.goals_reported < pp.goals_total)::int as plans_incomplete,
           coalesce(sum(pp.actions_total), 0)::int as actions_total, coalesce(sum(pp.actions_reported), 0)::int as actions_reported,
           coalesce(sum(pp.indicators_total), 0)::int as indicators_total,
           coalesce(sum(pp.indicators_reported), 0)::int as indicators_reported,
           coalesce(sum(pp.goals_total), 0)::int as goals_total, coalesce(sum(pp.goals_reported), 0)::int as goals_reported
      from near n
      left join per_plan pp on pp.period_id = n.id
     group by n.id, n.name, n.year, n.ends_on, n.deadline
     order by n.deadline, n.ends_on, n.name, n.id`);
  return result.rows;
}
