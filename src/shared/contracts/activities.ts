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

/**
 * Seasons (docs/activities.md#statistics): three per calendar year, around the Swedish summer,
 * as a municipal activity for young people follows the school year. Vårtermin from 1 January to
 * 14 June, sommar from 15 June to 14 August, hösttermin from 15 August to 31 December. Each lies
 * in one calendar year, so a year is the sum of its seasons.
 */
export const seasons = ['spring', 'summer', 'autumn'] as const;
export type Season = (typeof seasons)[number];
/** The first day (MM-DD) of each season in its year. */
export const seasonStarts: Record<Season, string> = { spring: '01-01', summer: '06-15', autumn: '08-15' };

/**
 * The figures of a group of occurrences. Held: not cancelled and over (or counted). Counted: held
 * with a headcount; uncounted: held without one. The average is over the counted occurrences only,
 * the first-time share over the counts that recorded first-timers only (null without any).
 */
export const statisticsFigures = z.object({
  held: z.number().int(),
  counted: z.number().int(),
  uncounted: z.number().int(),
  cancelled: z.number().int(),
  visitors: z.number().int(),
  firstTimeVisitors: z.number().int(),
  averageVisitors: z.number().nullable(),
  firstTimeShare: z.number().nullable(),
});
export type StatisticsFigures = z.infer<typeof statisticsFigures>;

export const statisticsOccurrence = z.object({
  activityId: id,
  activityName: z.string(),
  scheduledDate: z.string(),
  /** Where it took place: a moved occurrence counts on the date it was moved to. */
  date: z.string(),
  status: z.enum(['scheduled', 'moved', 'cancelled']),
  reason: z.string().nullable(),
  held: z.boolean(),
  visitors: z.number().int().nullable(),
  firstTimeVisitors: z.number().int().nullable(),
});
export type StatisticsOccurrence = z.infer<typeof statisticsOccurrence>;

export const statistics = z.object({
  period: z.enum(['week', 'month']),
  from: z.string(),
  to: z.string(),
  /** Per ISO week (2026-W05) or month (2026-01) of the range. */
  rows: z.array(statisticsFigures.extend({ period: z.string() })),
  /** The range's figures. */
  totals: statisticsFigures,
  /** The range's occurrences that are over: held ones with their counts, cancelled ones marked. */
  occurrences: z.array(statisticsOccurrence),
  /** The span of the seasons and years: from the first occurrence (of any activity in scope) to the range's end. */
  history: z.object({ from: z.string().nullable(), to: z.string() }),
  seasons: z.array(
    statisticsFigures.extend({ year: z.number().int(), season: z.enum(seasons), from: z.string(), to: z.string() }),
  ),
  years: z.array(
    statisticsFigures.extend({
      year: z.number().int(),
      /** The year is not whole in the history (its first, or the current year so far). */
      partial: z.boolean(),
      /** Against the year before (null for the first year). */
      change: z
        .object({
          held: z.number().int(),
          visitors: z.number().int(),
          /** The change of visitors as a share of the year before's (null when that was 0). */
          visitorsShare: z.number().nullable(),
          averageVisitors: z.number().nullable(),
        })
        .nullable(),
    }),
  ),
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
