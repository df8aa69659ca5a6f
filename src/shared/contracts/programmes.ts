import { z } from 'zod';
import { isoDate, listQuery, optionalText, page, requiredText } from './common.js';

/** A programme (utbildningssatsning): a multi-year effort with targets and funding, e.g. 2015-2017. */

export const programmePopulations = ['all_employees', 'children_and_youth_units'] as const;
export type ProgrammePopulation = (typeof programmePopulations)[number];
export const grantStatuses = ['applied', 'granted', 'rejected'] as const;
export type GrantStatus = (typeof grantStatuses)[number];

const amount = z.number().int().min(0).max(2_000_000_000).nullable();

export const programmeTargetBody = z.object({
  population: z.enum(programmePopulations),
  levelId: z.uuid(),
  targetPercent: z.number().int().min(1).max(100),
});
export type ProgrammeTargetBody = z.input<typeof programmeTargetBody>;

export const programmeGrantBody = z.object({
  funder: requiredText(200),
  appliedAmount: amount.default(null),
  receivedAmount: amount.default(null),
  status: z.enum(grantStatuses).default('applied'),
  decidedOn: isoDate.nullable().default(null),
  note: optionalText(2000),
});
export type ProgrammeGrantBody = z.input<typeof programmeGrantBody>;

const programmeFields = {
  name: requiredText(200),
  description: optionalText(4000),
  startDate: isoDate,
  endDate: isoDate,
  /** The whole list: replaces the programme's targets. */
  targets: z.array(programmeTargetBody).max(20),
  /** The whole list: replaces the programme's grants. */
  grants: z.array(programmeGrantBody).max(100),
};

const datesInOrder = (value: { startDate?: string; endDate?: string }) =>
  !value.startDate || !value.endDate || value.endDate >= value.startDate;
const datesMessage = { message: 'end_before_start', path: ['endDate'] };

export const programmeBody = z
  .object({ ...programmeFields, targets: programmeFields.targets.default([]), grants: programmeFields.grants.default([]) })
  .refine(datesInOrder, datesMessage);
export type ProgrammeBody = z.input<typeof programmeBody>;

/** Only the fields sent are changed; targets and grants, when sent, are replaced as whole lists. */
export const updateProgrammeBody = z.object(programmeFields).partial().refine(datesInOrder, datesMessage);
export type UpdateProgrammeBody = z.input<typeof updateProgrammeBody>;

export const programmeTarget = z.object({
  id: z.uuid(),
  population: z.enum(programmePopulations),
  levelId: z.uuid(),
  levelNameSv: z.string(),
  levelNameEn: z.string(),
  targetPercent: z.number().int(),
});
export type ProgrammeTarget = z.infer<typeof programmeTarget>;

export const programmeGrant = z.object({
  id: z.uuid(),
  funder: z.string(),
  appliedAmount: z.number().int().nullable(),
  receivedAmount: z.number().int().nullable(),
  status: z.enum(grantStatuses),
  decidedOn: isoDate.nullable(),
  note: z.string().nullable(),
});
export type ProgrammeGrant = z.infer<typeof programmeGrant>;

export const programmeSummary = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string().nullable(),
  startDate: isoDate,
  endDate: isoDate,
  targetCount: z.number().int(),
  /** Sum of the amounts applied for (all grants) and received (granted grants), in kronor. */
  appliedTotal: z.number().int(),
  receivedTotal: z.number().int(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type ProgrammeSummary = z.infer<typeof programmeSummary>;

export const programme = programmeSummary.extend({
  targets: z.array(programmeTarget),
  grants: z.array(programmeGrant),
});
export type Programme = z.infer<typeof programme>;

export const programmePage = page(programmeSummary);
export const programmeListQuery = listQuery.extend({
  sort: z.enum(['name', '-name', 'startDate', '-startDate']).default('-startDate'),
});
export type ProgrammeListQuery = z.infer<typeof programmeListQuery>;

export const programmeProgress = z.object({
  programmeId: z.uuid(),
  /** Progress is counted on this day: the programme's end date, or today while it runs (or has not begun). */
  countedOn: isoDate,
  targets: z.array(
    z.object({
      targetId: z.uuid(),
      population: z.enum(programmePopulations),
      levelId: z.uuid(),
      levelNameSv: z.string(),
      levelNameEn: z.string(),
      targetPercent: z.number().int(),
      /** Employed on countedOn in all units, or in the units that work with children and youth. */
      populationSize: z.number().int(),
      /** Of those, completed the target level or a higher one on or before countedOn. */
      reached: z.number().int(),
      share: z.number(),
      /** Reached the target: share >= targetPercent. */
      met: z.boolean(),
      /** How many more people the target needs (0 when met). */
      missing: z.number().int(),
    }),
  ),
  sessions: z.array(
    z.object({
      id: z.uuid(),
      courseId: z.uuid(),
      courseName: z.string(),
      title: z.string().nullable(),
      startsOn: isoDate,
      endsOn: isoDate,
      status: z.string(),
      enrolled: z.number().int(),
      completed: z.number().int(),
    }),
  ),
  sessionTotals: z.object({ sessions: z.number().int(), enrolled: z.number().int(), completed: z.number().int() }),
  grants: z.object({
    count: z.number().int(),
    applied: z.number().int(),
    received: z.number().int(),
    byStatus: z.object({ applied: z.number().int(), granted: z.number().int(), rejected: z.number().int() }),
  }),
});
export type ProgrammeProgress = z.infer<typeof programmeProgress>;
