import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import type { DatabaseKind } from '#server/db/client';
import { loadConfig } from '#server/config';
import { systemClock } from '#server/context';
import { courses, users } from '#server/db/schema/index';
import { loadDemo } from '#server/features/demo/service';
import { demoCourses } from '#server/features/demo/training';
import { stockholmDate } from '#server/features/employees/current';
import { median } from './figure.js';
import { databases } from './databases.js';
import { coverageStatements, inlined } from './coverage-sql.js';
import { benchEmployees, insertApiToken } from './municipality.js';
import { buildIfStale, freePort, spawnLogged, stop, waitForAnswer } from './processes.js';
import { rawQuery } from './raw.js';
import { psqlTimes } from './psql.js';

/**
 * The runs of the training figures of issue 4 on one database: the demo municipality at 60,000
 * employees with its ten years of training history (about a million attendance marks), one server
 * process, and in each run the coverage page and the marking of a 30-person part, each beside its
 * baseline. The coverage figure and the attendance figure of a database share these runs
 * (bench/figures/coverage.ts, bench/figures/attendance.ts), measured once per `npm run bench`.
 */

/** Requests per run; the run's value is their median. */
export const requestsPerRun = { coverage: 5, attendance: 10 };
export const partSize = 30;

export type TrainingRuns = {
  kind: DatabaseKind;
  loadMs: number;
  history: { sessions: number; enrolments: number; attendance: number; completed: number };
  coverage: {
    api: number[];
    /** PostgreSQL: psql's \timing of the core aggregate; PGlite: the bare route that runs it. */
    baseline: number[];
    /** PostgreSQL only: the same query through the bare route of the server process. */
    bareRoute: number[];
    /** psql's time of each statement of the page (PostgreSQL), median of the runs. */
    statements: { name: string; ms: number }[];
    staff: number;
    /** The API's staff and untrained equal the aggregate's sums. */
    same: boolean;
    failures: number;
  };
  attendance: { api: number[]; bare: number[]; failures: number; marked: boolean };
};

const sessions = new Map<string, Promise<TrainingRuns>>();

export function trainingRuns(kind: DatabaseKind, runs: number, log: (line: string) => void): Promise<TrainingRuns> {
  const key = `${kind}:${runs}`;
  let session = sessions.get(key);
  if (!session) {
    session = measure(kind, runs, log);
    sessions.set(key, session);
  }
  return session;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function timedFetch(url: string, init: RequestInit): Promise<{ ms: number; status: number; body: unknown }> {
  const started = performance.now();
  const response = await fetch(url, init);
  const text = await response.text();
  const ms = performance.now() - started;
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: kept as text for the error
  }
  return { ms, status: response.status, body };
}

