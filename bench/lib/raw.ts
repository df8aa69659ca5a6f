import type { PGlite } from '@electric-sql/pglite';
import type pg from 'pg';
import type { Database } from '#server/db/client';

/** The driver under drizzle: what a baseline uses to do the same work in plain SQL. */
export type Query = <T = Record<string, unknown>>(text: string, params?: unknown[]) => Promise<{ rows: T[] }>;

const clientOf = (database: Database) => (database.db as unknown as { $client: pg.Pool | PGlite }).$client;

/** A plain query on the pool or the embedded database, outside any transaction. */
export function rawQuery(database: Database): Query {
  const client = clientOf(database) as { query: (text: string, params?: unknown[]) => Promise<unknown> };
  return (text, params) => client.query(text, params) as never;
}

/** Runs work in one transaction on one connection, with plain queries. */
export async function rawTransaction(database: Database, work: (query: Query) => Promise<void>): Promise<void> {
  if (database.kind === 'pglite') {
    await (clientOf(database) as PGlite).transaction((tx) => work((text, params) => tx.query(text, params) as never));
    return;
  }
  const client = await (clientOf(database) as pg.Pool).connect();
  try {
    await client.query('begin');
    await work((text, params) => client.query(text, params) as never);
    await client.query('commit');
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
