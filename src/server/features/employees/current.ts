import { gte, isNull, lt, or, type SQL } from 'drizzle-orm';
import { employees } from '../../db/schema/index.js';

/**
 * What "current employee" means everywhere (lists, counts, closing a unit): the end date is the
 * last day of employment, so an employee is current until it has passed. "Today" is the calendar
 * date in Sweden, taken from the app's clock and passed to SQL, never the database's current_date.
 */

const swedishDate = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** YYYY-MM-DD in Europe/Stockholm. */
export const stockholmDate = (at: Date): string => swedishDate.format(at);

const stockholmMinute = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/**
 * The moment a day (YYYY-MM-DD) starts in Stockholm: 23:00 UTC the day before in winter, 22:00 in
 * summer. Filters by day use it, so that an event at 00:30 in Stockholm belongs to that day. Tried
 * at both offsets rather than read off the day's noon: on the days the clocks change, midnight and
 * noon have different offsets.
 */
export function stockholmMidnight(isoDate: string): Date {
  const utcMidnight = Date.parse(`${isoDate}T00:00:00Z`);
  for (const hours of [1, 2]) {
    const candidate = new Date(utcMidnight - hours * 3_600_000);
    if (stockholmMinute.format(candidate) === `${isoDate} 00:00`) return candidate;
  }
  throw new RangeError(`not a day: ${isoDate}`);
}

export function dayAfter(isoDate: string): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

export function dayBefore(isoDate: string): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}

export const isCurrent = (endDate: string | null, today: string) => endDate === null || endDate >= today;

export const currentEmployeeSql = (today: string): SQL => or(isNull(employees.endDate), gte(employees.endDate, today))!;
export const endedEmployeeSql = (today: string): SQL => lt(employees.endDate, today);
