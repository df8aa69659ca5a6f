import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stockholmDate } from '#server/features/employees/current';
import type { PlanDashboard } from '#shared/contracts/plan-dashboard';
import { serverFromDist } from '../../test/support/processes.js';
import { databases } from '../lib/databases.js';
import { median, type Figure, type FigureResult } from '../lib/figure.js';
import { buildIfStale, spawnLogged, stop, waitForAnswer } from '../lib/processes.js';
import { rawQuery } from '../lib/raw.js';
import { planCounts, preparePlans } from '../lib/plans.js';
import { psqlTimes } from '../lib/psql.js';

/**
 * Issue 6: with the large municipality plus 200 plans, 2,000 goals, 10,000 actions and 5 years of
 * follow-ups, the plans' dashboard answers in under 300 ms, beside a baseline in the same run: the
 * dashboard's figures as one hand-written SQL statement from psql. On PostgreSQL.
 */

const requestsPerRun = 10;

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

const inline = (text: string, year: number, today: string) => text.replaceAll('$1', `'${year}'`).replaceAll('$2', `'${today}'`);

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
    try {
      const { token, loadMs, rows } = await preparePlans(dbs, year, today, log);
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
          `(the municipality's, one per administration, the rest one per unit) for ${year - planCounts.years + 1}–${year + 1}, ${rows.plan_goals} goals, ` +
          `${rows.plan_actions} actions (${planCounts.responsible} people responsible), ${rows.plan_indicators} indicators (half about people), ` +
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
