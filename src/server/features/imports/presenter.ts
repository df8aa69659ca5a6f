import type { EmployeeImport, ImportProblem, ImportSummary } from '#shared/contracts/imports';
import type { ImportRow } from './repository.js';
import { etaSeconds } from '../../jobs/progress.js';
import { canCommit, progressOf, type ImportSettings } from './service.js';

function progressView(id: string) {
  const progress = progressOf(id);
  if (!progress) return null;
  return { phase: progress.phase, done: progress.done, total: progress.total, etaSeconds: progress.phase === 'writing' ? etaSeconds(progress) : null };
}

/** The stored file never leaves the server: only what it was found to contain. */
export function presentImport(row: ImportRow): EmployeeImport {
  const settings = row.settings as ImportSettings;
  return {
    id: row.id,
    fileName: row.fileName,
    fileSize: row.fileSize,
    source: row.source as EmployeeImport['source'],
    status: row.status as EmployeeImport['status'],
    createdAt: row.createdAt.toISOString(),
    createdByName: row.createdByName,
    committedAt: row.committedAt?.toISOString() ?? null,
    settings: { mode: settings.mode, mapping: settings.mapping, dateFormat: settings.dateFormat, createMissingUnits: settings.createMissingUnits },
    headers: settings.headers,
    encoding: settings.encoding,
    delimiter: settings.delimiter,
    summary: (row.summary as ImportSummary | null) ?? null,
    problems: (row.problems as ImportProblem[] | null) ?? [],
    canCommit: canCommit(row),
    error: row.error,
    progress: row.status === 'committing' ? progressView(row.id) : null,
  };
}

export function presentImportListItem(row: ImportRow) {
  const { summary, problems: _problems, headers: _headers, ...rest } = presentImport(row);
  return {
    ...rest,
    counts: summary
      ? { rows: summary.rows, new: summary.new, changed: summary.changed, unchanged: summary.unchanged, ended: summary.ended, problems: summary.problems }
      : null,
  };
}
