import type { Databases } from './databases.js';
import { insertOrganisation, largeMunicipality } from './municipality.js';
import { rawQuery, rawTransaction, type Query } from './raw.js';

/**
 * Issue 6's benchmark plans, for the dashboard's and the report's figures: with the large
 * municipality's organisation, 200 adopted plans, 2,000 goals, 10,000 actions, 4,000 indicators and
 * five years of follow-ups, written by set-based SQL into the figure's template database.
 */

export const planCounts = { plans: 200, goalsPerPlan: 10, actionsPerGoal: 5, indicatorsPerGoal: 2, responsible: 200, years: 5 };

/** The plans, their content and five years of follow-ups, written by set-based statements ($1: this year, $2: today). */
export const generatePlansSql = [
  `insert into users (email, name, password_hash)
   select 'bench.ansvarig' || i || '@bench.example', 'Ansvarig ' || i, 'no password: benchmark user'
     from generate_series(1, ${planCounts.responsible}) i`,
  // One municipal plan, one per administration, the rest one per unit; all adopted, for the five years and the next.
  `with a as (select id, row_number() over (order by name, id) as rn from administrations),
        u as (select id, row_number() over (order by name, id) as rn from units),
        na as (select count(*)::int as c from administrations),
        n as (select gen_random_uuid() as id, i from generate_series(1, ${planCounts.plans}) i)
   insert into action_plans (id, series_id, version, scope, administration_id, unit_id, area, name, start_year, end_year,
                             status, adopted_on, adopted_by)
   select n.id, n.id, 1,
          case when n.i = 1 then 'municipality' when n.i <= 1 + na.c then 'administration' else 'unit' end,
          case when n.i > 1 and n.i <= 1 + na.c then (select a.id from a where a.rn = n.i - 1) end,
          case when n.i > 1 + na.c then (select u.id from u where u.rn = n.i - 1 - na.c) end,
          (array['gender_equality', 'hbtq', 'both'])[1 + n.i % 3], 'Handlingsplan ' || n.i,
          $1::int - ${planCounts.years - 1}, $1::int + 1, 'adopted', make_date($1::int - ${planCounts.years}, 12, 15), 'Nämnden'
     from n, na`,
  `insert into plan_goals (id, plan_id, lineage_id, position, title)
   select s.id, s.plan_id, s.id, s.k, 'Mål ' || s.k
     from (select gen_random_uuid() as id, p.id as plan_id, k from action_plans p, generate_series(1, ${planCounts.goalsPerPlan}) k) s`,
  // Statuses: 4 of 10 done, 2 ongoing, 2 not started, 1 postponed, 1 cancelled; due dates over six years.
  `insert into plan_actions (id, goal_id, lineage_id, position, title, responsible_user_id, start_date, due_date, status)
   select s.id, s.goal_id, s.id, s.k, 'Åtgärd ' || s.k,
          (select r.id from (select id, row_number() over (order by email) as rn from users where email like 'bench.ansvarig%') r
            where r.rn = 1 + s.h % ${planCounts.responsible}),
          make_date($1::int - ${planCounts.years - 1}, 1, 1) + (s.h % 1800),
          make_date($1::int - ${planCounts.years - 1}, 1, 1) + (s.h % 1800) + 90,
          (array['done', 'done', 'done', 'done', 'ongoing', 'ongoing', 'not_started', 'not_started', 'postponed', 'cancelled'])[1 + s.h % 10]
     from (select gen_random_uuid() as id, g.id as goal_id, k, (hashtext(g.id::text || k) & 1048575) as h
             from plan_goals g, generate_series(1, ${planCounts.actionsPerGoal}) k) s`,
  // Per goal: one indicator about people (a number, higher is better), one share (lower or higher is better).
  `insert into plan_indicators (id, goal_id, lineage_id, position, name, measure, direction, target, about_people)
   select s.id, s.goal_id, s.id, s.k, case s.k when 1 then 'Personer som nåtts' else 'Andel' end,
          case s.k when 1 then 'number' else 'percent' end,
          case when s.k = 2 and s.h % 2 = 0 then 'lower' else 'higher' end,
          case s.k when 1 then 50 + s.h % 100 else 10 + s.h % 80 end, s.k = 1
     from (select gen_random_uuid() as id, g.id as goal_id, k, (hashtext(g.id::text || k) & 1048575) as h
             from plan_goals g, generate_series(1, ${planCounts.indicatorsPerGoal}) k) s`,
  // The usual three periods of each of the five years, and a check-in of this year with its deadline in two weeks.
  `insert into follow_up_periods (year, name, starts_on, ends_on, deadline)
   select y, p.name, make_date(y, 1, 1), make_date(y, p.end_month, 1) + interval '1 month' - interval '1 day',
          case when p.end_month = 12 then make_date(y + 1, 1, 31) else make_date(y, p.end_month + 1, 15) end
     from generate_series($1::int - ${planCounts.years - 1}, $1::int) y,
          (values ('Delår 1', 4), ('Delår 2', 8), ('Helår', 12)) as p(name, end_month)
   union all
   select $1::int, 'Avstämning', make_date($1::int, 1, 1), $2::date, $2::date + 14`,
  // Every period whose deadline has passed is reported in full; the check-in for half of the actions.
  `insert into plan_action_reports (period_id, action_id, status, reported_at, reported_by_name)
   select fp.id, x.id, x.status, now(), 'Benchmark'
     from follow_up_periods fp, plan_actions x
    where fp.deadline < $2::date or (fp.name = 'Avstämning' and hashtext(x.id::text) % 2 = 0)`,
  // Outcomes move with the period; one report in ten about people lacks the split by gender.
  `insert into plan_indicator_reports (period_id, indicator_id, women, men, total, missing_split_reason, reported_at, reported_by_name)
   select s.period_id, s.indicator_id,
          case when s.about_people and s.h % 10 <> 0 then round(s.v * 0.55) end,
          case when s.about_people and s.h % 10 <> 0 then s.v - round(s.v * 0.55) end,
          s.v, case when s.about_people and s.h % 10 = 0 then 'Uppgiften finns inte per kön' end, now(), 'Benchmark'
     from (select fp.id as period_id, i.id as indicator_id, i.about_people,
                  (hashtext(i.id::text || fp.id::text) & 1048575) as h,
                  round(i.target * (0.4 + ((hashtext(i.id::text || fp.id::text) & 1023) / 1023.0) * 0.8)) as v
             from follow_up_periods fp, plan_indicators i where fp.deadline < $2::date) s`,
  `insert into plan_goal_reports (period_id, goal_id, assessment, analysis, reported_at, reported_by_name)
   select fp.id, g.id, (array['met', 'met', 'partly_met', 'partly_met', 'not_met'])[1 + (hashtext(g.id::text || fp.id::text) & 1023) % 5],
          'Analys av målet.', now(), 'Benchmark'
     from follow_up_periods fp, plan_goals g where fp.deadline < $2::date`,
];

