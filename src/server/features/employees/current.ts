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

export function dayBefore(isoDate: string): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}

export const isCurrent = (endDate: string | null, today: string) => endDate === null || endDate >= today;

export const currentEmployeeSql = (today: string): SQL => or(isNull(employees.endDate), gte(employees.endDate, today))!;
export const endedEmployeeSql = (today: string): SQL => lt(employees.endDate, today);
