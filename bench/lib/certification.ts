import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import type { DatabaseKind } from '#server/db/client';
import { loadConfig } from '#server/config';
import { systemClock } from '#server/context';
import {
  certificationConfirmations,
  certificationCriteria,
  certificationGroupMembers,
  certificationProcesses,
  certificationSchemes,
  courses,
  users,
} from '#server/db/schema/index';
import { loadDemo } from '#server/features/demo/service';
import { demoCourses } from '#server/features/demo/training';
import { stockholmDate } from '#server/features/employees/current';
import { median } from './figure.js';
import { databases } from './databases.js';
import { checklistSql, inline, unitStatusSql } from './certification-sql.js';
import { benchEmployees, insertApiToken } from './municipality.js';
import { buildIfStale, freePort, spawnLogged, stop, waitForAnswer } from './processes.js';
import { rawQuery } from './raw.js';
import { psqlTimes } from './psql.js';

/**
 * The runs of the certification figures of issue 5 on one database: the demo municipality at 60,000
 * employees (600 units, ten years of training history, the demo's certification history), a unit of
 * about 100 staff in a process with a scheme of every kind of criterion, one server process, and in
 * each run the checklist and the status list of every unit, each beside its hand-written baseline.
 * The two figures of a database share these runs (bench/figures/certification.ts).
 */

export const requestsPerRun = { checklist: Number(process.env.BENCH_CHECKLIST_REQUESTS ?? 10), units: 5 };
export const groupSize = 7;

export type CertificationRuns = {
  kind: DatabaseKind;
  loadMs: number;
  unit: { name: string; staff: number };
  units: number;
  checklist: {
    api: number[];
    baseline: number[];
    bareRoute: number[];
    same: boolean;
    failures: number;
    /** Where the API's time goes: each step of the route timed alone in the server's process, per run. */
    steps: Record<string, number[]>;
  };
  list: {
    api: number[];
    baseline: number[];
    bareRoute: number[];
    same: boolean;
    failures: number;
    counts: Record<string, number>;
    /** Certified units flagged below a threshold, by the query. */
    flagged: number;
    steps: Record<string, number[]>;
  };
};

const sessions = new Map<string, Promise<CertificationRuns>>();

export function certificationRuns(kind: DatabaseKind, runs: number, log: (line: string) => void): Promise<CertificationRuns> {
  const key = `${kind}:${runs}`;
  let session = sessions.get(key);
  if (!session) {
    session = measure(kind, runs, log);
    sessions.set(key, session);
  }
  return session;
}

async function timedGet(url: string, headers: Record<string, string> = {}) {
  const started = performance.now();
  const response = await fetch(url, { headers });
  const text = await response.text();
  return { ms: performance.now() - started, status: response.status, body: JSON.parse(text) as unknown };
}

async function medianOf(times: number, work: () => Promise<number>) {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) samples.push(await work());
  return median(samples);
}

/**
 * Each step of an API route timed alone in the server's process (the bare server's /steps routes),
 * `times` times; the median of each step is added to `into`.
 */