async function rowCount(query: Query, table: string) {
  return Number((await query<{ n: string }>(`select count(*) as n from ${table}`)).rows[0]!.n);
}

/** The template: the organisation (its token is the administrator's), the plans, VACUUM ANALYZE; the rows of each table. */
export async function preparePlans(dbs: Databases, year: number, today: string, log: (line: string) => void) {
  let token = '';
  let loadMs = 0;
  const rows: Record<string, number> = {};
  await dbs.prepareTemplate(async (database) => {
    const started = performance.now();
    const organisation = await insertOrganisation(database.db, largeMunicipality());
    token = organisation.token;
    await rawTransaction(database, async (query) => {
      for (const statement of generatePlansSql) {
        const [usesYear, usesToday] = [/\$1\b/.test(statement), /\$2\b/.test(statement)];
        if (usesYear && usesToday) await query(statement, [year, today]);
        else if (usesToday) await query(statement.replaceAll('$2', '$1'), [today]);
        else await query(statement, usesYear ? [year] : []);
      }
    });
    const query = rawQuery(database);
    await query('vacuum analyze');
    loadMs = performance.now() - started;
    for (const table of [
      'units',
      'action_plans',
      'plan_goals',
      'plan_actions',
      'plan_indicators',
      'follow_up_periods',
      'plan_action_reports',
      'plan_indicator_reports',
      'plan_goal_reports',
    ])
      rows[table] = await rowCount(query, table);
    log(
      `  generated in ${(loadMs / 1000).toFixed(1)} s: ${Object.entries(rows)
        .map(([t, n]) => `${t} ${n}`)
        .join(', ')}`,
    );
  });
  return { token, loadMs, rows };
}
