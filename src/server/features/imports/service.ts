import type { Actor, AppContext } from '../../context.js';
import { refreshAfterBulkLoad } from '../../db/maintenance.js';
import { AppError, forbidden, notFound, unprocessable } from '../../http/errors.js';
import { readVersions, versionKey } from '../../http/versioned-cache.js';
import type { ImportSummary, UpdateImportBody } from '#shared/contracts/imports';
import type { ListQuery } from '#shared/contracts/common';
import { recordAudit } from '../audit/service.js';
import { allEmployeesByNumber, applyBulkPlan } from '../employees/bulk.js';
import { stockholmDate } from '../employees/current.js';
import { createUnitsForImport, unitDirectory } from '../units/bulk.js';
import { guessMapping, missingRequired, type ColumnMapping } from './columns.js';
import { parseDate, type DateFormat } from './dates.js';
import { FileFormatError, readTable, type Table } from './decode.js';
import { planImport, unitResolver, type ImportPlan } from './plan.js';
import { canImport } from './policy.js';
import { dateValues, dateVerdict, readRecords, type Problem } from './records.js';
import * as repo from './repository.js';

export type ImportSettings = {
  mode: 'full' | 'partial';
  mapping: ColumnMapping;
  dateFormat: DateFormat | null;
  /** The person chose the date format; otherwise it is chosen from the file again at every analysis. */
  dateFormatChosen: boolean;
  createMissingUnits: boolean;
  headers: string[];
  encoding: string;
  delimiter: string | null;
};

export type Progress = { phase: 'reading' | 'checking' | 'writing' | 'done'; done: number; total: number; startedAt: number };

/** Progress of the imports this process is committing; a person may leave the page and come back to it. */
const progressById = new Map<string, Progress>();
export const progressOf = (id: string) => progressById.get(id) ?? null;

/** Who follows a commit as it goes (its streamed answer), by import: told of every step of its progress. */
const followers = new Map<string, Set<() => void>>();
/** The commits this process is carrying out, each settled when it has committed or failed. */
const commitsUnderWay = new Map<string, Promise<void>>();

/** Calls listener at every step of the commit's progress until the returned function is called. */
export function followCommit(id: string, listener: () => void): () => void {
  const listeners = followers.get(id) ?? new Set();
  listeners.add(listener);
  followers.set(id, listeners);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) followers.delete(id);
  };
}

/** Settles when the import's commit in this process has ended, whichever way; at once when none is under way. */
export const commitEnded = (id: string): Promise<void> => commitsUnderWay.get(id) ?? Promise.resolve();

/** Problems kept with an import: enough to mend a file; a file with more has a different problem. */
const storedProblems = 1000;

function requireImporter(actor: Actor) {
  if (!canImport(actor)) throw forbidden();
}

/**
 * Without the parsed table, the largest thing an import holds: a commit writes for seconds after
 * reading it, and need not keep it. `basedOn` is the organisation's data version read before the
 * employees and units were (decision 0012), or null when it could not be known.
 */
type Analysis = {
  settings: ImportSettings;
  summary: ImportSummary;
  problems: Problem[];
  plan: ImportPlan | null;
  basedOn: string | null;
};

/**
 * The last analysis of each open import (its preview, or its latest change of settings), kept so
 * that the commit need not read and check the file again when nothing in the organisation (employees,
 * their units, units, administrations) has changed since, on the same day: the data version says so
 * exactly, whoever wrote (this process, the nightly import, psql). Otherwise the commit analyses
 * again. At most a few, for half an hour: an import left open costs nothing after that.
 */
const keptAnalyses = new Map<string, { analysis: Analysis; settings: string; day: string; keptAt: number }>();
const keptAtMost = 3;
const keptFor = 30 * 60_000;

/** The settings that decide an analysis, in one canonical form (JSONB gives the keys back in its own order). */
const settingsKey = (settings: ImportSettings) =>
  JSON.stringify([
    settings.mode,
    Object.entries(settings.mapping).sort(([a], [b]) => a.localeCompare(b)),
    settings.dateFormat,
    settings.createMissingUnits,
  ]);

