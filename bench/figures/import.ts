import type { DatabaseKind } from '#server/db/client';
import { loadConfig } from '#server/config';
import { systemClock, type AppContext } from '#server/context';
import { buildActor, findUserByEmail } from '#server/features/auth/service';
import { commitImport, previewImport, progressOf } from '#server/features/imports/service';
import type { ImportSummary } from '#shared/contracts/imports';
import type { Figure, FigureResult } from '../lib/figure.js';
import { median } from '../lib/figure.js';
import { databases } from '../lib/databases.js';
import {
  benchEmployees,
  changedEmployees,
  employeeCsv,
  insertOrganisation,
  largeMunicipality,
  type LoadedOrganisation,
} from '../lib/municipality.js';
import { rawTransaction } from '../lib/raw.js';

/**
 * Issue 3: the import of a 60,000-row file (preview and commit) into a municipality of 600 units and no
 * employees, beside loading the same rows in plain multi-row INSERTs; and the next night's import of
 * the same file with 1% of the rows changed, beside the first import. One session of runs serves both
 * figures of a database: each run loads the baseline into one fresh database, then imports the file and
 * the changed file into another.
 */

/** Times of one run; writeMs and rewriteMs are the commits' last phase, after the file was checked again. */
type Run = {
  baselineMs: number;
  previewMs: number;
  commitMs: number;
  writeMs: number;
  repreviewMs: number;
  recommitMs: number;
  rewriteMs: number;
};
type Session = { runs: Run[]; csvBytes: number; changedRows: number; movedRows: number; units: number };

const sessions = new Map<string, Promise<Session>>();

