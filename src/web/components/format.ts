import { currentLanguage } from '../i18n';

/** Dates and times are stored in UTC and shown in Swedish time (DESIGN.md), in the person's language. */
export const timeZone = 'Europe/Stockholm';

const localeOf = () => (currentLanguage() === 'en' ? 'en-GB' : 'sv-SE');

const isDateOnly = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value);

/**
 * A calendar date. A date-only value (YYYY-MM-DD) is a date in Sweden already and is shown as it is,
 * never shifted by a time zone; a timestamp is shown as its date in Europe/Stockholm.
 * Swedish: 2025-03-01; English: 1 Mar 2025.
 */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '';
  const date = isDateOnly(value) ? new Date(`${value}T12:00:00Z`) : new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(localeOf(), {
    timeZone: isDateOnly(value) ? 'UTC' : timeZone,
    ...(currentLanguage() === 'en' ? { day: 'numeric', month: 'short', year: 'numeric' } : { dateStyle: 'short' }),
  }).format(date);
}

/**
 * A calendar date with the month's name, where a reader must not mistake day for month
 * (Swedish: 1 mars 2024; English: 1 March 2024). Same rules as formatDate otherwise.
 */
export function formatLongDate(value: string | null | undefined): string {
  if (!value) return '';
  const date = isDateOnly(value) ? new Date(`${value}T12:00:00Z`) : new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(localeOf(), { timeZone: isDateOnly(value) ? 'UTC' : timeZone, dateStyle: 'long' }).format(date);
}

/** A moment (an ISO timestamp), as date and time in Europe/Stockholm. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(localeOf(), {
    timeZone,
    ...(currentLanguage() === 'en'
      ? { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' }
      : { dateStyle: 'short', timeStyle: 'short' }),
  }).format(date);
}

/** Today's date in Sweden, as YYYY-MM-DD. */
export function todayInStockholm(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** A whole number with the language's grouping (60 000 / 60,000). */
export function formatNumber(value: number): string {
  return new Intl.NumberFormat(localeOf()).format(value);
}