async function measure(kind: DatabaseKind, runs: number, log: (line: string) => void): Promise<TrainingRuns> {
  buildIfStale();
  const dbs = databases(kind, 'training');
  const logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'inkludera-bench-training-log-'));
  let coordinatorToken = '';
  let trainerToken = '';
  let loadMs = 0;
  let history: TrainingRuns['history'] = { sessions: 0, enrolments: 0, attendance: 0, completed: 0 };
  const fixture = { sessionId: '', partId: '', employeeIds: [] as string[] };
  try {
    await dbs.prepareTemplate(async (database) => {
      const ctx = { db: database.db, dbKind: database.kind, clock: systemClock, config: loadConfig({ DATA_DIR: logDir }) };
      const started = performance.now();
      const demo = await loadDemo(ctx, { employees: benchEmployees });
      loadMs = performance.now() - started;
      [history] = (
        await database.db.execute<TrainingRuns['history']>(sql`
          select (select count(*)::int from training_sessions) as sessions, (select count(*)::int from enrolments) as enrolments,
                 (select count(*)::int from attendance) as attendance,
                 (select count(*)::int from enrolments where completed_on is not null) as completed`)
      ).rows;
      log(
        `  ${kind}: loaded the demo municipality in ${seconds(loadMs)}: ${demo.employees} employees in ${demo.units} units, ` +
          `${history.sessions} sessions, ${history.enrolments} enrolments, ${history.attendance} attendance marks`,
      );
      const userId = async (email: string) =>
        (await database.db.select({ id: users.id }).from(users).where(eq(users.email, email)))[0].id;
      coordinatorToken = await insertApiToken(database.db, await userId('hr@demo.example'));
      const trainerId = await userId('utbildare@demo.example');
      trainerToken = await insertApiToken(database.db, trainerId);

      // The part to mark: yesterday's workshop for 30 current employees of one unit, led by the demo's trainer.
      const today = stockholmDate(new Date());
      const [course] = await database.db
        .select({ id: courses.id })
        .from(courses)
        .where(eq(courses.name, demoCourses.normCriticism.name));
      const created = await database.db.execute<{ session_id: string; part_id: string }>(sql`
        with s as (
          insert into training_sessions (course_id, title, capacity, starts_on, ends_on, total_minutes)
          values (${course.id}, 'Benchmark: närvaro', ${partSize}, ${today}::date - 1, ${today}::date - 1, 180)
          returning id
        ), p as (
          insert into session_parts (session_id, position, date, start_time, end_time, place)
          select id, 1, ${today}::date - 1, time '13:00', time '16:00', 'Stadshuset, sessionssalen' from s returning id, session_id
        ), t as (
          insert into session_trainers (session_id, user_id) select id, ${trainerId} from s
        )
        select p.session_id, p.id as part_id from p`);
      fixture.sessionId = created.rows[0].session_id;
      fixture.partId = created.rows[0].part_id;
      const people = await database.db.execute<{ id: string }>(sql`
        insert into enrolments (session_id, employee_id, course_id, status, source, queued_at, enrolled_at)
        select ${fixture.sessionId}, e.id, ${course.id}, 'enrolled', 'coordinator', now() - interval '7 days', now() - interval '7 days'
          from employees e join units u on u.id = e.unit_id
         where u.name = 'Duveholmsgymnasiet' and e.start_date <= ${today}::date - 8 and e.end_date is null
         order by e.employee_number limit ${partSize}
        returning employee_id as id`);
      fixture.employeeIds = people.rows.map((r) => r.id);
      if (fixture.employeeIds.length !== partSize) throw new Error(`only ${fixture.employeeIds.length} people for the part`);
      // PostgreSQL's autovacuum would soon do this after the load (and might do it in the middle of the
      // measurement); PGlite runs none, so its tables stay as the load left them, as on a real server.
      if (kind === 'postgres') await database.db.execute(sql`vacuum analyze`);
    });

    const place = await dbs.fresh();
    const today = stockholmDate(new Date());
    const statements = await coverageStatements(today);
    const core = statements[0];
    const psqlUrl = place.env.DATABASE_URL;

    // The aggregate's own answer, for the check that the API counts the same people.
    let aggregate: { staff: number; untrained: number } = { staff: 0, untrained: 0 };
    const database = await place.open();
    try {
      const rows = (
        await rawQuery(database)<{ current: boolean; rank: number | null; n: number }>(core.text, core.params)
      ).rows.filter((r) => r.current);
      aggregate = {
        staff: rows.reduce((n, r) => n + Number(r.n), 0),
        untrained: rows.reduce((n, r) => n + (r.rank === null ? Number(r.n) : 0), 0),
      };
    } finally {
      await database.close();
    }

    const barePort = await freePort();
    const server = await spawnLogged(
      ['--import', 'tsx', 'bench/servers/training-server.ts'],
      { ...place.env, BARE_PORT: String(barePort), LOG_LEVEL: 'info' },
      path.join(logDir, 'server.log'),
    );
    try {
      await waitForAnswer(server, '/api/health', 120_000);
      const bareUrl = `http://127.0.0.1:${barePort}`;
      const coverageUrl = `${server.baseUrl}/api/coverage`;
      const asCoordinator = { authorization: `Bearer ${coordinatorToken}` };
      const asTrainer = { authorization: `Bearer ${trainerToken}`, 'content-type': 'application/json' };
      const attendanceUrl = `${server.baseUrl}/api/training-sessions/${fixture.sessionId}/parts/${fixture.partId}/attendance`;
      const bareAttendanceUrl = `${bareUrl}/attendance/${fixture.sessionId}/${fixture.partId}`;
      const statuses = ['present', 'absent', 'excused'];
      let round = 0;
      /** Every request changes every mark: person j gets status (round + j) mod 3. */
      const marksBody = () =>
        JSON.stringify({
          marks: fixture.employeeIds.map((employeeId, j) => ({ employeeId, status: statuses[(round + j) % 3] })),
        });

      let coverageFailures = 0;
      let same = true;
      let staff = 0;
      const getCoverage = async () => {
        const r = await timedFetch(coverageUrl, { headers: asCoordinator });
        const body = r.body as { staff?: number; untrained?: number };
        if (r.status !== 200) coverageFailures++;
        else {
          staff = body.staff ?? 0;
          same &&= body.staff === aggregate.staff && body.untrained === aggregate.untrained;
        }
        return r.ms;
      };
      let attendanceFailures = 0;
      let marked = true;
      const putAttendance = async (url: string, headers: Record<string, string>, api: boolean) => {
        round++;
        const r = await timedFetch(url, { method: 'PUT', headers, body: marksBody() });
        if (r.status !== 200) {
          attendanceFailures++;
          log(`    ${url}: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
        } else if (api) {
          const rows = (r.body as { rows: { status: string | null }[] }).rows;
          marked &&= rows.length === partSize && rows.every((row) => row.status !== null);
        }
        return r.ms;
      };
      const medianOf = async (times: number, work: () => Promise<number>) => {
        const samples: number[] = [];
        for (let i = 0; i < times; i++) samples.push(await work());
        return median(samples);
      };

      // Warm-up: the first requests compile queries and fill caches.
      for (let i = 0; i < 2; i++) {
        await getCoverage();
        await timedFetch(`${bareUrl}/coverage`, {});
        await putAttendance(attendanceUrl, asTrainer, true);
        await putAttendance(bareAttendanceUrl, { 'content-type': 'application/json' }, false);
      }

      const result: TrainingRuns = {
        kind,
        loadMs,
        history,
        coverage: { api: [], baseline: [], bareRoute: [], statements: [], staff: 0, same: true, failures: 0 },
        attendance: { api: [], bare: [], failures: 0, marked: true },
      };
      const statementTimes = new Map<string, number[]>();
      for (let run = 0; run < runs; run++) {
        const api = await medianOf(requestsPerRun.coverage, getCoverage);
        const bareRoute = await medianOf(requestsPerRun.coverage, async () => (await timedFetch(`${bareUrl}/coverage`, {})).ms);
        let baseline = bareRoute;
        if (kind === 'postgres') {
          baseline = median(psqlTimes(psqlUrl!, inlined(core), requestsPerRun.coverage));
          for (const statement of statements) {
            statementTimes.set(statement.name, [
              ...(statementTimes.get(statement.name) ?? []),
              median(psqlTimes(psqlUrl!, inlined(statement), 3)),
            ]);
          }
          result.coverage.bareRoute.push(bareRoute);
        }
        result.coverage.api.push(api);
        result.coverage.baseline.push(baseline);

        const marks = await medianOf(requestsPerRun.attendance, () => putAttendance(attendanceUrl, asTrainer, true));
        const bareMarks = await medianOf(requestsPerRun.attendance, () =>
          putAttendance(bareAttendanceUrl, { 'content-type': 'application/json' }, false),
        );
        result.attendance.api.push(marks);
        result.attendance.bare.push(bareMarks);
        log(
          `  run ${run + 1}/${runs}: GET /api/coverage ${api.toFixed(1)} ms, the aggregate ${baseline.toFixed(1)} ms` +
            `${kind === 'postgres' ? ` (psql; ${bareRoute.toFixed(1)} ms by the bare route)` : ' (bare route)'}; ` +
            `PUT attendance of ${partSize} ${marks.toFixed(1)} ms, bare route ${bareMarks.toFixed(1)} ms`,
        );
      }
      result.coverage.statements = [...statementTimes].map(([name, times]) => ({ name, ms: median(times) }));
      result.coverage.staff = staff;
      result.coverage.same = same;
      result.coverage.failures = coverageFailures;
      result.attendance.failures = attendanceFailures;
      result.attendance.marked = marked;
      return result;
    } finally {
      await stop(server.child);
    }
  } finally {
    await dbs.dispose();
    fs.rmSync(logDir, { recursive: true, force: true });
  }
}
