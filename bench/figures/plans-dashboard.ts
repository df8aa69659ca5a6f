import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stockholmDate } from '#server/features/employees/current';
import type { PlanDashboard } from '#shared/contracts/plan-dashboard';
import { serverFromDist } from '../../test/support/processes.js';
import { databases } from '../lib/databases.js';
import { median, type Figure, type FigureResult } from '../lib/figure.js';
import { insertOrganisation, largeMunicipality } from '../lib/municipality.js';
import { buildIfStale, spawnLogged, stop, waitForAnswer } from '../lib/processes.js';
import { rawQuery, rawTransaction, type Query } from '../lib/raw.js';

/**
 * Issue 6: with the large municipality plus 200 plans, 2,000 goals, 10,000 actions and 5 years of
 * follow-ups, the plans' dashboard answers in under 300 ms, beside a baseline in the same run: the
 * dashboard's figures as one hand-written SQL statement from psql. On PostgreSQL.
 */

const counts = { plans: 200, goalsPerPlan: 10, actionsPerGoal: 5, indicatorsPerGoal: 2, responsible: 200, years: 5 };
const requestsPerRun = 10;

/** The plans, their content and five years of follow-ups, written by set-based statements ($1: this year, $2: today). */
export const generateSql = [
  `insert into users (email, name, password_hash)
   select 'bench.ansvarig' || i || '@bench.example', 'Ansvarig ' || i, 'no password: benchmark user'
     from generate_series(1, ${counts.responsible}) i`,
  // One municipal plan, one per administration, the rest one per unit; all adopted, for the five years and the next.
  `with a as (select id, row_number() over (order by name, id) as rn from administrations),
        u as (select id, row_number() over (order by name, id) as rn from units),
        na as (select count(*)::int as c from administrations),
        n as (select gen_random_uuid() as id, i from generate_series(1, ${counts.plans}) i)
   insert into action_plans (id, series_id, version, scope, administration_id, unit_id, area, name, start_year, end_year,
                             status, adopted_on, adopted_by)
   select n.id, n.id, 1,
          case when n.i = 1 then 'municipality' when n.i <= 1 + na.c then 'administration' else 'unit' end,
          case when n.i > 1 and n.i <= 1 + na.c then (select a.id from a where a.rn = n.i - 1) end,
          case when n.i > 1 + na.c then (select u.id from u where u.rn = n.i - 1 - na.c) end,
          (array['gender_equality', 'hbtq', 'both'])[1 + n.i % 3], 'Handlingsplan ' || n.i,
          $1::int - ${counts.years - 1}, $1::int + 1, 'adopted', make_date($1::int - ${counts.years}, 12, 15), 'Nämnden'
     from n, na`,
  `insert into plan_goals (id, plan_id, lineage_id, position, title)
   select s.id, s.plan_id, s.id, s.k, 'Mål ' || s.k
     from (select gen_random_uuid() as id, p.id as plan_id, k from action_plans p, generate_series(1, ${counts.goalsPerPlan}) k) s`,
  // Statuses: 4 of 10 done, 2 ongoing, 2 not started, 1 postponed, 1 cancelled; due dates over six years.
  `insert into plan_actions (id, goal_id, lineage_id, position, title, responsible_user_id, start_date, due_date, status)
   select s.id, s.goal_id, s.id, s.k, 'Åtgärd ' || s.k,
          (select r.id from (select id, row_number() over (order by email) as rn from users where email like 'bench.ansvarig%') r
            where r.rn = 1 + s.h % ${counts.responsible}),
          make_date($1::int - ${counts.years - 1}, 1, 1) + (s.h % 1800),
          make_date($1::int - ${counts.years - 1}, 1, 1) + (s.h % 1800) + 90,
          (array['done', 'done', 'done', 'done', 'ongoing', 'ongoing', 'not_started', 'not_started', 'postponed', 'cancelled'])[1 + s.h % 10]
     from (select gen_random_uuid() as id, g.id as goal_id, k, (hashtext(g.id::text || k) & 1048575) as h
             from plan_goals g, generate_series(1, ${counts.actionsPerGoal}) k) s`,
  // Per goal: one indicator about people (a number, higher is better), one share (lower or higher is better).
  `insert into plan_indicators (id, goal_id, lineage_id, position, name, measure, direction, target, about_people)
   select s.id, s.goal_id, s.id, s.k, case s.k when 1 then 'Personer som nåtts' else 'Andel' end,
          case s.k when 1 then 'number' else 'percent' end,
          case when s.k = 2 and s.h % 2 = 0 then 'lower' else 'higher' end,
          case s.k when 1 then 50 + s.h % 100 else 10 + s.h % 80 end, s.k = 1
     from (select gen_random_uuid() as id, g.id as goal_id, k, (hashtext(g.id::text || k) & 1048575) as h
             from plan_goals g, generate_series(1, ${counts.indicatorsPerGoal}) k) s`,
  // The usual three periods of each of the five years, and a check-in of this year with its deadline in two weeks.
  `insert into follow_up_periods (year, name, starts_on, ends_on, deadline)
   select y, p.name, make_date(y, 1, 1), make_date(y, p.end_month, 1) + interval '1 month' - interval '1 day',
          case when p.end_month = 12 then make_date(y + 1, 1, 31) else make_date(y, p.end_month + 1, 15) end
     from generate_series($1::int - ${counts.years - 1}, $1::int) y,
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

/**
 * The baseline: the dashboard's figures for every adopted plan of the year ($1) as one hand-written
 * statement: actions by status and overdue per plan, the goals' assessments in the last assessed
 * period, the ten indicators furthest from target (latest outcome) with the split flags, the 50 longest
 * overdue actions and the near deadlines with what is reported ($2: today).
 */
export const dashboardSql = `
with sc as (
  select p.id, p.name from action_plans p where p.status = 'adopted' and p.start_year <= $1::int and p.end_year >= $1::int
),
acts as (
  select g.plan_id, count(*) filter (where x.status = 'done') as done, count(*) filter (where x.status = 'ongoing') as ongoing,
         count(*) filter (where x.status = 'not_started') as not_started, count(*) filter (where x.status = 'postponed') as postponed,
         count(*) filter (where x.status = 'cancelled') as cancelled,
         count(*) filter (where x.due_date < $2::date and x.status not in ('done', 'cancelled')) as overdue, count(*) as total
    from sc join plan_goals g on g.plan_id = sc.id join plan_actions x on x.goal_id = g.id group by g.plan_id
),
period as (
  select fp.id from follow_up_periods fp
   where fp.year = $1::int
     and exists (select 1 from plan_goal_reports r join plan_goals g on g.id = r.goal_id join sc on sc.id = g.plan_id where r.period_id = fp.id)
   order by fp.ends_on desc, fp.deadline desc limit 1
),
assessed as (
  select g.plan_id, count(*) as goals, count(*) filter (where r.assessment = 'met') as met,
         count(*) filter (where r.assessment = 'partly_met') as partly_met, count(*) filter (where r.assessment = 'not_met') as not_met
    from sc join plan_goals g on g.plan_id = sc.id
    left join plan_goal_reports r on r.goal_id = g.id and r.period_id = (select id from period)
   group by g.plan_id
),
inds as (
  select i.id, i.lineage_id, i.name, i.direction, i.target, i.about_people
    from sc join plan_goals g on g.plan_id = sc.id join plan_indicators i on i.goal_id = g.id
),
rp as (
  select fp.id, row_number() over (order by fp.ends_on desc, fp.deadline desc, fp.id) as pr from follow_up_periods fp where fp.year <= $1::int
),
best as (
  select i.id, min(rp.pr * 2 + case when li.id = i.id then 0 else 1 end) as k
    from inds i join plan_indicators li on li.lineage_id = i.lineage_id
    join plan_indicator_reports r on r.indicator_id = li.id join rp on rp.id = r.period_id
   group by i.id
),
latest as (
  select distinct on (i.id) i.id, i.name, i.direction, i.target, i.about_people, r.women, r.men, r.total
    from best b join inds i on i.id = b.id join rp on rp.pr = b.k / 2
    join plan_indicators li on li.lineage_id = i.lineage_id and (li.id = i.id) = (b.k % 2 = 0)
    join plan_indicator_reports r on r.indicator_id = li.id and r.period_id = rp.id
   order by i.id, li.id
),
measured as (
  select l.*, (case when l.direction = 'lower' then greatest(l.total - l.target, 0) else greatest(l.target - l.total, 0) end)
              / (case when l.target = 0 then 1 else abs(l.target) end) as distance,
         l.about_people and (l.women is null or l.men is null) as split_missing
    from latest l where l.target is not null
),
overdue as (
  select x.id, x.title, x.due_date, u.name as responsible, sc.name as plan_name
    from sc join plan_goals g on g.plan_id = sc.id join plan_actions x on x.goal_id = g.id
    left join users u on u.id = x.responsible_user_id
   where x.due_date < $2::date and x.status not in ('done', 'cancelled')
   order by x.due_date, sc.name, x.title, x.id limit 50
),
near as (
  select fp.id, fp.name, fp.year, fp.deadline,
         (select count(*) from action_plans p join plan_goals g on g.plan_id = p.id join plan_actions x on x.goal_id = g.id
           where p.status = 'adopted' and p.start_year <= fp.year and p.end_year >= fp.year) as actions_total,
         (select count(*) from action_plans p join plan_goals g on g.plan_id = p.id join plan_actions x on x.goal_id = g.id
            join plan_action_reports r on r.action_id = x.id and r.period_id = fp.id
           where p.status = 'adopted' and p.start_year <= fp.year and p.end_year >= fp.year) as actions_reported
    from follow_up_periods fp where fp.deadline >= $2::date and fp.deadline <= $2::date + 30
)
select json_build_object(
  'plans', (select count(*) from sc),
  'actions', (select json_build_object('done', sum(done), 'ongoing', sum(ongoing), 'not_started', sum(not_started),
                                       'postponed', sum(postponed), 'cancelled', sum(cancelled), 'overdue', sum(overdue), 'total', sum(total)) from acts),
  'perPlan', (select json_agg(json_build_object('id', sc.id, 'done', a.done, 'total', a.total, 'met', s.met, 'notMet', s.not_met))
                from sc left join acts a on a.plan_id = sc.id left join assessed s on s.plan_id = sc.id),
  'assessments', (select json_build_object('met', sum(met), 'partly_met', sum(partly_met), 'not_met', sum(not_met), 'goals', sum(goals)) from assessed),
  'furthest', (select json_agg(f) from (select id, name, distance, split_missing from measured where distance > 0
                                         order by distance desc, id limit 10) f),
  'splitMissing', (select count(*) from measured where split_missing),
  'overdueTotal', (select sum(overdue) from acts),
  'overdue', (select json_agg(o) from overdue o),
  'near', (select json_agg(n) from near n)
) as dashboard`;

type Baseline = {
  plans: number;
  actions: Record<string, number>;
  assessments: { met: number; partly_met: number; not_met: number; goals: number };
  furthest: { id: string; distance: number }[];
  splitMissing: number;
  overdueTotal: number;
};

/** psql's \timing of the statement, `times` times in one session after one untimed run (no JIT, as the server's connections). */
function psqlTimes(url: string, statement: string, times: number): number[] {
  const args = ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-o', '/dev/null', '-c', 'select 1', '-c', '\\timing on'];
  for (let i = 0; i <= times; i++) args.push('-c', statement);
  const result = spawnSync('psql', [...args, url], {
    encoding: 'utf8',
    maxBuffer: 1024 * 1024,
    env: { ...process.env, PGOPTIONS: '-c jit=off' },
  });
  if (result.status !== 0) throw new Error(`psql failed (${result.status}): ${result.stderr || result.error}`);
  const found = [...result.stdout.matchAll(/Time: ([\d.]+) ms/g)].map((m) => Number(m[1]));
  if (found.length !== times + 1) throw new Error(`psql printed ${found.length} times, not ${times + 1}`);
  return found.slice(1);
}

const inline = (text: string, year: number, today: string) => text.replaceAll('$1', `'${year}'`).replaceAll('$2', `'${today}'`);

async function rowCount(query: Query, table: string) {
  return Number((await query<{ n: string }>(`select count(*) as n from ${table}`)).rows[0]!.n);
}

export const plansDashboardPostgres: Figure = {
  name: 'plans-dashboard-postgres',
  title:
    'GET /api/plans/dashboard for the administrator: 200 plans, 2,000 goals, 10,000 actions, 5 years of follow-ups, on PostgreSQL',
  target: { comparison: 'below', value: 300 },
  runs: 5,
  async measure({ runs, log }): Promise<FigureResult> {
    buildIfStale();
    const dbs = databases('postgres', 'plans-dashboard');
    const logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'inkludera-bench-plans-dashboard-log-'));
    const today = stockholmDate(new Date());
    const year = Number(today.slice(0, 4));
    let token = '';
    let loadMs = 0;
    const rows: Record<string, number> = {};
    try {
      await dbs.prepareTemplate(async (database) => {
        const started = performance.now();
        const organisation = await insertOrganisation(database.db, largeMunicipality());
        token = organisation.token;
        await rawTransaction(database, async (query) => {
          for (const statement of generateSql) {
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
      const place = await dbs.fresh();
      const database = await place.open();
      let expected: Baseline;
      try {
        expected = (await rawQuery(database)<{ dashboard: Baseline }>(dashboardSql, [year, today])).rows[0]!.dashboard;
      } finally {
        await database.close();
      }
      const server = await spawnLogged(serverFromDist, { ...place.env, LOG_LEVEL: 'info' }, path.join(logDir, 'server.log'));
      const samples: number[] = [];
      const baselineSamples: number[] = [];
      let failures = 0;
      let same = true;
      let bytes = 0;
      try {
        await waitForAnswer(server, '/api/health', 120_000);
        const url = `${server.baseUrl}/api/plans/dashboard?year=${year}`;
        const headers = { authorization: `Bearer ${token}` };
        const get = async () => {
          const started = performance.now();
          const response = await fetch(url, { headers });
          const text = await response.text();
          const ms = performance.now() - started;
          if (response.status !== 200) {
            failures++;
            return ms;
          }
          bytes = text.length;
          const body = JSON.parse(text) as PlanDashboard;
          const furthest = body.indicators.items.map((i) => i.indicatorId);
          same &&=
            body.totals.plans === Number(expected.plans) &&
            body.totals.actions.total === Number(expected.actions.total) &&
            body.totals.actions.done === Number(expected.actions.done) &&
            body.totals.actions.overdue === Number(expected.overdueTotal) &&
            body.overdue.total === Number(expected.overdueTotal) &&
            body.totals.assessments.met === Number(expected.assessments.met) &&
            body.totals.assessments.not_met === Number(expected.assessments.not_met) &&
            body.splitMissing.total === Number(expected.splitMissing) &&
            // The same distances, furthest first (ties may be ordered differently).
            body.indicators.items.every((i, n) => Math.abs(i.distance - Number(expected.furthest[n]?.distance)) < 1e-9) &&
            furthest.length === expected.furthest.length;
          return ms;
        };
        for (let i = 0; i < 2; i++) await get();
        for (let run = 0; run < runs; run++) {
          const times: number[] = [];
          for (let i = 0; i < requestsPerRun; i++) times.push(await get());
          const api = median(times);
          const baseline = median(psqlTimes(place.env.DATABASE_URL!, inline(dashboardSql, year, today), requestsPerRun));
          samples.push(api);
          baselineSamples.push(baseline);
          log(`  run ${run + 1}/${runs}: the dashboard ${api.toFixed(1)} ms (baseline ${baseline.toFixed(1)} ms)`);
        }
      } finally {
        await stop(server.child);
      }
      return {
        subject: `GET /api/plans/dashboard?year=${year} as the administrator (every plan in scope) with an API token`,
        baselineSubject: "the dashboard's figures as one hand-written SQL statement from psql",
        unit: 'ms',
        samples,
        baselineSamples,
        checks: [
          { text: `answers other than 200: ${failures}, must be 0`, pass: failures === 0 },
          {
            text: 'the API counts the same plans, actions (done, overdue), assessments, indicators without the split and distances furthest from target as the statement',
            pass: same,
          },
        ],
        method:
          `The large municipality's organisation (${rows.units} units in its administrations; its employees and training are not loaded, the dashboard reads none of them) ` +
          `and, written by set-based SQL (bench/figures/plans-dashboard.ts, ${(loadMs / 1000).toFixed(0)} s with VACUUM ANALYZE), ${rows.action_plans} adopted plans ` +
          `(the municipality's, one per administration, the rest one per unit) for ${year - counts.years + 1}–${year + 1}, ${rows.plan_goals} goals, ` +
          `${rows.plan_actions} actions (${counts.responsible} people responsible), ${rows.plan_indicators} indicators (half about people), ` +
          `${rows.follow_up_periods} follow-up periods (delår 1, delår 2 and helår of five years, and one with its deadline in two weeks) with every period whose deadline has passed reported in full: ` +
          `${rows.plan_action_reports} action reports, ${rows.plan_indicator_reports} outcomes (one in ten about people without the split), ${rows.plan_goal_reports} assessments; on PostgreSQL. ` +
          `A server from dist/ (\`node dist/server/main.js\`, logging every request at info level, to a file); an administrator's API token asks ${requestsPerRun} times per run, one after another, after two untimed requests; a run's value is their median. ` +
          `The baseline, in the same run: the hand-written statement (\`dashboardSql\` in the same file) from psql, ${requestsPerRun} times in one session after one untimed run (\\timing, no JIT).`,
        details: [`The answer: ${(bytes / 1024).toFixed(0)} KB of JSON.`],
      };
    } finally {
      await dbs.dispose();
      fs.rmSync(logDir, { recursive: true, force: true });
    }
  },
};
