import { dateFormatNames } from '#shared/contracts/imports';

/**
 * Dates as HR exports write them. The format is chosen from the whole file: the one format every
 * date in it fits. When more than one fits (1/3/2024: 1 March or 3 January?), the person is asked.
 */

export const dateFormats = dateFormatNames;
export type DateFormat = (typeof dateFormats)[number];

const patterns: Record<DateFormat, RegExp> = {
  'YYYY-MM-DD': /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/,
  YYYYMMDD: /^(\d{4})(\d{2})(\d{2})$/,
  'D/M/YYYY': /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/,
  'M/D/YYYY': /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/,
  'D.M.YYYY': /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/,
};

function valid(year: number, month: number, day: number): string | null {
  if (year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The ISO date (YYYY-MM-DD) for a value in the given format, or null when it does not fit. */
export function parseDate(value: string, format: DateFormat): string | null {
  const match = patterns[format].exec(value.trim());
  if (!match) return null;
  const [a, b, c] = match.slice(1, 4).map(Number);
  switch (format) {
    case 'YYYY-MM-DD':
    case 'YYYYMMDD':
      return valid(a, b, c);
    case 'D/M/YYYY':
    case 'D.M.YYYY':
      return valid(c, b, a);
    case 'M/D/YYYY':
      return valid(c, a, b);
  }
}

export type DateFormatVerdict =
  | { kind: 'none' }
  | { kind: 'chosen'; format: DateFormat }
  | { kind: 'ambiguous'; candidates: DateFormat[] };

/** The formats every value fits; the one with the most fits when none fits them all (its misfits become row problems). */
export function chooseDateFormat(values: string[]): DateFormatVerdict {
  const present = values.map((v) => v.trim()).filter(Boolean);
  if (present.length === 0) return { kind: 'none' };
  const fits = dateFormats.map((format) => ({ format, count: present.filter((v) => parseDate(v, format) !== null).length }));
  const all = fits.filter((f) => f.count === present.length).map((f) => f.format);
  if (all.length === 1) return { kind: 'chosen', format: all[0] };
  if (all.length > 1) return { kind: 'ambiguous', candidates: all };
  const best = fits.reduce((a, b) => (b.count > a.count ? b : a));
  return { kind: 'chosen', format: best.count > 0 ? best.format : 'YYYY-MM-DD' };
}

/** A date cell from XLSX is a real Date (stored as UTC midnight by Excel readers). */
export function isoFromDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}