function keepAnalysis(ctx: AppContext, id: string, analysis: Analysis) {
  keptAnalyses.delete(id);
  if (!analysis.plan || analysis.basedOn === null) return;
  for (const [key, kept] of keptAnalyses) if (Date.now() - kept.keptAt > keptFor) keptAnalyses.delete(key);
  while (keptAnalyses.size >= keptAtMost) keptAnalyses.delete(keptAnalyses.keys().next().value!);
  keptAnalyses.set(id, {
    analysis,
    settings: settingsKey(analysis.settings),
    day: stockholmDate(ctx.clock.now()),
    keptAt: Date.now(),
  });
}

/** The kept analysis of an import, taken (a commit uses it once), if it still holds for these settings, today and the data as it is now. */
async function takeKeptAnalysis(ctx: AppContext, id: string, settings: ImportSettings): Promise<Analysis | null> {
  const kept = keptAnalyses.get(id);
  keptAnalyses.delete(id);
  if (!kept || Date.now() - kept.keptAt > keptFor) return null;
  if (kept.settings !== settingsKey(settings) || kept.day !== stockholmDate(ctx.clock.now())) return null;
  const now = versionKey(await readVersions(ctx.db), ['organisation']);
  return now !== null && now === kept.analysis.basedOn ? kept.analysis : null;
}

/** Reads the file with the settings and compares it with the database: the preview, and the plan a commit carries out. */
async function analyse(
  ctx: AppContext,
  bytes: Uint8Array,
  requested: Partial<ImportSettings>,
  progress?: (p: Progress) => void,
): Promise<Analysis> {
  const startedAt = Date.now();
  progress?.({ phase: 'reading', done: 0, total: 0, startedAt });
  let table: Table;
  try {
    table = await readTable(bytes);
  } catch (error) {
    if (error instanceof FileFormatError) throw unprocessable(error.code, [{ path: 'body.file', message: error.code }]);
    throw error;
  }
  const headers = table.rows[0].map((cell) => (typeof cell === 'string' ? cell : ''));
  const mapping = requested.mapping ?? guessMapping(headers);
  for (const column of Object.values(mapping)) {
    if (column !== undefined && column >= headers.length)
      throw unprocessable('mapping_out_of_range', [{ path: 'body.mapping', message: 'mapping_out_of_range' }]);
  }
  const verdict = dateVerdict(table, mapping);
  const candidates = verdict.kind === 'ambiguous' ? verdict.candidates : [];
  // An example for the person who chooses: the first date in the file, as each candidate format reads it.
  const firstDate = candidates.length > 0 ? dateValues(table, mapping)[0] : undefined;
  const dateExample = firstDate
    ? { value: firstDate, readings: Object.fromEntries(candidates.map((format) => [format, parseDate(firstDate, format) ?? ''])) }
    : null;
  const dateFormat: DateFormat | null =
    requested.dateFormat ?? (verdict.kind === 'chosen' ? verdict.format : verdict.kind === 'none' ? 'YYYY-MM-DD' : null);
  const settings: ImportSettings = {
    mode: requested.mode ?? 'partial',
    mapping,
    dateFormat,
    dateFormatChosen: requested.dateFormat !== undefined && requested.dateFormat !== null,
    createMissingUnits: requested.createMissingUnits ?? false,
    headers,
    encoding: table.encoding,
    delimiter: table.delimiter,
  };
  const unmappedRequired = missingRequired(mapping);
  const emptySummary = (problems: number): ImportSummary => ({
    rows: table.rows.length - 1,
    new: 0,
    changed: 0,
    unchanged: 0,
    ended: 0,
    problems,
    missingUnits: [],
    missingAdministrations: [],
    unmappedRequired,
    dateFormatCandidates: dateFormat ? [] : candidates,
    dateExample: dateFormat ? null : dateExample,
    changes: [],
    newEmployees: [],
    endedEmployees: [],
  });
  // Until every required column is known and the date format is settled, there is nothing to compare.
  if (unmappedRequired.length > 0 || !dateFormat)
    return { settings, summary: emptySummary(0), problems: [], plan: null, basedOn: null };

  progress?.({ phase: 'checking', done: 0, total: table.rows.length - 1, startedAt });
  const { records, problems: fileProblems } = readRecords(table, mapping, dateFormat);
  const basedOn = versionKey(await readVersions(ctx.db), ['organisation']);
  const [stored, directory] = await Promise.all([allEmployeesByNumber(ctx.db), unitDirectory(ctx.db)]);
  const plan = planImport({
    records,
    fileProblems,
    mapping,
    mode: settings.mode,
    stored,
    resolver: unitResolver(directory),
    unitNames: new Map(directory.units.map((u) => [u.id, u.name])),
    today: stockholmDate(ctx.clock.now()),
    rows: table.rows.length - 1,
  });
  return {
    settings,
    summary: { ...plan.summary, unmappedRequired, dateFormatCandidates: candidates, dateExample },
    problems: plan.problems,
    plan,
    basedOn,
  };
}

