import { z } from 'zod';
import { isoDate, page } from './common.js';
import { genders } from './organisation.js';

/**
 * Training coverage: how many of the staff of the municipality, an administration or a unit have
 * completed which level. The definitions are in docs/training.md ("Coverage") and in
 * src/server/features/coverage/service.ts.
 */

export const coverageQuery = z.object({
  administrationId: z.uuid().optional(),
  unitId: z.uuid().optional(),
  /** Only for "new since the last session": the last held session of this course instead of any course. */
  courseId: z.uuid().optional(),
});
export type CoverageQuery = z.infer<typeof coverageQuery>;

export const coverageListQuery = coverageQuery.extend({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(25),
});
export type CoverageListQuery = z.infer<typeof coverageListQuery>;

export const exportFormats = ['xlsx', 'csv'] as const;
export const coverageExportQuery = coverageQuery.extend({ format: z.enum(exportFormats).default('xlsx') });
export type CoverageExportQuery = z.infer<typeof coverageExportQuery>;

/** A count of people split by gender: under 5 it is never sent as a number. */
export const masked = '<5' as const;
export const maskedCount = z.union([z.number().int(), z.literal(masked)]);
export type MaskedCount = z.infer<typeof maskedCount>;

/**
 * municipality: everyone, children are the administrations; administration: its units are the
 * children; unit: one unit, no children; units: the several units a unit manager leads, each a child.
 */
export const scopeKinds = ['municipality', 'administration', 'unit', 'units'] as const;
export type ScopeKind = (typeof scopeKinds)[number];

export const coverageScope = z.object({
  kind: z.enum(scopeKinds),
  administrationId: z.uuid().nullable(),
  administrationName: z.string().nullable(),
  unitId: z.uuid().nullable(),
  unitName: z.string().nullable(),
  /** For kind 'units': the units. */
  unitIds: z.array(z.uuid()),
});
export type CoverageScope = z.infer<typeof coverageScope>;

export const coverageLevel = z.object({
  levelId: z.uuid(),
  key: z.string(),
  nameSv: z.string(),
  nameEn: z.string(),
  rank: z.number().int(),
  /** Staff whose highest completed level is this one. */
  highest: z.number().int(),
  highestShare: z.number(),
  /** Staff who completed this level or a higher one. */
  atLeast: z.number().int(),
  atLeastShare: z.number(),
});
export type CoverageLevel = z.infer<typeof coverageLevel>;

export const genderRow = z.object({
  gender: z.enum(genders),
  staff: maskedCount,
  untrained: maskedCount,
  untrainedShare: z.number().nullable(),
  /** By level id, in the order of levels: staff of this gender whose highest level it is. */
  levels: z.array(z.object({ levelId: z.uuid(), highest: maskedCount, share: z.number().nullable() })),
});
export type GenderRow = z.infer<typeof genderRow>;

export const trendYear = z.object({
  year: z.number().int(),
  /** The day the year is counted at: 31 December, or today for the current year. */
  countedOn: isoDate,
  /** Completions in the year by the scope's staff (by their present unit), per level id. */
  completions: z.array(z.object({ levelId: z.uuid(), count: z.number().int() })),
  /** Employees of the scope's units employed on countedOn. */
  staff: z.number().int(),
  /** Of those, completed the trend level (or higher) on or before countedOn. */
  trained: z.number().int(),
  share: z.number(),
});
export type TrendYear = z.infer<typeof trendYear>;

export const childRow = z.object({
  kind: z.enum(['administration', 'unit']),
  id: z.uuid(),
  name: z.string(),
  staff: z.number().int(),
  /** Staff with at least one completed training. */
  trained: z.number().int(),
  share: z.number(),
});
export type ChildRow = z.infer<typeof childRow>;

export const coverage = z.object({
  scope: coverageScope,
  /** The reference date: today in Sweden. */
  date: isoDate,
  staff: z.number().int(),
  trained: z.number().int(),
  untrained: z.number().int(),
  untrainedShare: z.number(),
  levels: z.array(coverageLevel),
  byGender: z.array(genderRow),
  trend: z.object({ levelId: z.uuid().nullable(), years: z.array(trendYear) }),
  children: z.array(childRow),
  /** The end of the last held session (of the chosen course, or any); null when none was held. */
  lastSessionEndedOn: isoDate.nullable(),
  newUntrainedCount: z.number().int(),
  refresherDueCount: z.number().int(),
});
export type Coverage = z.infer<typeof coverage>;

const personFields = {
  employeeId: z.uuid(),
  firstName: z.string(),
  lastName: z.string(),
  unitId: z.uuid(),
  unitName: z.string(),
  administrationName: z.string(),
};

export const newUntrainedPerson = z.object({ ...personFields, startDate: isoDate });
export type NewUntrainedPerson = z.infer<typeof newUntrainedPerson>;
export const newUntrainedPage = page(newUntrainedPerson).extend({ lastSessionEndedOn: isoDate.nullable() });

export const refresherDuePerson = z.object({
  ...personFields,
  courseId: z.uuid(),
  courseName: z.string(),
  completedOn: isoDate,
  dueOn: isoDate,
});
export type RefresherDuePerson = z.infer<typeof refresherDuePerson>;
export const refresherDuePage = page(refresherDuePerson);