/** Both figures of a database use the same runs: measured once per `npm run bench`. */
function importSession(kind: DatabaseKind, runs: number, log: (line: string) => void): Promise<Session> {
  const key = `${kind}:${runs}`;
  let session = sessions.get(key);
  if (!session) {
    session = measureSession(kind, runs, log);
    sessions.set(key, session);
  }
  return session;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function measureSession(kind: DatabaseKind, runs: number, log: (line: string) => void): Promise<Session> {
  const municipality = largeMunicipality();
  const csv = employeeCsv(municipality);
  const changed = changedEmployees(municipality);
  const changedCsv = employeeCsv(municipality, changed.employees);
  const dbs = databases(kind, 'import');
  let organisation: LoadedOrganisation | undefined;
  try {
    await dbs.prepareTemplate(async (database) => {
      organisation = await insertOrganisation(database.db, municipality);
    });
    const unitIds = organisation!.unitIds;
    log(
      `  ${kind}: a template database with ${municipality.administrations.length} administrations and ${unitIds.size} units, no employees`,
    );

    const results: Run[] = [];
    for (let i = 0; i < runs; i++) {
      // The baseline: the same 60,000 employees and their first unit-history row, in plain multi-row INSERTs.
      let place = await dbs.fresh();
      let database = await place.open();
      const started = performance.now();
      await rawTransaction(database, async (query) => {
        const columns = 9;
        for (let from = 0; from < municipality.employees.length; from += 1000) {
          const chunk = municipality.employees.slice(from, from + 1000);
          const params = chunk.flatMap((e) => [
            e.employeeNumber,
            e.firstName,
            e.lastName,
            e.email,
            unitIds.get(e.unitKey),
            e.title,
            e.gender,
            e.startDate,
            e.endDate,
          ]);
          const values = chunk
            .map((_, row) => `(${Array.from({ length: columns }, (_, c) => `$${row * columns + c + 1}`).join(', ')})`)
            .join(', ');
          await query(
            `insert into employees (employee_number, first_name, last_name, email, unit_id, title, gender, start_date, end_date) values ${values}`,
            params,
          );
        }
        await query(
          'insert into employee_unit_history (employee_id, unit_id, from_date) select id, unit_id, start_date from employees',
        );
      });
      const baselineMs = performance.now() - started;
      await database.close();
      await dbs.discard(place);

      // The import, as the command line and the API do it: preview, then commit and wait.
      place = await dbs.fresh();
      database = await place.open();
      const ctx: AppContext = {
        db: database.db,
        dbKind: database.kind,
        clock: systemClock,
        config: loadConfig({ DATA_DIR: place.env.DATA_DIR ?? '/tmp/unused' }),
      };
      const actor = await buildActor(ctx.db, (await findUserByEmail(ctx.db, organisation!.administrator.email))!, 'token', null);
      const importFile = async (bytes: Uint8Array, expect: Partial<ImportSummary>) => {
        const t0 = performance.now();
        const preview = await previewImport(ctx, actor, { name: 'personal.csv', bytes, source: 'cli' });
        const t1 = performance.now();
        const done = await commitImport(ctx, actor, preview.id, { wait: true });
        const t2 = performance.now();
        // The commit's progress keeps the wall-clock time its writing began, once it is done.
        const writingStartedAt = progressOf(preview.id)?.startedAt;
        const writeMs = writingStartedAt === undefined ? Number.NaN : Date.now() - writingStartedAt;
        const summary = done.summary as ImportSummary;
        for (const [field, value] of Object.entries(expect)) {
          if (summary[field as keyof ImportSummary] !== value)
            throw new Error(`the import's ${field} is ${JSON.stringify(summary[field as keyof ImportSummary])}, not ${value}`);
        }
        if (done.status !== 'committed') throw new Error(`the import ended ${done.status} (${done.error})`);
        return { previewMs: t1 - t0, commitMs: t2 - t1, writeMs };
      };
      const first = await importFile(csv, { rows: benchEmployees, new: benchEmployees, problems: 0 });
      const second = await importFile(changedCsv, {
        new: 0,
        changed: changed.changed,
        unchanged: benchEmployees - changed.changed,
        problems: 0,
      });
      await database.close();
      await dbs.discard(place);
      const run = {
        baselineMs,
        previewMs: first.previewMs,
        commitMs: first.commitMs,
        writeMs: first.writeMs,
        repreviewMs: second.previewMs,
        recommitMs: second.commitMs,
        rewriteMs: second.writeMs,
      };
      results.push(run);
      log(
        `  run ${i + 1}/${runs}: INSERTs ${seconds(baselineMs)}; import ${seconds(run.previewMs + run.commitMs)} (preview ${seconds(run.previewMs)}, commit ${seconds(run.commitMs)}, of which writing ${seconds(run.writeMs)}); ` +
          `re-import ${seconds(run.repreviewMs + run.recommitMs)} (preview ${seconds(run.repreviewMs)}, commit ${seconds(run.recommitMs)})`,
      );
    }
    return { runs: results, csvBytes: csv.length, changedRows: changed.changed, movedRows: changed.moved, units: unitIds.size };
  } finally {
    await dbs.dispose();
  }
}

const databaseName = { postgres: 'PostgreSQL', pglite: 'the embedded database (PGlite, on disk)' } as const;
const ms = (values: number[]) => `${Math.round(median(values))} ms`;

function importFigure(kind: DatabaseKind, targetMs: number): Figure {
  return {
    name: `import-${kind}`,
    title: `Import of a 60,000-row CSV (preview and commit) on ${databaseName[kind]}`,
    target: { comparison: 'below', value: targetMs },
    runs: 3,
    async measure({ runs, log }): Promise<FigureResult> {
      const session = await importSession(kind, runs, log);
      const imports = session.runs.map((r) => r.previewMs + r.commitMs);
      const ratios = session.runs.map((r) => (r.previewMs + r.commitMs) / r.baselineMs);
      return {
        subject: 'previewImport + commitImport({ wait: true }), in process',
        baselineSubject: 'the same rows and their unit history in multi-row INSERTs, one transaction',
        unit: 'ms',
        samples: imports,
        baselineSamples: session.runs.map((r) => r.baselineMs),
        method:
          `A ${(session.csvBytes / 1024 ** 2).toFixed(1)} MB CSV of the ${benchEmployees.toLocaleString('en')} employees of generateMunicipality({ employees: 60000 }) ` +
          `(semicolons, Swedish column names, ISO dates, UTF-8) is imported (partial mode) as an administrator by the import service, ` +
          `called in the benchmark's process, into a fresh copy of a database holding the municipality's ${session.units} units and no employees. ` +
          'The baseline loads the same rows into another fresh copy with plain 1,000-row INSERTs through the driver and one INSERT ... SELECT for the unit history, ' +
          'in one transaction. Each run makes both databases anew.',
        details: [
          `Ratio to the baseline, per run: ${ratios.map((r) => `${r.toFixed(1)} ×`).join(', ')}.`,
          `Where the time goes (medians): the preview ${ms(session.runs.map((r) => r.previewMs))} (read and check the file, compare it with the database, keep the file); ` +
            `the commit ${ms(session.runs.map((r) => r.commitMs))}: ${ms(session.runs.map((r) => r.commitMs - r.writeMs))} to check the file again against the database as it is now, ` +
            `${ms(session.runs.map((r) => r.writeMs))} to write the employees, their unit history and an audit entry per employee in 500-row statements, in one transaction.`,
        ],
      };
    },
  };
}

function reimportFigure(kind: DatabaseKind): Figure {
  return {
    name: `reimport-${kind}`,
    title: `Re-import of the same 60,000-row CSV with 1% of the rows changed, on ${databaseName[kind]}`,
    target: { comparison: 'below', ofBaseline: 0.5 },
    runs: 3,
    async measure({ runs, log }): Promise<FigureResult> {
      const session = await importSession(kind, runs, log);
      return {
        subject: 'previewImport + commitImport({ wait: true }) of the changed file',
        baselineSubject: 'the first import of the file, in the same run',
        unit: 'ms',
        samples: session.runs.map((r) => r.repreviewMs + r.recommitMs),
        baselineSamples: session.runs.map((r) => r.previewMs + r.commitMs),
        method:
          `Right after the first import of figure import-${kind} (its baseline here), the same file with ${session.changedRows} rows changed ` +
          `(every hundredth employee: ${session.changedRows - session.movedRows} with a new title, ${session.movedRows} moved to another unit of the same administration) ` +
          'is previewed and committed on the same database: 600 changed, 59,400 unchanged.',
        details: [
          `Where the time goes (medians): the preview ${ms(session.runs.map((r) => r.repreviewMs))}; the commit ${ms(session.runs.map((r) => r.recommitMs))}: ` +
            `${ms(session.runs.map((r) => r.recommitMs - r.rewriteMs))} to check the file again, ${ms(session.runs.map((r) => r.rewriteMs))} to write the 600 changes.`,
        ],
      };
    },
  };
}

export const importPglite = importFigure('pglite', 60_000);
export const reimportPglite = reimportFigure('pglite');
export const importPostgres = importFigure('postgres', 20_000);
export const reimportPostgres = reimportFigure('postgres');