export function canCommit(row: Pick<repo.ImportRow, 'status' | 'summary' | 'settings'>): boolean {
  const summary = row.summary as ImportSummary | null;
  const settings = row.settings as ImportSettings;
  return (
    row.status === 'previewed' &&
    summary !== null &&
    summary.unmappedRequired.length === 0 &&
    settings.dateFormat !== null &&
    summary.problems === 0 &&
    (summary.missingUnits.length === 0 || settings.createMissingUnits)
  );
}

export async function previewImport(
  ctx: AppContext,
  actor: Actor,
  file: { name: string; bytes: Uint8Array; source: 'web' | 'api' | 'cli' },
  requested: Partial<ImportSettings> = {},
): Promise<repo.ImportRow> {
  requireImporter(actor);
  const analysis = await analyse(ctx, file.bytes, requested);
  const now = ctx.clock.now();
  const row = await ctx.db.transaction(async (tx) => {
    const row = await repo.insertImport(tx, {
      createdByUserId: actor.userId,
      createdByName: actor.name,
      createdAt: now,
      source: file.source,
      fileName: file.name.slice(0, 255),
      fileSize: file.bytes.length,
      fileContent: file.bytes,
      mode: analysis.settings.mode,
      status: 'previewed',
      settings: analysis.settings,
      summary: analysis.summary,
      problems: analysis.problems.slice(0, storedProblems),
    });
    await recordAudit(
      tx,
      actor,
      {
        action: 'create',
        entityType: 'employee_import',
        entityId: row.id,
        after: { fileName: row.fileName, fileSize: row.fileSize },
      },
      now,
    );
    return row;
  });
  keepAnalysis(ctx, row.id, analysis);
  return row;
}

/** An import that is open: previewed, neither committed nor discarded. */
async function openImport(ctx: AppContext, id: string): Promise<repo.ImportRow> {
  const row = await repo.findImport(ctx.db, id);
  if (!row) throw notFound();
  if (row.status !== 'previewed') throw new AppError(409, 'import_not_open');
  return row;
}

/** The file of an open import; read only when it is analysed again, as it is the largest thing an import holds. */
async function openImportFile(ctx: AppContext, id: string): Promise<Uint8Array> {
  const file = await repo.findImportFile(ctx.db, id);
  if (!file) throw new AppError(409, 'import_not_open');
  return file;
}

export async function updateImportSettings(
  ctx: AppContext,
  actor: Actor,
  id: string,
  body: UpdateImportBody,
): Promise<repo.ImportRow> {
  requireImporter(actor);
  const row = await openImport(ctx, id);
  const current = row.settings as ImportSettings;
  const analysis = await analyse(ctx, await openImportFile(ctx, id), {
    mode: body.mode ?? current.mode,
    mapping: body.mapping ?? current.mapping,
    dateFormat: body.dateFormat !== undefined ? body.dateFormat : current.dateFormatChosen ? current.dateFormat : undefined,
    createMissingUnits: body.createMissingUnits ?? current.createMissingUnits,
  });
  const updated = await repo.updateImport(ctx.db, id, {
    mode: analysis.settings.mode,
    settings: analysis.settings,
    summary: analysis.summary,
    problems: analysis.problems.slice(0, storedProblems),
  });
  keepAnalysis(ctx, id, analysis);
  return updated;
}

/**
 * Applies the whole file in one transaction: all or nothing. The plan is the preview's when the
 * organisation has not changed since (its data version says so); otherwise the file is analysed again
 * against the database as it is now, so a change made since the preview is not overwritten blindly.
 * Returns at once with the import 'committing' unless wait is set (the command line waits).
 */
export async function commitImport(
  ctx: AppContext,
  actor: Actor,
  id: string,
  options: { wait?: boolean } = {},
): Promise<repo.ImportRow> {
  requireImporter(actor);
  const row = await openImport(ctx, id);
  const settings = row.settings as ImportSettings;
  if (!canCommit(row)) throw unprocessable('import_has_problems');
  const committing = await repo.updateImport(ctx.db, id, { status: 'committing' });
  const work = runCommit(ctx, actor, row, settings);
  const ended = () => {
    commitsUnderWay.delete(id);
  };
  commitsUnderWay.set(id, work.then(ended, ended));
  if (options.wait) {
    await work;
    return (await repo.findImport(ctx.db, id))!;
  }
  work.catch(() => undefined); // the outcome is recorded on the import row
  return committing;
}

