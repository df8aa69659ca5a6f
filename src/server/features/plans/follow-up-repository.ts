import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import {
  actionPlans,
  administrations,
  followUpPeriods,
  planActionReports,
  planActions,
  planGoalReports,
  planGoals,
  planIndicatorReports,
  planIndicators,
  units,
  users,
} from '../../db/schema/index.js';

export type PeriodRow = typeof followUpPeriods.$inferSelect;
export type ActionReportRow = typeof planActionReports.$inferSelect;
export type IndicatorReportRow = typeof planIndicatorReports.$inferSelect;
export type GoalReportRow = typeof planGoalReports.$inferSelect;

const reportCount = sql<number>`(
  (select count(*)::int from ${planActionReports} r where r.period_id = follow_up_periods.id)
  + (select count(*)::int from ${planIndicatorReports} r where r.period_id = follow_up_periods.id)
  + (select count(*)::int from ${planGoalReports} r where r.period_id = follow_up_periods.id))`;

const periodSelection = { period: followUpPeriods, reportCount };
export type PeriodWithCount = { period: PeriodRow; reportCount: number };

export async function periodsOfYears(db: DbOrTx, fromYear: number, toYear: number): Promise<PeriodWithCount[]> {
  return db
    .select(periodSelection)
    .from(followUpPeriods)
    .where(and(sql`${followUpPeriods.year} >= ${fromYear}`, sql`${followUpPeriods.year} <= ${toYear}`))
    .orderBy(asc(followUpPeriods.year), asc(followUpPeriods.endsOn), asc(followUpPeriods.name), asc(followUpPeriods.id));
}

export async function findPeriod(db: DbOrTx, id: string, lock?: 'update'): Promise<PeriodWithCount | undefined> {
  const query = db.select(periodSelection).from(followUpPeriods).where(eq(followUpPeriods.id, id));
  const [row] = lock ? await query.for(lock) : await query;
  return row;
}

export async function periodNameTaken(db: DbOrTx, year: number, name: string, exceptId?: string) {
  const [row] = await db
    .select({ id: followUpPeriods.id })
    .from(followUpPeriods)
    .where(
      and(
        eq(followUpPeriods.year, year),
        sql`lower(${followUpPeriods.name}) = lower(${name})`,
        exceptId ? sql`${followUpPeriods.id} <> ${exceptId}` : undefined,
      ),
    );
  return Boolean(row);
}

/** The reports of a plan's goals, actions and indicators for one period. */
export async function reportsOf(db: DbOrTx, periodId: string, goalIds: string[], actionIds: string[], indicatorIds: string[]) {
  const [goals, actions, indicators] = await Promise.all([
    goalIds.length === 0
      ? []
      : db
          .select()
          .from(planGoalReports)
          .where(and(eq(planGoalReports.periodId, periodId), inArray(planGoalReports.goalId, goalIds))),
    actionIds.length === 0
      ? []
      : db
          .select()
          .from(planActionReports)
          .where(and(eq(planActionReports.periodId, periodId), inArray(planActionReports.actionId, actionIds))),
    indicatorIds.length === 0
      ? []
      : db
          .select()
          .from(planIndicatorReports)
          .where(and(eq(planIndicatorReports.periodId, periodId), inArray(planIndicatorReports.indicatorId, indicatorIds))),
  ]);
  return { goals, actions, indicators };
}

/** Whether an action has a report in a period that ends after this one: then the later report sets its status. */
export async function laterActionReports(db: DbOrTx, period: PeriodRow, actionIds: string[]): Promise<Set<string>> {
  if (actionIds.length === 0) return new Set();
  const rows = await db
    .select({ actionId: planActionReports.actionId })
    .from(planActionReports)
    .innerJoin(followUpPeriods, eq(followUpPeriods.id, planActionReports.periodId))
    .where(
      and(
        inArray(planActionReports.actionId, actionIds),
        sql`(${followUpPeriods.endsOn}, ${followUpPeriods.deadline}) > (${period.endsOn}::date, ${period.deadline}::date)`,
      ),
    );
  return new Set(rows.map((r) => r.actionId));
}

