/**
 * Response-time targets count working days as the week falls in Stockholm: Monday to Friday, except
 * Sweden's public holidays (allmänna helgdagar) and the eves that are days off in practice
 * (midsommarafton, julafton, nyårsafton). The due time is the same time of day, n working days on.
 */
const parts = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Stockholm',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  weekday: 'short',
});

function stockholmDay(at: Date): { date: string; weekday: string; year: number } {
  const p = Object.fromEntries(parts.formatToParts(at).map((part) => [part.type, part.value]));
  return { date: `${p.year}-${p.month}-${p.day}`, weekday: p.weekday, year: Number(p.year) };
}

const iso = (d: Date) => d.toISOString().slice(0, 10);
const plusDays = (d: Date, n: number) => new Date(d.getTime() + n * 86_400_000);

/** Easter Sunday of a year (the anonymous Gregorian algorithm), as a UTC date. */
export function easterSunday(year: number): Date {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return new Date(Date.UTC(year, month - 1, day));
}

const holidayCache = new Map<number, Set<string>>();

/** The days off of a year that fall on weekdays or not (as YYYY-MM-DD). */
export function swedishDaysOff(year: number): Set<string> {
  let days = holidayCache.get(year);
  if (!days) {
    const easter = easterSunday(year);
    // Midsummer Eve: the Friday between 19 and 25 June.
    const june19 = new Date(Date.UTC(year, 5, 19));
    const midsummerEve = plusDays(june19, (5 - june19.getUTCDay() + 7) % 7);
    days = new Set([
      `${year}-01-01`,
      `${year}-01-06`,
      iso(plusDays(easter, -2)),
      iso(plusDays(easter, 1)),
      `${year}-05-01`,
      iso(plusDays(easter, 39)),
      `${year}-06-06`,
      iso(midsummerEve),
      `${year}-12-24`,
      `${year}-12-25`,
      `${year}-12-26`,
      `${year}-12-31`,
    ]);
    holidayCache.set(year, days);
  }
  return days;
}

export function isWorkingDay(at: Date): boolean {
  const day = stockholmDay(at);
  return day.weekday !== 'Sat' && day.weekday !== 'Sun' && !swedishDaysOff(day.year).has(day.date);
}

export function addWorkingDays(from: Date, days: number): Date {
  const at = new Date(from);
  let left = days;
  while (left > 0) {
    at.setUTCDate(at.getUTCDate() + 1);
    if (isWorkingDay(at)) left -= 1;
  }
  return at;
}