async function stepsOf(url: string, headers: Record<string, string>, times: number, into: Record<string, number[]>) {
  const samples: Record<string, number[]> = {};
  for (let i = 0; i < times; i++) {
    const r = await timedGet(url, headers);
    if (r.status !== 200) throw new Error(`${url}: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
    for (const [step, ms] of Object.entries(r.body as Record<string, number>)) (samples[step] ??= []).push(ms);
  }
  for (const [step, values] of Object.entries(samples)) (into[step] ??= []).push(median(values));
}

/** The steps' medians over the runs, as a sentence's list. */
export function stepsText(steps: Record<string, number[]>): string {
  return Object.entries(steps)
    .map(([step, values]) => `${step} ${median(values).toFixed(1)} ms`)
    .join(', ');
}

type ChecklistBody = { checklist: { kind: string; value: number | null; of: number | null; met: boolean }[] };
type BaselineChecklist = { staff: number; trained: number; sessions: number; group_size: number; confirmed: number };

async function measure(kind: DatabaseKind, runs: number, log: (line: string) => void): Promise<CertificationRuns> {
  buildIfStale();
  const dbs = databases(kind, 'certification');
  const logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'inkludera-bench-certification-log-'));
  let token = '';
  let loadMs = 0;
  const fixture = { unitId: '', unitName: '', staff: 0, processId: '', courseId: '' };
  try {
    await dbs.prepareTemplate(async (database) => {
      const db = database.db;
      const ctx = { db, dbKind: database.kind, clock: systemClock, config: loadConfig({ DATA_DIR: logDir }) };
      const started = performance.now();
      const demo = await loadDemo(ctx, { employees: benchEmployees });
      loadMs = performance.now() - started;
      log(
        `  ${kind}: loaded the demo municipality in ${(loadMs / 1000).toFixed(1)} s: ${demo.employees} employees in ${demo.units} units`,
      );
      const [admin] = await db.select({ id: users.id }).from(users).where(eq(users.email, 'strateg@demo.example'));
      token = await insertApiToken(db, admin!.id);
      const [course] = await db.select({ id: courses.id }).from(courses).where(eq(courses.name, demoCourses.certification.name));
      fixture.courseId = course!.id;

      // The active unit whose current staff is nearest 100.
      const today = stockholmDate(new Date());
      const [unit] = (
        await db.execute<{ id: string; name: string; staff: number }>(sql`
          select u.id, u.name, count(*)::int as staff
            from units u join employees e on e.unit_id = u.id
           where u.active and e.start_date <= ${today}::date and (e.end_date is null or e.end_date >= ${today}::date)
           group by u.id, u.name order by abs(count(*) - 100), u.id limit 1`)
      ).rows;
      Object.assign(fixture, { unitId: unit!.id, unitName: unit!.name, staff: unit!.staff });

      // A scheme with every kind of criterion, and the unit's open process with a group and a confirmation.
      const [scheme] = await db
        .insert(certificationSchemes)
        .values({ name: 'Benchmark: HBTQ-certifiering', issuer: 'RFSL', validityYears: 3 })
        .returning({ id: certificationSchemes.id });
      const criteria = await db
        .insert(certificationCriteria)
        .values([
          {
            schemeId: scheme!.id,
            position: 1,
            kind: 'course_share',
            label: 'Utbildad personal',
            courseId: fixture.courseId,
            threshold: 80,
          },
          { schemeId: scheme!.id, position: 2, kind: 'sessions_held', label: 'Utbildningstillfällen', threshold: 2 },
          { schemeId: scheme!.id, position: 3, kind: 'working_group', label: 'HBTQ-grupp', threshold: 5 },
          { schemeId: scheme!.id, position: 4, kind: 'confirmed', label: 'Rutin för nyanställda' },
        ])
        .returning({ id: certificationCriteria.id, kind: certificationCriteria.kind });
      const [process] = await db
        .insert(certificationProcesses)
        .values({ unitId: fixture.unitId, schemeId: scheme!.id, openedByName: 'Benchmark' })
        .returning({ id: certificationProcesses.id });
      fixture.processId = process!.id;
      const members = await db.execute<{ id: string }>(sql`
        select e.id from employees e
         where e.unit_id = ${fixture.unitId}::uuid and e.start_date <= ${today}::date and e.end_date is null
         order by e.employee_number limit ${groupSize}`);
      await db
        .insert(certificationGroupMembers)
        .values(members.rows.map((m) => ({ processId: fixture.processId, employeeId: m.id })));
      await db.insert(certificationConfirmations).values({
        processId: fixture.processId,
        criterionId: criteria.find((c) => c.kind === 'confirmed')!.id,
        evidence: 'Rutinen antogs av ledningsgruppen.',
        confirmedByName: 'Benchmark',
      });
      log(`  ${kind}: the checklist of ${fixture.unitName} (${fixture.staff} current staff), a group of ${members.rows.length}`);
      if (kind === 'postgres') await db.execute(sql`vacuum analyze`);
    });

    const place = await dbs.fresh();
    const today = stockholmDate(new Date());
    // What the hand-written queries answer, for the checks that the API counts the same; before the
    // server starts, which holds the embedded database's directory from then on.
    const database = await place.open();
    let expected: BaselineChecklist;
    const expectedCounts: Record<string, number> = {};
    let unitCount = 0;
    let flagged = 0;
    try {
      const query = rawQuery(database);
      expected = (await query<BaselineChecklist>(checklistSql, [fixture.unitId, fixture.processId, fixture.courseId, today]))
        .rows[0]!;
      const statuses = (await query<{ status: string; criteria_below: number }>(unitStatusSql, [today])).rows;
      unitCount = statuses.length;
      flagged = statuses.filter((row) => row.status === 'certified' && Number(row.criteria_below) > 0).length;
      for (const row of statuses) expectedCounts[row.status] = (expectedCounts[row.status] ?? 0) + 1;
    } finally {
      await database.close();
    }

    const barePort = await freePort();
    const server = await spawnLogged(
      // BENCH_CPU_PROF=<dir>: the server writes a CPU profile there when it stops (open it in Chrome's DevTools).
      [
        ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []),
        '--import',
        'tsx',
        'bench/servers/certification-server.ts',
      ],
      { ...place.env, BARE_PORT: String(barePort), LOG_LEVEL: 'info' },
      path.join(logDir, 'server.log'),
    );
    try {
      await waitForAnswer(server, '/api/health', 120_000);
      const auth = { authorization: `Bearer ${token}` };
      const bareUrl = `http://127.0.0.1:${barePort}`;
      const checklistUrl = `${server.baseUrl}/api/certification/processes/${fixture.processId}`;
      const bareChecklistUrl = `${bareUrl}/checklist/${fixture.unitId}/${fixture.processId}/${fixture.courseId}`;
      const unitsUrl = `${server.baseUrl}/api/certification/units?pageSize=1000`;
      const psqlUrl = place.env.DATABASE_URL;

      const result: CertificationRuns = {
        kind,
        loadMs,
        unit: { name: fixture.unitName, staff: fixture.staff },
        units: unitCount,
        checklist: { api: [], baseline: [], bareRoute: [], same: true, failures: 0, steps: {} },
        list: { api: [], baseline: [], bareRoute: [], same: true, failures: 0, counts: expectedCounts, flagged, steps: {} },
      };
      const getChecklist = async () => {
        const r = await timedGet(checklistUrl, auth);
        if (r.status !== 200) result.checklist.failures++;
        else {
          const items = (r.body as ChecklistBody).checklist;
          const byKind = (k: string) => items.find((item) => item.kind === k);
          result.checklist.same &&=
            byKind('course_share')?.value === expected.trained &&
            byKind('course_share')?.of === expected.staff &&
            byKind('sessions_held')?.value === expected.sessions &&
            byKind('working_group')?.value === expected.group_size &&
            (byKind('confirmed')?.met ?? false) === expected.confirmed > 0;
        }
        return r.ms;
      };
      const getUnits = async () => {
        const r = await timedGet(unitsUrl, auth);
        if (r.status !== 200) result.list.failures++;
        else {
          const body = r.body as { total: number; counts: Record<string, number>; items: { belowThreshold: unknown[] }[] };
          result.list.same &&=
            body.total === unitCount &&
            Object.entries(expectedCounts).every(([status, n]) => body.counts[status] === n) &&
            body.items.filter((item) => item.belowThreshold.length > 0).length === flagged;
        }
        return r.ms;
      };

      for (let i = 0; i < 2; i++) {
        await getChecklist();
        await timedGet(bareChecklistUrl);
        await getUnits();
        await timedGet(`${bareUrl}/units`);
        await timedGet(`${bareUrl}/steps/checklist/${fixture.processId}`, auth);
        await timedGet(`${bareUrl}/steps/units`, auth);
      }
      for (let run = 0; run < runs; run++) {
        const checklist = await medianOf(requestsPerRun.checklist, getChecklist);
        const bareChecklist = await medianOf(requestsPerRun.checklist, async () => (await timedGet(bareChecklistUrl)).ms);
        const units = await medianOf(requestsPerRun.units, getUnits);
        const bareUnits = await medianOf(requestsPerRun.units, async () => (await timedGet(`${bareUrl}/units`)).ms);
        let checklistBaseline = bareChecklist;
        let unitsBaseline = bareUnits;
        if (kind === 'postgres') {
          checklistBaseline = median(
            psqlTimes(
              psqlUrl!,
              inline(checklistSql, [fixture.unitId, fixture.processId, fixture.courseId, today]),
              requestsPerRun.checklist,
            ),
          );
          unitsBaseline = median(psqlTimes(psqlUrl!, inline(unitStatusSql, [today]), requestsPerRun.units));
          result.checklist.bareRoute.push(bareChecklist);
          result.list.bareRoute.push(bareUnits);
        }
        result.checklist.api.push(checklist);
        result.checklist.baseline.push(checklistBaseline);
        result.list.api.push(units);
        result.list.baseline.push(unitsBaseline);
        await stepsOf(`${bareUrl}/steps/checklist/${fixture.processId}`, auth, requestsPerRun.checklist, result.checklist.steps);
        await stepsOf(`${bareUrl}/steps/units`, auth, requestsPerRun.units, result.list.steps);
        log(
          `  run ${run + 1}/${runs}: the checklist ${checklist.toFixed(1)} ms (baseline ${checklistBaseline.toFixed(1)} ms), ` +
            `the ${unitCount} units ${units.toFixed(1)} ms (baseline ${unitsBaseline.toFixed(1)} ms)` +
            (kind === 'postgres' ? `; bare routes ${bareChecklist.toFixed(1)} and ${bareUnits.toFixed(1)} ms` : ''),
        );
      }
      log(`  the checklist's steps: ${stepsText(result.checklist.steps)}`);
      return result;
    } finally {
      await stop(server.child);
    }
  } finally {
    await dbs.dispose();
    fs.rmSync(logDir, { recursive: true, force: true });
  }
}
