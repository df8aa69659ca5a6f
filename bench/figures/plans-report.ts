import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stockholmDate } from '#server/features/employees/current';
import type { PlanReport } from '#shared/contracts/plan-report';
import { serverFromDist } from '../../test/support/processes.js';
import { databases } from '../lib/databases.js';
import { median, type Figure, type FigureResult } from '../lib/figure.js';
import { planCounts, preparePlans } from '../lib/plans.js';
import { buildIfStale, spawnLogged, stop, waitForAnswer } from '../lib/processes.js';
import { rawQuery } from '../lib/raw.js';

/**
 * Issue 6: with 200 plans, 2,000 goals and 10,000 actions followed up for five years, the follow-up
 * report of the whole municipality for last year's full year is written as a PDF in under 5 s. The
 * baseline in the same run: the same report as JSON (its data assembled, no document written). Word
 * and Excel are timed beside it, for information. On PostgreSQL.
 */

async function timed(url: string, headers: Record<string, string>) {
  const started = performance.now();
  const response = await fetch(url, { headers });
  const body = Buffer.from(await response.arrayBuffer());
  return { ms: performance.now() - started, status: response.status, body };
}

export const plansReportPostgres: Figure = {
  name: 'plans-report-postgres',
  title:
    'GET /api/plan-reports/export?format=pdf, the whole municipality’s follow-up report: 200 plans, 2,000 goals, 10,000 actions, 5 years of follow-ups, on PostgreSQL',
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
      try {
        periodId = (
          await rawQuery(database)<{ id: string }>(`select id from follow_up_periods where year = $1 and name = 'Helår'`, [
            year - 1,
          ])
        ).rows[0]!.id;
      } finally {
        await database.close();
      }
      const server = await spawnLogged(serverFromDist, { ...place.env, LOG_LEVEL: 'info' }, path.join(logDir, 'server.log'));
      const headers = { authorization: `Bearer ${token}` };
      const samples: number[] = [];
      const baselineSamples: number[] = [];
      const word: number[] = [];
      const excel: number[] = [];
      let failures = 0;
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
        const file = async (format: 'pdf' | 'docx' | 'xlsx') => {
          const r = await timed(`${base}/export?${query}&format=${format}`, headers);
          if (r.status !== 200) failures++;
          if (format === 'pdf' && r.status === 200) {
            pdfBytes = r.body.byteLength;
            pages = (r.body.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
            if (r.body.subarray(0, 5).toString('latin1') !== '%PDF-') failures++;
          }
          return r.ms;
        };
        await json();
        await file('pdf');
        for (let run = 0; run < runs; run++) {
          const pdf = await file('pdf');
          const data = await json();
          word.push(await file('docx'));
          excel.push(await file('xlsx'));
          samples.push(pdf);
          baselineSamples.push(data);
          log(
            `  run ${run + 1}/${runs}: PDF ${pdf.toFixed(0)} ms (JSON ${data.toFixed(0)} ms), Word ${word.at(-1)!.toFixed(0)} ms, Excel ${excel.at(-1)!.toFixed(0)} ms`,
          );
        }
      } finally {
        await stop(server.child);
      }
      const r = report as PlanReport | null;
      return {
        subject: `GET /api/plan-reports/export?format=pdf for the whole municipality, ${year - 1} Helår, with an API token`,
        baselineSubject: 'the same report as JSON (GET /api/plan-reports): its data, no document',
        unit: 'ms',
        samples,
        baselineSamples,
        checks: [
          { text: `answers other than 200, or a PDF that is not one: ${failures}, must be 0`, pass: failures === 0 },
          {
            text: `the report holds every plan of the year: ${r?.summary.plans ?? 0} of ${rows.action_plans}`,
            pass: r !== null && r.summary.plans === rows.action_plans,
          },
        ],
        method:
          `The plans of the dashboard's figure (bench/lib/plans.ts: the large municipality's organisation, ${rows.action_plans} adopted plans, ` +
          `${rows.plan_goals} goals, ${rows.plan_actions} actions (${planCounts.responsible} people responsible), ${rows.plan_indicators} indicators, ` +
          `${rows.follow_up_periods} periods with ${rows.plan_action_reports + rows.plan_indicator_reports + rows.plan_goal_reports} reports; ` +
          `${(loadMs / 1000).toFixed(0)} s with VACUUM ANALYZE) on PostgreSQL. A server from dist/ (logging every request at info level, to a file); ` +
          `an administrator's API token asks for the report of the whole municipality for ${year - 1}'s full year (whose trend reaches back four years): ` +
          `per run once as PDF, once as JSON, once as Word and once as Excel, one after another, after one untimed PDF and JSON.`,
        details: [
          `The PDF: ${(pdfBytes / 1024 / 1024).toFixed(1)} MB, ${pages} pages.`,
          `Word (docx), per run: ${word.map((v) => v.toFixed(0)).join(', ')} ms (median ${median(word).toFixed(0)} ms); Excel (xlsx): ${excel
            .map((v) => v.toFixed(0))
            .join(', ')} ms (median ${median(excel).toFixed(0)} ms).`,
        ],
      };
    } finally {
      await dbs.dispose();
    }
  },
};
