import type { Actor, AppContext } from '../../context.js';
import { refreshAfterBulkLoad } from '../../db/maintenance.js';
import { AppError, forbidden, notFound, unprocessable } from '../../http/errors.js';
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

/** Problems kept with an import: enough to mend a file; a file with more has a different problem. */
const storedProblems = 1000;

function requireImporter(actor: Actor) {
  if (!canImport(actor)) throw forbidden();
}

/** Without the parsed table, the largest thing an import holds: a commit writes for seconds after reading it, and need not keep it. */
type Analysis = { settings: ImportSettings; summary: ImportSummary; problems: Problem[]; plan: ImportPlan | null };

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
  if (unmappedRequired.length > 0 || !dateFormat) return { settings, summary: emptySummary(0), problems: [], plan: null };

  progress?.({ phase: 'checking', done: 0, total: table.rows.length - 1, startedAt });
  const { records, problems: fileProblems } = readRecords(table, mapping, dateFormat);
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
  return ctx.db.transaction(async (tx) => {
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
}

async function previewedImport(ctx: AppContext, id: string): Promise<repo.ImportRow & { fileContent: Uint8Array }> {
  const row = await repo.findImportWithFile(ctx.db, id);
  if (!row) throw notFound();
  if (row.status !== 'previewed' || !row.fileContent) throw new AppError(409, 'import_not_open');
  return row as repo.ImportRow & { fileContent: Uint8Array };
}

export async function updateImportSettings(
  ctx: AppContext,
  actor: Actor,
  id: string,
  body: UpdateImportBody,
): Promise<repo.ImportRow> {
  requireImporter(actor);
  const row = await previewedImport(ctx, id);
  const current = row.settings as ImportSettings;
  const analysis = await analyse(ctx, row.fileContent, {
    mode: body.mode ?? current.mode,
    mapping: body.mapping ?? current.mapping,
    dateFormat: body.dateFormat !== undefined ? body.dateFormat : current.dateFormatChosen ? current.dateFormat : undefined,
    createMissingUnits: body.createMissingUnits ?? current.createMissingUnits,
  });
  return repo.updateImport(ctx.db, id, {
    mode: analysis.settings.mode,
    settings: analysis.settings,
    summary: analysis.summary,
    problems: analysis.problems.slice(0, storedProblems),
  });
}

/**
 * Applies the whole file in one transaction: all or nothing. The file is analysed again against the
 * database as it is now, so a change made since the preview is not overwritten blindly.
 * Returns at once with the import 'committing' unless wait is set (the command line waits).
 */
export async function commitImport(
  ctx: AppContext,
  actor: Actor,
  id: string,
  options: { wait?: boolean } = {},
): Promise<repo.ImportRow> {
  requireImporter(actor);
  const row = await previewedImport(ctx, id);
  const settings = row.settings as ImportSettings;
  if (!canCommit(row)) throw unprocessable('import_has_problems');
  const committing = await repo.updateImport(ctx.db, id, { status: 'committing' });
  const work = runCommit(ctx, actor, row, settings);
  if (options.wait) {
    await work;
    return (await repo.findImport(ctx.db, id))!;
  }
  work.catch(() => undefined); // the outcome is recorded on the import row
  return committing;
}

async function runCommit(
  ctx: AppContext,
  actor: Actor,
  row: repo.ImportRow & { fileContent: Uint8Array },
  settings: ImportSettings,
) {
  const report = (p: Progress) => progressById.set(row.id, p);
  try {
    const analysis = await analyse(ctx, row.fileContent, settings, report);
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
      await applyBulkPlan(tx, actor, plan, now, (done) => report({ phase: 'writing', done, total, startedAt }));
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
  await previewedImport(ctx, id);
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
