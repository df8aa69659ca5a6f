/**
 * Response-time targets count working days, Monday to Friday, as the week falls in Stockholm.
 * (Public holidays are not counted out yet.) The due time is the same time of day, n working days on.
 */
const weekday = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Stockholm', weekday: 'short' });

export const isWorkingDay = (at: Date) => !['Sat', 'Sun'].includes(weekday.format(at));

export function addWorkingDays(from: Date, days: number): Date {
  const at = new Date(from);
  let left = days;
  while (left > 0) {
    at.setUTCDate(at.getUTCDate() + 1);
    if (isWorkingDay(at)) left -= 1;
  }
  return at;
}
