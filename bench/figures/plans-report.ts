import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stockholmDate } from '#server/features/employees/current';
import type { PlanReport, ReportExport } from '#shared/contracts/plan-report';
import { serverFromDist } from '../../test/support/processes.js';
import { databases } from '../lib/databases.js';
import { median, type Figure, type FigureResult } from '../lib/figure.js';
import { planCounts, preparePlans } from '../lib/plans.js';
import { buildIfStale, spawnLogged, stop, waitForAnswer } from '../lib/processes.js';
import { psqlTimes } from '../lib/psql.js';
import { rawQuery } from '../lib/raw.js';

/**
 * Issue 6: with 200 plans, 2,000 goals and 10,000 actions followed up for five years, the follow-up
 * report of the whole municipality for last year's full year is written as a PDF in under 5 s, with
 * its progress shown. Timed as the page does it: POST /api/plan-reports/exports, its progress asked
 * for every 100 ms until it is done, then its file fetched. The baseline in the same run: the
 * report's data as raw SQL (the same rows: plans, goals with their assessment, actions with their
 * reported status, indicators and their outcomes over five years, in one hand-written statement from
 * psql). The same report as JSON, the synchronous PDF route, Word and Excel are timed beside it, for
 * information. On PostgreSQL.
 */

/** The report's rows for a period ($1) of a year ($2), as the report's five reads fetch them, in one statement. */
const reportSql = `
with plans as (
  select p.id, p.name, p.area, p.scope, coalesce(a.name, u.name) as owner_name, p.start_year, p.end_year, p.status,
         p.version, p.adopted_on, p.adopted_by
    from action_plans p
    left join administrations a on a.id = p.administration_id
    left join units u on u.id = p.unit_id
   where p.status <> 'draft'
     and p.version = (select max(p2.version) from action_plans p2 where p2.series_id = p.series_id and p2.status <> 'draft')
     and p.start_year <= $2 and p.end_year >= $2
),
goals as (select g.* from plan_goals g join plans p on p.id = g.plan_id),
goal_reports as (
  select distinct on (g.lineage_id) g.lineage_id, r.assessment, r.analysis
    from plan_goal_reports r join plan_goals g on g.id = r.goal_id
   where r.period_id = $1 order by g.lineage_id, r.reported_at desc
),
action_reports as (
  select distinct on (a.lineage_id) a.lineage_id, r.status, r.comment
    from plan_action_reports r join plan_actions a on a.id = r.action_id
   where r.period_id = $1 order by a.lineage_id, r.reported_at desc
),
indicators as (select i.* from plan_indicators i join goals g on g.id = i.goal_id),
outcomes as (
  select distinct on (i.lineage_id, case when f.id = $1 then 0 else f.year end)
         i.lineage_id, f.id as period_id, f.year, f.name, r.women, r.men, r.total, r.missing_split_reason, r.comment
    from plan_indicator_reports r
    join indicators i on i.id = r.indicator_id
    join follow_up_periods f on f.id = r.period_id
   where f.id = $1 or (f.year < $2 and f.year >= $2 - 4)
   order by i.lineage_id, case when f.id = $1 then 0 else f.year end, f.ends_on desc, r.reported_at desc
)
select 'plan' as kind, p.id::text, null as parent, p.name as a, p.owner_name as b, p.area as c, p.scope as d,
       concat(p.start_year, '-', p.end_year, ' v', p.version, ' ', p.status) as e, concat(p.adopted_on, ' ', p.adopted_by) as f
  from plans p
union all
select 'goal', g.id::text, g.plan_id::text, g.title, r.assessment, r.analysis, null, null, null
  from goals g left join goal_reports r on r.lineage_id = g.lineage_id
union all
select 'action', a.id::text, a.goal_id::text, a.title, us.name, a.due_date::text, a.status, r.status, r.comment
  from goals g join plan_actions a on a.goal_id = g.id
  left join users us on us.id = a.responsible_user_id
  left join action_reports r on r.lineage_id = a.lineage_id
union all
select 'indicator', i.id::text, i.goal_id::text, i.name, i.measure, i.direction, i.target::text, i.about_people::text, null
  from indicators i
union all
select 'outcome', o.lineage_id::text, o.period_id::text, concat(o.year, ' ', o.name), o.women::text, o.men::text, o.total::text,
       o.missing_split_reason, o.comment
  from outcomes o`;

const inline = (text: string, periodId: string, year: number) =>
  text.replaceAll('$1', `'${periodId}'::uuid`).replaceAll('$2', String(year));

