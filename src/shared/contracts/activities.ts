import { z } from 'zod';
import { id, isoDate, optionalText, requiredText } from './common.js';

/**
 * Activities (aktiviteter / mötesplatser) with a weekly schedule, and their headcounts.
 * PRIVACY: a headcount is a number of visitors, optionally how many came for the first time, and a
 * short note. Nothing about who the visitors were (no names, no gender, no age) is asked for,
 * accepted or stored: the bodies below are strict, and the note says so in the form.
 */

/** HH:MM, 24-hour clock, Swedish local time. */
export const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'time_format');
export const weekday = z.number().int().min(1).max(7);

/** The most days one request of occurrences may span. */
export const occurrenceRangeMaxDays = 400;
export const headcountNoteMax = 500;

export const activityBreak = z
  .object({
    fromDate: isoDate,
    toDate: isoDate,
    label: optionalText(100),
  })
  .strict()
  .refine((b) => b.toDate >= b.fromDate, { path: ['toDate'], message: 'break_ends_before_start' });
export type ActivityBreak = z.infer<typeof activityBreak>;

export const activityBody = z
  .object({
    name: requiredText(200),
    description: optionalText(4000),
    place: requiredText(300),
    weekday,
    startTime: clockTime,
    endTime: clockTime,
    startsOn: isoDate,
    endsOn: isoDate.nullish().transform((v) => v ?? null),
    breaks: z.array(activityBreak).max(100).default([]),
    hostIds: z.array(id).max(50).default([]),
  })
  .strict()
  .refine((a) => a.endTime > a.startTime, { path: ['endTime'], message: 'ends_before_start' })
  .refine((a) => a.endsOn === null || a.endsOn >= a.startsOn, { path: ['endsOn'], message: 'ends_before_start' });
export type ActivityInput = z.input<typeof activityBody>;

export const activityHost = z.object({ userId: id, name: z.string() });

export const activity = z.object({
  id,
  name: z.string(),
  description: z.string().nullable(),
  place: z.string(),
  weekday,
  startTime: z.string(),
  endTime: z.string(),
  startsOn: z.string(),
  endsOn: z.string().nullable(),
  breaks: z.array(z.object({ fromDate: z.string(), toDate: z.string(), label: z.string().nullable() })),
  hosts: z.array(activityHost),
  updatedAt: z.string(),
  can: z.object({ edit: z.boolean(), recordHeadcounts: z.boolean() }),
});
export type Activity = z.infer<typeof activity>;
export const activityList = z.object({ items: z.array(activity) });

export const rangeQuery = z
  .object({ from: isoDate.optional(), to: isoDate.optional() })
  .refine((q) => !q.from || !q.to || q.to >= q.from, { path: ['to'], message: 'ends_before_start' });

export const occurrenceParams = z.object({ id, date: isoDate });

/** One occurrence: date is the scheduled date (its key); actualDate and the times are where it really is. */
export const headcount = z.object({
  visitors: z.number().int(),
  firstTimeVisitors: z.number().int().nullable(),
  note: z.string().nullable(),
  recordedAt: z.string(),
});
export type Headcount = z.infer<typeof headcount>;

export const occurrence = z.object({
  activityId: id,
  scheduledDate: z.string(),
  date: z.string(),
  startTime: z.string(),
  endTime: z.string(),
  place: z.string(),
  status: z.enum(['scheduled', 'moved', 'cancelled']),
  reason: z.string().nullable(),
});
export type Occurrence = z.infer<typeof occurrence>;

export const occurrenceWithHeadcount = occurrence.extend({ headcount: headcount.nullable(), held: z.boolean() });
export type OccurrenceWithHeadcount = z.infer<typeof occurrenceWithHeadcount>;
export const occurrenceList = z.object({ from: z.string(), to: z.string(), items: z.array(occurrenceWithHeadcount) });

export const occurrenceChangeBody = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('cancelled'), reason: requiredText(300) }).strict(),
  z
    .object({
      kind: z.literal('moved'),
      date: isoDate,
      startTime: clockTime,
      endTime: clockTime,
      place: requiredText(300),
      reason: optionalText(300),
    })
    .strict()
    .refine((m) => m.endTime > m.startTime, { path: ['endTime'], message: 'ends_before_start' }),
]);
export type OccurrenceChangeInput = z.input<typeof occurrenceChangeBody>;

/** What a host records: a number, and nothing about who came. */
export const headcountBody = z
  .object({
    visitors: z.number().int().min(0).max(10_000),
    firstTimeVisitors: z
      .number()
      .int()
      .min(0)
      .max(10_000)
      .nullish()
      .transform((v) => v ?? null),
    note: optionalText(headcountNoteMax),
  })
  .strict()
  .refine((h) => h.firstTimeVisitors === null || h.firstTimeVisitors <= h.visitors, {
    path: ['firstTimeVisitors'],
    message: 'more_first_time_than_visitors',
  });
export type HeadcountInput = z.input<typeof headcountBody>;

export const statisticsQuery = z.object({
  activityId: id.optional(),
  period: z.enum(['week', 'month']).default('month'),
  from: isoDate.optional(),
  to: isoDate.optional(),
});
export const statistics = z.object({
  period: z.enum(['week', 'month']),
  from: z.string(),
  to: z.string(),
  rows: z.array(
    z.object({
      /** The ISO week (2026-W05) or the month (2026-01). */
      period: z.string(),
      occurrences: z.number().int(),
      visitors: z.number().int(),
      firstTimeVisitors: z.number().int(),
    }),
  ),
  totals: z.object({ occurrences: z.number().int(), visitors: z.number().int(), firstTimeVisitors: z.number().int() }),
});
export type ActivityStatistics = z.infer<typeof statistics>;

/** The public view: no hosts, no headcounts. */
export const publicActivity = z.object({
  id,
  name: z.string(),
  description: z.string().nullable(),
  place: z.string(),
  weekday,
  startTime: z.string(),
  endTime: z.string(),
  breaks: z.array(z.object({ fromDate: z.string(), toDate: z.string(), label: z.string().nullable() })),
  occurrences: z.array(occurrence),
});
export type PublicActivity = z.infer<typeof publicActivity>;
export const publicActivityList = z.object({ from: z.string(), to: z.string(), items: z.array(publicActivity) });

export const hostCandidate = z.object({ userId: id, name: z.string(), email: z.string() });
export const hostCandidateList = z.object({ items: z.array(hostCandidate) });
export type HostCandidate = z.infer<typeof hostCandidate>;
