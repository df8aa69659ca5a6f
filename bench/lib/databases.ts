import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { migrateDatabase, openPglite, openPostgres, type Database, type DatabaseKind } from '#server/db/client';

/**
 * The databases a figure measures on, each made fresh from a template the figure prepares once:
 * PostgreSQL databases named inkludera_bench_<pid>_* (CREATE DATABASE ... TEMPLATE), or PGlite data
 * directories on disk (copied), as the server keeps them. Everything made here is removed by dispose().
 */

/** BENCH_DATABASE_URL, else the local PostgreSQL of the development machine. */
export const postgresUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

function urlOf(name: string) {
  const url = new URL(postgresUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Databases left by a benchmark that was interrupted (its process is gone). */
async function dropLeftovers(client: pg.Client) {
  const { rows } = await client.query<{ datname: string }>(
    `select datname from pg_database where datname like 'inkludera\\_bench\\_%'`,
  );
  for (const { datname } of rows) {
    const pid = Number(/^inkludera_bench_(\d+)_/.exec(datname)?.[1]);
    if (Number.isInteger(pid) && pid !== process.pid && !alive(pid))
      await client.query(`drop database if exists ${datname} with (force)`);
  }
}

export type Place = {
  kind: DatabaseKind;
  /** DATABASE_URL or DATA_DIR, for a server process. */
  env: Record<string, string>;
  open: () => Promise<Database>;
};

export type Databases = {
  kind: DatabaseKind;
  /** Creates the template, migrated, and lets prepare fill it. */
  prepareTemplate: (prepare: (database: Database) => Promise<void>) => Promise<void>;
  /** A fresh copy of the template. */
  fresh: () => Promise<Place>;
  /** Removes a copy (closed first) before the next run, so that a figure never keeps more than one. */
  discard: (place: Place) => Promise<void>;
  /** Drops every database and directory made. */
  dispose: () => Promise<void>;
};

export function databases(kind: DatabaseKind, label: string): Databases {
  return kind === 'postgres' ? postgresDatabases(label) : pgliteDatabases(label);
}

function postgresDatabases(label: string): Databases {
  const prefix = `inkludera_bench_${process.pid}_${label.replace(/[^a-z0-9]/g, '_')}`;
  const template = `${prefix}_template`;
  const made: string[] = [];
  let copies = 0;
  const place = (name: string): Place => ({
    kind: 'postgres',
    env: { DATABASE_URL: urlOf(name) },
    open: () => openPostgres(urlOf(name)),
  });
  return {
    kind: 'postgres',
    async prepareTemplate(prepare) {
      await admin(async (client) => {
        await dropLeftovers(client);
        await client.query(`drop database if exists ${template} with (force)`);
        await client.query(`create database ${template}`);
      });
      made.push(template);
      const database = await place(template).open();
      try {
        await migrateDatabase(database);
        await prepare(database);
      } finally {
        await database.close();
      }
    },
    async fresh() {
      const name = `${prefix}_${++copies}`;
      await admin((client) => client.query(`create database ${name} template ${template}`));
      made.push(name);
      return place(name);
    },
    async discard(copy) {
      const name = new URL(copy.env.DATABASE_URL).pathname.slice(1);
      await admin((client) => client.query(`drop database if exists ${name} with (force)`));
      made.splice(made.indexOf(name), 1);
    },
    async dispose() {
      await admin(async (client) => {
        for (const name of made.reverse()) await client.query(`drop database if exists ${name} with (force)`);
      });
      made.length = 0;
    },
  };
}

function pgliteDatabases(label: string): Databases {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `inkludera-bench-${label}-`));
  const template = path.join(root, 'template');
  let copies = 0;
  const place = (dataDir: string): Place => ({ kind: 'pglite', env: { DATA_DIR: dataDir }, open: () => openPglite({ dataDir }) });
  return {
    kind: 'pglite',
    async prepareTemplate(prepare) {
      const database = await place(template).open();
      try {
        await migrateDatabase(database);
        await prepare(database);
      } finally {
        await database.close();
      }
    },
    async fresh() {
      const copy = path.join(root, `copy-${++copies}`);
      fs.cpSync(template, copy, { recursive: true });
      return place(copy);
    },
    async discard(copy) {
      fs.rmSync(copy.env.DATA_DIR, { recursive: true, force: true });
    },
    async dispose() {
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}
