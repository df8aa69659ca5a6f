import type { Occurrence } from '#shared/contracts/activities';

/**
 * Occurrences are computed from an activity's weekly schedule for a date range, never stored: only
 * the exceptions (a cancelled or moved occurrence, keyed by its scheduled date) are. Dates are
 * calendar dates (YYYY-MM-DD) and times Swedish local time (HH:MM). Pure functions, tested with
 * fast-check in schedule.test.ts.
 */

export type Schedule = {
  weekday: number;
  startTime: string;
  endTime: string;
  startsOn: string;
  endsOn: string | null;
  place: string;
};
export type Break = { fromDate: string; toDate: string };
export type Change = {
  scheduledDate: string;
  kind: 'cancelled' | 'moved';
  reason: string | null;
  date: string | null;
  startTime: string | null;
  endTime: string | null;
  place: string | null;
};

const dayMs = 24 * 60 * 60 * 1000;
const toDay = (iso: string) => Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / dayMs;
const fromDay = (day: number) => new Date(day * dayMs).toISOString().slice(0, 10);

export const addDays = (iso: string, days: number) => fromDay(toDay(iso) + days);
export const daysBetween = (from: string, to: string) => toDay(to) - toDay(from);
/** ISO weekday: 1 Monday ... 7 Sunday. */
export const isoWeekday = (iso: string) => ((new Date(`${iso}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
/** HH:MM of a time as PostgreSQL returns it (HH:MM:SS). */
export const hhmm = (time: string) => time.slice(0, 5);

export const inBreak = (date: string, breaks: readonly Break[]) => breaks.some((b) => b.fromDate <= date && date <= b.toDate);

/** Whether the schedule has an occurrence on this date: the right weekday, within its period, not in a break. */
export function isScheduledDate(schedule: Schedule, breaks: readonly Break[], date: string): boolean {
  if (isoWeekday(date) !== schedule.weekday) return false;
  if (date < schedule.startsOn || (schedule.endsOn !== null && date > schedule.endsOn)) return false;
  return !inBreak(date, breaks);
}

/** The scheduled dates from `from` to `to` (both included), before exceptions. */
export function scheduledDates(schedule: Schedule, breaks: readonly Break[], from: string, to: string): string[] {
  const start = from > schedule.startsOn ? from : schedule.startsOn;
  const end = schedule.endsOn !== null && schedule.endsOn < to ? schedule.endsOn : to;
  const dates: string[] = [];
  let date = addDays(start, (schedule.weekday - isoWeekday(start) + 7) % 7);
  for (; date <= end; date = addDays(date, 7)) if (!inBreak(date, breaks)) dates.push(date);
  return dates;
}

function apply(activityId: string, schedule: Schedule, scheduledDate: string, change: Change | undefined): Occurrence {
  const base: Occurrence = {
    activityId,
    scheduledDate,
    date: scheduledDate,
    startTime: hhmm(schedule.startTime),
    endTime: hhmm(schedule.endTime),
    place: schedule.place,
    status: 'scheduled',
    reason: null,
  };
  if (!change) return base;
  if (change.kind === 'cancelled') return { ...base, status: 'cancelled', reason: change.reason };
  return {
    ...base,
    status: 'moved',
    reason: change.reason,
    date: change.date ?? scheduledDate,
    startTime: hhmm(change.startTime ?? schedule.startTime),
    endTime: hhmm(change.endTime ?? schedule.endTime),
    place: change.place ?? schedule.place,
  };
}

/**
 * The occurrences that take place from `from` to `to`: the scheduled ones with their exceptions
 * applied. A cancelled occurrence is listed (with its reason) on its date; a moved one on the date
 * it was moved to, so one moved into the range from outside it is listed and one moved out is not.
 * `changes` must hold the exceptions whose scheduled date or new date is in the range (more is harmless).
 * An exception whose scheduled date is no longer in the schedule (the schedule changed) is ignored.
 */
export function occurrencesBetween(
  activityId: string,
  schedule: Schedule,
  breaks: readonly Break[],
  changes: readonly Change[],
  from: string,
  to: string,
): Occurrence[] {
  const byDate = new Map(changes.map((c) => [c.scheduledDate, c]));
  const dates = new Set(scheduledDates(schedule, breaks, from, to));
  for (const c of changes)
    if (c.kind === 'moved' && c.date && from <= c.date && c.date <= to && isScheduledDate(schedule, breaks, c.scheduledDate))
      dates.add(c.scheduledDate);
  return [...dates]
    .map((date) => apply(activityId, schedule, date, byDate.get(date)))
    .filter((o) => from <= o.date && o.date <= to)
    .sort((a, b) => a.date.localeCompare(b.date) || a.startTime.localeCompare(b.startTime));
}

/** One occurrence by its scheduled date, or undefined when the schedule has none that day. */
export function occurrenceOn(
  activityId: string,
  schedule: Schedule,
  breaks: readonly Break[],
  change: Change | undefined,
  scheduledDate: string,
): Occurrence | undefined {
  if (!isScheduledDate(schedule, breaks, scheduledDate)) return undefined;
  return apply(activityId, schedule, scheduledDate, change);
}

const offsetFormat = new Intl.DateTimeFormat('en-US', {
  timeZone: 'Europe/Stockholm',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});
/** Minutes Stockholm is ahead of UTC at a moment. */
function stockholmOffset(at: Date): number {
  const p = Object.fromEntries(offsetFormat.formatToParts(at).map((x) => [x.type, x.value]));
  const asUtc = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second);
  return Math.round((asUtc - Math.floor(at.getTime() / 1000) * 1000) / 60000);
}

/** The moment of a Swedish local date and time (HH:MM). */
export function stockholmMoment(date: string, time: string): Date {
  const naive = new Date(`${date}T${hhmm(time)}:00Z`);
  const first = new Date(naive.getTime() - stockholmOffset(naive) * 60000);
  return new Date(naive.getTime() - stockholmOffset(first) * 60000);
}
