import { PgDialect } from 'drizzle-orm/pg-core';
import type { SQL } from 'drizzle-orm';
import type { DbOrTx } from '#server/db/client';
import * as coverage from '#server/features/coverage/repository';

/**
 * The SQL that GET /api/coverage runs for the whole municipality, taken from the coverage
 * repository itself (its functions are called with a stand-in database that keeps each statement
 * instead of running it), so that a baseline runs exactly the same statements.
 */

export type Statement = { name: string; text: string; params: unknown[] };

const dialect = new PgDialect();

async function capture(name: string, call: (db: DbOrTx) => Promise<unknown>): Promise<Statement> {
  let kept: SQL | undefined;
  const db = {
    execute: async (query: SQL) => {
      // The first statement: a repository function may run a second one for an empty answer.
      kept ??= query;
      return { rows: [] };
    },
  } as unknown as DbOrTx;
  await call(db).catch(() => undefined);
  if (!kept) throw new Error(`the coverage repository's ${name} ran no statement`);
  const { sql, params } = dialect.sqlToQuery(kept);
  return { name, text: sql, params };
}

/**
 * The coverage page's statements for the whole municipality on `today`; `staffAggregate` (the staff
 * by administration, gender and highest level today, and by the years they were employed and first
 * trained) is the core aggregate, the one every figure of the day and the trend's shares are summed from.
 */
export async function coverageStatements(today: string): Promise<Statement[]> {
  const municipality = { kind: 'municipality' } as const;
  const thisYear = Number(today.slice(0, 4));
  const years = { from: thisYear - 9, to: thisYear, today };
  return [
    await capture('staffAggregate', (db) => coverage.staffAggregate(db, municipality, years)),
    await capture('trendCompletions', (db) => coverage.trendCompletions(db, municipality, years)),
    await capture('countRefresherDue', (db) => coverage.countRefresherDue(db, municipality, today)),
    await capture('countNewUntrained', (db) => coverage.countNewUntrained(db, municipality, today, `${thisYear}-01-01`)),
  ];
}

/** The statement with its parameters written in, for psql. */
export function inlined(statement: Statement): string {
  return statement.text.replace(/\$(\d+)/g, (_, n: string) => {
    const value = statement.params[Number(n) - 1];
    if (value === null || value === undefined) return 'null';
    if (typeof value === 'number') return String(value);
    return `'${String(value).replace(/'/g, "''")}'`;
  });
}