export type PlanStatusRow = {
  plan_id: string;
  name: string;
  scope: string;
  administration_id: string | null;
  unit_id: string | null;
  unit_administration_id: string | null;
  owner_name: string | null;
  actions_total: number;
  actions_reported: number;
  indicators_total: number;
  indicators_reported: number;
  split_missing: number;
  goals_total: number;
  goals_reported: number;
};

/** The adopted plans whose years include the year, with how much of each is reported for the period. */
export async function planProgress(db: DbOrTx, period: PeriodRow): Promise<PlanStatusRow[]> {
  const result = await db.execute<PlanStatusRow>(sql`
    select p.id as plan_id, p.name, p.scope, p.administration_id, p.unit_id, u.administration_id as unit_administration_id,
           coalesce(u.name, a.name) as owner_name,
           (select count(*)::int from ${planActions} x join ${planGoals} g on g.id = x.goal_id where g.plan_id = p.id) as actions_total,
           (select count(*)::int from ${planActions} x join ${planGoals} g on g.id = x.goal_id
              join ${planActionReports} r on r.action_id = x.id and r.period_id = ${period.id} where g.plan_id = p.id) as actions_reported,
           (select count(*)::int from ${planIndicators} x join ${planGoals} g on g.id = x.goal_id where g.plan_id = p.id) as indicators_total,
           (select count(*)::int from ${planIndicators} x join ${planGoals} g on g.id = x.goal_id
              join ${planIndicatorReports} r on r.indicator_id = x.id and r.period_id = ${period.id} where g.plan_id = p.id) as indicators_reported,
           (select count(*)::int from ${planIndicators} x join ${planGoals} g on g.id = x.goal_id
              join ${planIndicatorReports} r on r.indicator_id = x.id and r.period_id = ${period.id}
             where g.plan_id = p.id and x.about_people and (r.women is null or r.men is null)) as split_missing,
           (select count(*)::int from ${planGoals} g where g.plan_id = p.id) as goals_total,
           (select count(*)::int from ${planGoals} g join ${planGoalReports} r on r.goal_id = g.id and r.period_id = ${period.id}
             where g.plan_id = p.id) as goals_reported
      from ${actionPlans} p
      left join ${units} u on u.id = p.unit_id
      left join ${administrations} a on a.id = p.administration_id
     where p.status = 'adopted' and p.start_year <= ${period.year} and p.end_year >= ${period.year}
     order by case p.scope when 'municipality' then 0 when 'administration' then 1 else 2 end, p.name, p.id`);
  return result.rows.map((r) => ({
    ...r,
    actions_total: Number(r.actions_total),
    actions_reported: Number(r.actions_reported),
    indicators_total: Number(r.indicators_total),
    indicators_reported: Number(r.indicators_reported),
    split_missing: Number(r.split_missing),
    goals_total: Number(r.goals_total),
    goals_reported: Number(r.goals_reported),
  }));
}

/** Per plan and responsible person: their actions in the plan and how many are reported for the period. */
export async function responsibleProgress(db: DbOrTx, period: PeriodRow, planIds: string[]) {
  if (planIds.length === 0) return [];
  const result = await db.execute<{ plan_id: string; user_id: string; name: string; total: number; reported: number }>(sql`
    select g.plan_id, usr.id as user_id, usr.name, count(*)::int as total, count(r.id)::int as reported
      from ${planActions} x
      join ${planGoals} g on g.id = x.goal_id
      join ${users} usr on usr.id = x.responsible_user_id
      left join ${planActionReports} r on r.action_id = x.id and r.period_id = ${period.id}
     where g.plan_id in (${sql.join(
       planIds.map((id) => sql`${id}::uuid`),
       sql`, `,
     )})
     group by g.plan_id, usr.id, usr.name
     order by usr.name, usr.id`);
  return result.rows.map((r) => ({ ...r, total: Number(r.total), reported: Number(r.reported) }));
}

