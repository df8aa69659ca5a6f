import { z } from 'zod';
import { isoDate, optionalText, page, requiredText } from './common.js';

/** A time of day as HH:MM (00:00-23:59), Swedish time. */
export const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'time_format' });

export const sessionStatuses = ['planned', 'cancelled'] as const;
export type SessionStatus = (typeof sessionStatuses)[number];
export const eligibilities = ['everyone', 'restricted'] as const;
export type Eligibility = (typeof eligibilities)[number];

export const maxParts = 20;

/**
 * A part of a session: a date with its times and place. When a session is changed, a part sent
 * with its id keeps its attendance marks; a part without an id is new; a part left out is removed.
 */
export const sessionPartInput = z
  .object({
    id: z.uuid().optional(),
    date: isoDate,
    startTime: timeOfDay,
    endTime: timeOfDay,
    place: optionalText(200),
  })
  .refine((p) => !p.startTime || !p.endTime || p.endTime > p.startTime, { path: ['endTime'], message: 'end_before_start_time' });
export type SessionPartInput = z.input<typeof sessionPartInput>;

const parts = z.array(sessionPartInput).min(1).max(maxParts);
const ids = z.array(z.uuid()).max(500);

const restrictedHasScope = (v: { eligibility?: string; administrationIds?: string[]; unitIds?: string[] }) =>
  v.eligibility !== 'restricted' || (v.administrationIds?.length ?? 0) + (v.unitIds?.length ?? 0) > 0;
const scopeIssue = { path: ['eligibility'], message: 'eligibility_needs_scope' };

export const sessionBody = z
  .object({
    courseId: z.uuid(),
    title: optionalText(200),
    capacity: z.number().int().min(1).max(10_000),
    parts,
    trainerIds: z.array(z.uuid()).max(20).default([]),
    /** everyone, or restricted to the staff of administrationIds and unitIds (at least one of them). */
    eligibility: z.enum(eligibilities).default('everyone'),
    administrationIds: ids.default([]),
    unitIds: ids.default([]),
    programmeId: z
      .uuid()
      .nullish()
      .transform((v) => v ?? null),
  })
  .refine(restrictedHasScope, scopeIssue);
export type SessionBody = z.input<typeof sessionBody>;

/**
 * Only the fields sent are changed. A lower capacity may not go below the enrolled count; a higher
 * one gives the new seats to the waiting list. New dates, times or places tell everyone enrolled
 * and waiting by mail. A restricted session must name at least one administration or unit (checked
 * on the result, so eligibility alone keeps the lists it had). A cancelled session cannot be changed.
 */
export const updateSessionBody = z
  .object({
    title: optionalText(200),
    capacity: z.number().int().min(1).max(10_000),
    parts,
    trainerIds: z.array(z.uuid()).max(20),
    eligibility: z.enum(eligibilities),
    administrationIds: ids,
    unitIds: ids,
    programmeId: z.uuid().nullable(),
  })
  .partial();
export type UpdateSessionBody = z.input<typeof updateSessionBody>;

export const cancelSessionBody = z.object({ reason: requiredText(1000) });
export type CancelSessionBody = z.input<typeof cancelSessionBody>;

const named = z.object({ id: z.uuid(), name: z.string() });

export const sessionPart = z.object({
  id: z.uuid(),
  position: z.number().int(),
  date: isoDate,
  startTime: z.string(),
  endTime: z.string(),
  place: z.string().nullable(),
});
export type SessionPart = z.infer<typeof sessionPart>;

export const trainingSession = z.object({
  id: z.uuid(),
  courseId: z.uuid(),
  courseName: z.string(),
  title: z.string().nullable(),
  capacity: z.number().int(),
  status: z.enum(sessionStatuses),
  cancelReason: z.string().nullable(),
  eligibility: z.enum(eligibilities),
  programmeId: z.uuid().nullable(),
  /** The first part's date, the last part's date and the minutes of all parts: derived from the parts. */
  startsOn: isoDate,
  endsOn: isoDate,
  totalMinutes: z.number().int(),
  parts: z.array(sessionPart),
  trainers: z.array(named),
  eligibleAdministrationIds: z.array(z.uuid()),
  eligibleUnitIds: z.array(z.uuid()),
  /** The same, with names, for showing. */
  eligibleAdministrations: z.array(named),
  eligibleUnits: z.array(named),
  enrolledCount: z.number().int(),
  waitingCount: z.number().int(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type TrainingSession = z.infer<typeof trainingSession>;
export const trainingSessionPage = page(trainingSession);

export const sessionListQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(25),
  courseId: z.uuid().optional(),
  /** Sessions that end on or after this date. */
  from: isoDate.optional(),
  /** Sessions that start on or before this date. */
  to: isoDate.optional(),
  status: z.enum(sessionStatuses).optional(),
  trainerId: z.uuid().optional(),
  /** startsOn (soonest first, the default) or -startsOn (latest first). */
  sort: z.enum(['startsOn', '-startsOn']).default('startsOn'),
});
export type SessionListQuery = z.infer<typeof sessionListQuery>;

/** The users who may lead sessions: active, with the trainer role. */
export const trainerList = z.object({ items: z.array(named) });
export type TrainerList = z.infer<typeof trainerList>;
