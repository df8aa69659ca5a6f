import { PGlite } from '@electric-sql/pglite';
import { inject } from 'vitest';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { migrateDatabase, openPglite, openPostgres, pgliteClientOptions, type Database } from '#server/db/client';

/**
 * Test databases: migrated once into a template, copied per test file, truncated per test.
 * PGlite: the template is a dump of a migrated in-memory database. PostgreSQL (TEST_DATABASE_URL):
 * a template database, copied with CREATE DATABASE ... TEMPLATE.
 */
export const testDatabaseKind = process.env.TEST_DB_KIND === 'postgres' ? 'postgres' : 'pglite';

let pgliteTemplate: Promise<Blob> | undefined;

async function pgliteFromTemplate(): Promise<Database> {
  pgliteTemplate ??= (async () => {
    const template = await openPglite({ pglite: new PGlite(pgliteClientOptions()) });
    await migrateDatabase(template);
    const pglite = (template.db as unknown as { $client: PGlite }).$client;
    const dump = await pglite.dumpDataDir('none');
    await template.close();
    return dump;
  })();
  const pglite = new PGlite({ ...pgliteClientOptions(), loadDataDir: await pgliteTemplate });
  return openPglite({ pglite });
}

async function adminClient(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

function withDatabase(url: string, name: string) {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

/** Called once per run from the global setup: (re)creates the run's migrated template database. */
export async function preparePostgresTemplate(url: string, templateName: string) {
  await dropPostgresTemplate(url, templateName);
  const admin = await adminClient(url);
  try {
    await admin.query(`create database ${templateName}`);
  } finally {
    await admin.end();
  }
  const template = await openPostgres(withDatabase(url, templateName), 2);
  await migrateDatabase(template);
  await template.close();
}

export async function dropPostgresTemplate(url: string, templateName: string) {
  const admin = await adminClient(url);
  try {
    await admin.query(`drop database if exists ${templateName} with (force)`);
  } finally {
    await admin.end();
  }
}

async function postgresFromTemplate(url: string): Promise<Database> {
  const name = `inkludera_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = await adminClient(url);
  try {
    await admin.query(`create database ${name} template ${inject('postgresTemplate')}`);
  } finally {
    await admin.end();
  }
  const database = await openPostgres(withDatabase(url, name), 5);
  return {
    ...database,
    close: async () => {
      await database.close();
      const cleanup = await adminClient(url);
      try {
        await cleanup.query(`drop database if exists ${name} with (force)`);
      } finally {
        await cleanup.end();
      }
    },
  };
}

export async function createTestDatabase(): Promise<Database> {
  if (testDatabaseKind === 'postgres') {
    const url = process.env.TEST_DATABASE_URL;
    if (!url) throw new Error('TEST_DB_KIND=postgres needs TEST_DATABASE_URL');
    return postgresFromTemplate(url);
  }
  return pgliteFromTemplate();
}

/** Tables whose rows the migrations seed (reference data): put back as migrated after each truncate. */
const seededTables = ['training_levels', 'training_settings', 'certification_settings'];
const seeds = new WeakMap<Database, Promise<{ table: string; rows: string }[]>>();

function seedsOf(database: Database) {
  let snapshot = seeds.get(database);
  if (!snapshot) {
    snapshot = Promise.all(
      seededTables.map(async (table) => {
        const result = await database.db.execute<{ rows: string }>(
          sql.raw(`select coalesce(json_agg(t), '[]')::text as rows from "${table}" t`),
        );
        return { table, rows: result.rows[0].rows };
      }),
    );
    seeds.set(database, snapshot);
  }
  return snapshot;
}

export async function truncateAll(database: Database) {
  const snapshot = await seedsOf(database);
  const result = await database.db.execute<{ tablename: string }>(
    sql`select tablename from pg_tables where schemaname = 'public'`,
  );
  const tables = result.rows.map((r) => `"${r.tablename}"`);
  if (tables.length > 0) await database.db.execute(sql.raw(`truncate ${tables.join(', ')} restart identity cascade`));
  for (const { table, rows } of snapshot) {
    await database.db.execute(
      sql`insert into ${sql.identifier(table)} select * from json_populate_recordset(null::${sql.identifier(table)}, ${rows}::json)`,
    );
  }
}