async function runCommit(ctx: AppContext, actor: Actor, row: repo.ImportRow, settings: ImportSettings) {
  const report = (p: Progress) => {
    progressById.set(row.id, p);
    for (const listener of followers.get(row.id) ?? []) listener();
  };
  try {
    const analysis =
      (await takeKeptAnalysis(ctx, row.id, settings)) ??
      (await analyse(ctx, await openImportFile(ctx, row.id), settings, report));
    if (
      !analysis.plan ||
      analysis.problems.length > 0 ||
      (analysis.summary.missingUnits.length > 0 && !settings.createMissingUnits)
    ) {
      throw unprocessable('import_has_problems');
    }
    const { plan, pendingUnits } = analysis.plan;
    const total = plan.create.length + plan.update.length + plan.end.length;
    const startedAt = Date.now();
    report({ phase: 'writing', done: 0, total, startedAt });
    const now = ctx.clock.now();
    await ctx.db.transaction(async (tx) => {
      const created = await createUnitsForImport(tx, actor, analysis.summary.missingUnits, now);
      for (const pending of pendingUnits) {
        const unitId = created.get(pending.key)!;
        if (pending.target === 'create') plan.create[pending.index].unitId = unitId;
        else {
          const change = plan.update[pending.index];
          change.next.unitId = unitId;
          change.after.unitId = unitId;
        }
      }
      await applyBulkPlan(tx, actor, plan, now, async (done) => {
        report({ phase: 'writing', done, total, startedAt });
        // The event loop turns between statements: on the embedded database a statement finishes within
        // the turn that runs it, and what the report wrote to a socket (the commit's followed answer)
        // would otherwise wait for the whole transaction.
        await new Promise((resolve) => setImmediate(resolve));
      });
      const { rows, new: added, changed, unchanged, ended } = analysis.summary;
      await recordAudit(
        tx,
        actor,
        {
          action: 'commit',
          entityType: 'employee_import',
          entityId: row.id,
          after: {
            fileName: row.fileName,
            mode: settings.mode,
            rows,
            new: added,
            changed,
            unchanged,
            ended,
            unitsCreated: created.size,
          },
        },
        now,
      );
      await repo.updateImport(tx, row.id, {
        status: 'committed',
        committedAt: ctx.clock.now(),
        summary: analysis.summary,
        problems: [],
        fileContent: null,
      });
    });
    report({ phase: 'done', done: total, total, startedAt });
    // The import is committed whatever this does: a failed refresh only leaves the statistics as they were.
    if (total > 0) await refreshAfterBulkLoad(ctx.db, ['employees', 'employee_unit_history', 'units']).catch(() => undefined);
  } catch (error) {
    await repo.updateImport(ctx.db, row.id, {
      status: 'failed',
      error: error instanceof AppError ? error.code : 'internal',
      fileContent: null,
    });
    throw error;
  } finally {
    setTimeout(() => progressById.delete(row.id), 60_000).unref();
  }
}

export async function discardImport(ctx: AppContext, actor: Actor, id: string): Promise<repo.ImportRow> {
  requireImporter(actor);
  await openImport(ctx, id);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const row = await repo.updateImport(tx, id, { status: 'discarded', fileContent: null });
    await recordAudit(tx, actor, { action: 'discard', entityType: 'employee_import', entityId: id }, now);
    return row;
  });
}

export async function getImport(ctx: AppContext, actor: Actor, id: string): Promise<repo.ImportRow> {
  requireImporter(actor);
  const row = await repo.findImport(ctx.db, id);
  if (!row) throw notFound();
  return row;
}

export async function listImports(ctx: AppContext, actor: Actor, query: ListQuery) {
  requireImporter(actor);
  const { rows, total } = await repo.listImports(ctx.db, query.pageSize, (query.page - 1) * query.pageSize);
  return { items: rows, total, page: query.page, pageSize: query.pageSize };
}

export const failInterruptedImports = (ctx: AppContext) => repo.failInterrupted(ctx.db);