export type ReminderRow = {
  period_id: string;
  period_name: string;
  deadline: string;
  user_id: string;
  email: string;
  locale: string;
  plan_id: string;
  plan_name: string;
  missing: number;
};

/**
 * For each period whose reminder day has come and whose deadline has not passed: the people who have
 * something left to report, per plan. An action's responsible person for their actions; the plan's
 * owners (the unit's managers, the administration's process leader, or for municipal plans and for
 * actions nobody is responsible for, the administrators as well) for the indicators and goals and for
 * actions without a responsible person. Only active users, only adopted plans of the period's year;
 * not those already reminded of the period.
 */
export async function remindersDue(db: DbOrTx, today: string, kind: string): Promise<ReminderRow[]> {
  const result = await db.execute<ReminderRow>(sql`
    with due_periods as (
      select * from ${followUpPeriods} fp
       where fp.deadline >= ${today}::date and fp.deadline - fp.reminder_days_before <= ${today}::date
    ),
    plans as (
      select dp.id as period_id, p.id as plan_id, p.name as plan_name, p.scope, p.administration_id, p.unit_id,
             u.administration_id as unit_administration_id
        from due_periods dp
        join ${actionPlans} p on p.status = 'adopted' and p.start_year <= dp.year and p.end_year >= dp.year
        left join ${units} u on u.id = p.unit_id
    ),
    owners as (
      select pl.period_id, pl.plan_id, r.user_id from plans pl
        join user_roles r on (r.role = 'administrator')
          or (r.role = 'process_leader' and pl.scope = 'administration' and r.administration_id = pl.administration_id)
          or (r.role = 'unit_manager' and pl.scope = 'unit' and r.unit_id = pl.unit_id)
       where r.role <> 'administrator' or pl.scope = 'municipality'
    ),
    missing as (
      -- actions with a responsible person: that person
      select pl.period_id, pl.plan_id, x.responsible_user_id as user_id
        from plans pl join ${planGoals} g on g.plan_id = pl.plan_id join ${planActions} x on x.goal_id = g.id
       where x.responsible_user_id is not null
         and not exists (select 1 from ${planActionReports} r where r.action_id = x.id and r.period_id = pl.period_id)
      union all
      -- actions nobody is responsible for: the owners
      select o.period_id, o.plan_id, o.user_id
        from owners o join ${planGoals} g on g.plan_id = o.plan_id join ${planActions} x on x.goal_id = g.id
       where x.responsible_user_id is null
         and not exists (select 1 from ${planActionReports} r where r.action_id = x.id and r.period_id = o.period_id)
      union all
      select o.period_id, o.plan_id, o.user_id
        from owners o join ${planGoals} g on g.plan_id = o.plan_id join ${planIndicators} x on x.goal_id = g.id
       where not exists (select 1 from ${planIndicatorReports} r where r.indicator_id = x.id and r.period_id = o.period_id)
      union all
      select o.period_id, o.plan_id, o.user_id
        from owners o join ${planGoals} g on g.plan_id = o.plan_id
       where not exists (select 1 from ${planGoalReports} r where r.goal_id = g.id and r.period_id = o.period_id)
    )
    select m.period_id, dp.name as period_name, dp.deadline::text as deadline, m.user_id, usr.email, usr.locale,
           m.plan_id, pl.plan_name, count(*)::int as missing
      from missing m
      join due_periods dp on dp.id = m.period_id
      join plans pl on pl.period_id = m.period_id and pl.plan_id = m.plan_id
      join ${users} usr on usr.id = m.user_id and usr.active
     where not exists (select 1 from sent_reminders s where s.kind = ${kind} and s.key = m.period_id || ':' || m.user_id)
     group by m.period_id, dp.name, dp.deadline, m.user_id, usr.email, usr.locale, m.plan_id, pl.plan_name
     order by m.period_id, usr.email, pl.plan_name, m.plan_id`);
  return result.rows.map((r) => ({ ...r, missing: Number(r.missing) }));
}
