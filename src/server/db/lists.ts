import { asc, desc, ilike, like, or, sql, type AnyColumn, type SQL } from 'drizzle-orm';

/** `%text%` for ILIKE, with the pattern characters in the text matched literally. */
export const containsPattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Each word of the search must occur in one of the columns, so "anna anders" finds Anna Andersson.
 * At most five words: the rest of a pasted paragraph would only slow the query down.
 */
export function searchWords(q: string | undefined, columns: (AnyColumn | SQL)[]): SQL[] {
  const words = (q ?? '').split(/\s+/).filter(Boolean).slice(0, 5);
  return words.map((word) => or(...columns.map((column) => ilike(column, containsPattern(word))))!);
}

/**
 * The same for a column that holds its text already lower-cased (see employees.search_text): a
 * plain LIKE per word. The words are lower-cased by the database too, so both sides fold alike.
 */
export function searchWordsInLowered(q: string | undefined, column: AnyColumn): SQL[] {
  const words = (q ?? '').split(/\s+/).filter(Boolean).slice(0, 5);
  return words.map((word) => like(column, sql`lower(${containsPattern(word)})`));
}

/**
 * ORDER BY for a sort key like 'name' or '-name', ending with a unique column so that paging is
 * stable when many rows tie (same last name). Every column goes the same direction, so an index
 * on the same columns can be read forwards or backwards.
 */
export function orderFor<K extends string>(sort: K | `-${K}`, columns: Record<K, (AnyColumn | SQL)[]>, unique: AnyColumn): SQL[] {
  const descending = sort.startsWith('-');
  const key = (descending ? sort.slice(1) : sort) as K;
  const direction = descending ? desc : asc;
  return [...columns[key], unique].map((column) => direction(column));
}