async function timed(url: string, headers: Record<string, string>) {
  const started = performance.now();
  const response = await fetch(url, { headers });
  const body = Buffer.from(await response.arrayBuffer());
  return { ms: performance.now() - started, status: response.status, body };
}

export const plansReportPostgres: Figure = {
  name: 'plans-report-postgres',
  title:
    'The whole municipality’s follow-up report as PDF, exported with its progress shown (POST /api/plan-reports/exports, then its file): 200 plans, 2,000 goals, 10,000 actions, 5 years of follow-ups, on PostgreSQL',
  target: { comparison: 'below', value: 5000 },
  runs: 3,
  async measure({ runs, log }): Promise<FigureResult> {
    buildIfStale();
    const dbs = databases('postgres', 'plans-report');
    const logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'inkludera-bench-plans-report-log-'));
    const today = stockholmDate(new Date());
    const year = Number(today.slice(0, 4));
    try {
      const { token, loadMs, rows } = await preparePlans(dbs, year, today, log);
      const place = await dbs.fresh();
      const database = await place.open();
      let periodId: string;
      let sqlRows: Record<string, number>;
      try {
        periodId = (
          await rawQuery(database)<{ id: string }>(`select id from follow_up_periods where year = $1 and name = 'Helår'`, [
            year - 1,
          ])
        ).rows[0]!.id;
        const counted = await rawQuery(database)<{ kind: string; n: string }>(
          `select kind, count(*) as n from (${inline(reportSql, periodId, year - 1)}) r group by kind`,
        );
        sqlRows = Object.fromEntries(counted.rows.map((r) => [r.kind, Number(r.n)]));
      } finally {
        await database.close();
      }
      const server = await spawnLogged(serverFromDist, { ...place.env, LOG_LEVEL: 'info' }, path.join(logDir, 'server.log'));
      const headers = { authorization: `Bearer ${token}` };
      const samples: number[] = [];
      const baselineSamples: number[] = [];
      const sync: number[] = [];
      const jsonTimes: number[] = [];
      const word: number[] = [];
      const excel: number[] = [];
      const readings: number[] = [];
      let failures = 0;
      let progressToEnd = true;
      let pdfBytes = 0;
      let pages = 0;
      let report: PlanReport | null = null;
      try {
        await waitForAnswer(server, '/api/health', 120_000);
        const base = `${server.baseUrl}/api/plan-reports`;
        const query = `periodId=${periodId}&scope=municipality`;
        const json = async () => {
          const r = await timed(`${base}?${query}`, headers);
          if (r.status !== 200) failures++;
          else report = JSON.parse(r.body.toString('utf8')) as PlanReport;
          return r.ms;
        };
        const checkPdf = (body: Buffer) => {
          pdfBytes = body.byteLength;
          pages = (body.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
          if (body.subarray(0, 5).toString('latin1') !== '%PDF-') failures++;
        };
        const file = async (format: 'pdf' | 'docx' | 'xlsx') => {
          const r = await timed(`${base}/export?${query}&format=${format}`, headers);
          if (r.status !== 200) failures++;
          if (format === 'pdf' && r.status === 200) checkPdf(r.body);
          return r.ms;
        };
        /** As the page: start the export, ask for its progress every 100 ms, fetch the file once it is done. */
        const exported = async () => {
          const started = performance.now();
          const start = await fetch(`${base}/exports`, {
            method: 'POST',
            headers: { ...headers, 'content-type': 'application/json' },
            body: JSON.stringify({ periodId, scope: 'municipality', format: 'pdf' }),
          });
          if (start.status !== 202) {
            failures++;
            return performance.now() - started;
          }
          let job = (await start.json()) as ReportExport;
          let seen = 0;
          let last = -1;
          while (job.phase === 'gathering' || job.phase === 'writing') {
            await new Promise((resolve) => setTimeout(resolve, 100));
            job = (await (await fetch(`${base}/exports/${job.id}`, { headers })).json()) as ReportExport;
            if (job.phase === 'writing' && job.done !== last) {
              seen++;
              last = job.done;
            }
          }
          const r = await timed(`${base}/exports/${job.id}/file`, headers);
          const ms = performance.now() - started;
          if (job.phase !== 'done' || r.status !== 200) failures++;
          else checkPdf(r.body);
          progressToEnd &&= job.done === job.total && job.total > 0;
          readings.push(seen);
          return ms;
        };
        await json();
        await exported();
        for (let run = 0; run < runs; run++) {
          const pdf = await exported();
          const baseline = median(psqlTimes(place.env.DATABASE_URL!, inline(reportSql, periodId, year - 1), 3));
          jsonTimes.push(await json());
          sync.push(await file('pdf'));
          word.push(await file('docx'));
          excel.push(await file('xlsx'));
          samples.push(pdf);
          baselineSamples.push(baseline);
          log(
            `  run ${run + 1}/${runs}: PDF export ${pdf.toFixed(0)} ms (${readings.at(-1)} progress readings; raw SQL ${baseline.toFixed(0)} ms), JSON ${jsonTimes.at(-1)!.toFixed(0)} ms, PDF sync ${sync.at(-1)!.toFixed(0)} ms, Word ${word.at(-1)!.toFixed(0)} ms, Excel ${excel.at(-1)!.toFixed(0)} ms`,
          );
        }
      } finally {
        await stop(server.child);
      }
      const r = report as PlanReport | null;
      const counts = r
        ? {
            plan: r.plans.length,
            goal: r.plans.reduce((n, p) => n + p.goals.length, 0),
            action: r.plans.reduce((n, p) => n + p.goals.reduce((m, g) => m + g.actions.length, 0), 0),
            indicator: r.summary.indicators,
            outcome: r.plans.reduce(
              (n, p) => n + p.goals.reduce((m, g) => m + g.indicators.reduce((k, i) => k + i.trend.length, 0), 0),
              0,
            ),
          }
        : null;
      const list = (values: number[]) =>
        `${values.map((v) => v.toFixed(0)).join(', ')} ms (median ${median(values).toFixed(0)} ms)`;
      return {
        subject: `The whole municipality's report for ${year - 1} Helår as PDF, as the page gets it: POST /api/plan-reports/exports, its progress every 100 ms, then its file; with an API token`,
        baselineSubject: "the report's data as raw SQL: the same rows in one hand-written statement from psql",
        unit: 'ms',
        samples,
        baselineSamples,
        checks: [
          {
            text: `answers other than 200/202, an export not done, or a PDF that is not one: ${failures}, must be 0`,
            pass: failures === 0,
          },
          {
            text: `the report holds every plan of the year: ${r?.summary.plans ?? 0} of ${rows.action_plans}`,
            pass: r !== null && r.summary.plans === rows.action_plans,
          },
          {
            text: `the statement fetches the report's rows: ${Object.entries(sqlRows)
              .map(([k, v]) => `${v} ${k}s`)
              .join(', ')}, as many as the report holds`,
            pass: counts !== null && Object.entries(counts).every(([k, v]) => sqlRows[k] === v),
          },
          {
            text: `the progress was shown while the PDF was written (readings of plans written per export: ${readings.join(', ')}) and reached all plans`,
            pass: progressToEnd && readings.slice(1).every((n) => n >= 2),
          },
        ],
        method:
          `The plans of the dashboard's figure (bench/lib/plans.ts: the large municipality's organisation, ${rows.action_plans} adopted plans, ` +
          `${rows.plan_goals} goals, ${rows.plan_actions} actions (${planCounts.responsible} people responsible), ${rows.plan_indicators} indicators, ` +
          `${rows.follow_up_periods} periods with ${rows.plan_action_reports + rows.plan_indicator_reports + rows.plan_goal_reports} reports; ` +
          `${(loadMs / 1000).toFixed(0)} s with VACUUM ANALYZE) on PostgreSQL. A server from dist/ (logging every request at info level, to a file); ` +
          `an administrator's API token asks for the report of the whole municipality for ${year - 1}'s full year (whose trend reaches back four years) ` +
          `as the page does: it starts the PDF export, asks for its progress every 100 ms and fetches the file when it is done (one untimed export first). ` +
          `The baseline, in each run: the statement (reportSql in bench/figures/plans-report.ts) three times from psql in one session after one untimed run (\\timing, no JIT), its median. ` +
          `Then, for information, the report as JSON, the synchronous GET /api/plan-reports/export as PDF, Word and Excel.`,
        details: [
          `The PDF: ${(pdfBytes / 1024 / 1024).toFixed(1)} MB, ${pages} pages.`,
          `The report as JSON (GET /api/plan-reports, its data assembled, no document): ${list(jsonTimes)}.`,
          `The synchronous PDF (GET /api/plan-reports/export?format=pdf): ${list(sync)}.`,
          `Word (docx): ${list(word)}; Excel (xlsx): ${list(excel)}.`,
        ],
      };
    } finally {
      await dbs.dispose();
    }
  },
};
