import { z } from 'zod';
import { listQuery, page } from './common.js';

export const importFieldNames = [
  'employeeNumber',
  'firstName',
  'lastName',
  'email',
  'administration',
  'unit',
  'title',
  'gender',
  'startDate',
  'endDate',
] as const;
export const requiredImportFields = ['employeeNumber', 'firstName', 'lastName', 'unit', 'startDate'] as const;
export const dateFormatNames = ['YYYY-MM-DD', 'YYYYMMDD', 'D/M/YYYY', 'M/D/YYYY', 'D.M.YYYY'] as const;
export const importStatuses = ['previewed', 'committing', 'committed', 'failed', 'discarded'] as const;
export const importModes = ['partial', 'full'] as const;

/** Which column (0-based) holds which field; a field left out is not in the file. */
export const columnMapping = z.partialRecord(z.enum(importFieldNames), z.number().int().min(0).max(500));

export const importProblem = z.object({
  line: z.number().int(),
  column: z.enum(importFieldNames).nullable(),
  code: z.string(),
  value: z.string().nullable(),
});
export type ImportProblem = z.infer<typeof importProblem>;

const fieldChange = z.object({ field: z.string(), before: z.string().nullable(), after: z.string().nullable() });

export const importSummary = z.object({
  rows: z.number().int(),
  new: z.number().int(),
  changed: z.number().int(),
  unchanged: z.number().int(),
  ended: z.number().int(),
  problems: z.number().int(),
  /** Units the file names that do not exist; created on commit only when createMissingUnits is chosen. */
  missingUnits: z.array(z.object({ administration: z.string(), unit: z.string(), rows: z.number().int() })),
  missingAdministrations: z.array(z.string()),
  /** Required fields no column is mapped to. */
  unmappedRequired: z.array(z.enum(importFieldNames)),
  /** More than one date format fits every date: the person chooses. */
  dateFormatCandidates: z.array(z.enum(dateFormatNames)),
  /** When the format must be chosen: the first date in the file and how each candidate reads it (YYYY-MM-DD). */
  dateExample: z.object({ value: z.string(), readings: z.partialRecord(z.enum(dateFormatNames), z.string()) }).nullable().optional(),
  changes: z.array(z.object({ employeeNumber: z.string(), name: z.string(), fields: z.array(fieldChange) })),
  newEmployees: z.array(z.object({ employeeNumber: z.string(), name: z.string(), unit: z.string() })),
  endedEmployees: z.array(z.object({ employeeNumber: z.string(), name: z.string() })),
});
export type ImportSummary = z.infer<typeof importSummary>;

export const importSettings = z.object({
  mode: z.enum(importModes),
  mapping: columnMapping,
  dateFormat: z.enum(dateFormatNames).nullable(),
  createMissingUnits: z.boolean(),
});

export const employeeImport = z.object({
  id: z.uuid(),
  fileName: z.string(),
  fileSize: z.number().int(),
  source: z.enum(['web', 'api', 'cli']),
  status: z.enum(importStatuses),
  createdAt: z.iso.datetime(),
  createdByName: z.string().nullable(),
  committedAt: z.iso.datetime().nullable(),
  settings: importSettings,
  headers: z.array(z.string()),
  encoding: z.string(),
  delimiter: z.string().nullable(),
  summary: importSummary.nullable(),
  problems: z.array(importProblem),
  /** True when the preview found nothing that stops a commit. */
  canCommit: z.boolean(),
  error: z.string().nullable(),
  progress: z.object({ phase: z.string(), done: z.number().int(), total: z.number().int(), etaSeconds: z.number().nullable() }).nullable(),
});
export type EmployeeImport = z.infer<typeof employeeImport>;

export const employeeImportListItem = employeeImport.omit({ summary: true, problems: true, headers: true }).extend({
  counts: importSummary.pick({ rows: true, new: true, changed: true, unchanged: true, ended: true, problems: true }).nullable(),
});
export const employeeImportPage = page(employeeImportListItem);
export const employeeImportListQuery = listQuery;

export const updateImportBody = importSettings.partial();
export type UpdateImportBody = z.infer<typeof updateImportBody>;
