import path from 'node:path';
import { PGlite, types } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import * as schema from './schema/index.js';
import { lockDataDir } from './lock.js';

export type Db = NodePgDatabase<typeof schema>;
/** A transaction handle; it has the same query API as Db. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;
export type DatabaseKind = 'pglite' | 'postgres';

export type Database = {
  db: Db;
  kind: DatabaseKind;
  close: () => Promise<void>;
};

export const migrationsFolder = path.resolve(import.meta.dirname, '../../../drizzle');

/**
 * PGlite's default shared_buffers (128 MB) is most of the server's memory at start; the municipality's
 * tables fit in a quarter of it, and the rest of what is read stays in the operating system's cache.
 */
const pgliteSettings = ['shared_buffers=32MB'];

/** Like node-postgres: int8 (count(*), bigserial) comes back as a string, never a lossy number. */
const pgliteParsers = { [types.INT8]: (value: string) => value };

export async function openPglite(options: { dataDir?: string; lock?: boolean; pglite?: PGlite } = {}): Promise<Database> {
  const release = options.dataDir && options.lock !== false ? lockDataDir(options.dataDir) : () => {};
  try {
    const client = options.pglite ?? new PGlite({ dataDir: options.dataDir, ...pgliteClientOptions() });
    await client.waitReady;
    const db = drizzlePglite({ client, schema }) as unknown as Db;
    return {
      db,
      kind: 'pglite',
      close: async () => {
        await client.close();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}

export function pgliteClientOptions() {
  return { parsers: pgliteParsers, postgresqlconf: pgliteSettings };
}

export async function openPostgres(connectionString: string, poolSize = 10): Promise<Database> {
  // No JIT compilation: it pays off for long analytical queries, and costs a short query (a coverage
  // aggregate of 300 ms) as much again in compiling, whenever the planner's estimate crosses jit_above_cost.
  const pool = new pg.Pool({ connectionString, max: poolSize, options: '-c jit=off' });
  // An idle connection that the server drops (a restart, an administrator's terminate) emits an
  // error on the pool; without a listener that would end the process. The pool replaces the client.
  pool.on('error', (error) => console.error(`PostgreSQL connection lost: ${error.message}`));
  const connection = await pool.connect(); // fail fast with a clear error when unreachable
  connection.release();
  const db = drizzlePg({ client: pool, schema });
  return { db, kind: 'postgres', close: () => pool.end() };
}

export async function migrateDatabase(database: Database): Promise<void> {
  if (database.kind === 'pglite') {
    await migratePglite(database.db as never, { migrationsFolder });
  } else {
    await migratePg(database.db, { migrationsFolder });
  }
}

export async function openDatabase(config: { databaseUrl?: string; dataDir: string }): Promise<Database> {
  const database = config.databaseUrl ? await openPostgres(config.databaseUrl) : await openPglite({ dataDir: config.dataDir });
  try {
    await migrateDatabase(database);
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}
