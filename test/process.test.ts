import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverFromSource, spawnNode, stop, waitForAnswer, waitForExit, type ServerProcess } from './support/processes.js';

/**
 * The server as a real process (src/server/main.ts through tsx): the data-directory lock, the first
 * administrator from the environment, and PostgreSQL through DATABASE_URL.
 * The embedded cases run in the pglite project; the PostgreSQL case in the postgres project, which
 * exists only when TEST_DATABASE_URL is set.
 */
const kind = process.env.TEST_DB_KIND === 'postgres' ? 'postgres' : 'pglite';

// Each case is registered in one project only, so that it neither runs twice nor shows as skipped where it runs elsewhere.
const embeddedCases = kind === 'pglite' ? describe : () => {};
const postgresCases = kind === 'postgres' ? describe : process.env.TEST_DATABASE_URL ? () => {} : describe.skip;

embeddedCases('the server on an embedded database', () => {
  const admin = { email: 'admin@example.se', password: 'ett långt lösenord 123' };
  let dataDir: string;
  let first: ServerProcess;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'inkludera-process-'));
    first = await spawnNode(serverFromSource, {
      DATA_DIR: dataDir,
      DATABASE_URL: undefined,
      INKLUDERA_ADMIN_EMAIL: admin.email,
      INKLUDERA_ADMIN_PASSWORD: admin.password,
      LOG_LEVEL: 'warn',
    });
    await waitForAnswer(first, '/api/health', 110_000);
  }, 120_000);

  afterAll(async () => {
    if (first) await stop(first.child);
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers /api/health on PGlite', async () => {
    const response = await fetch(`${first.baseUrl}/api/health`);
    expect(await response.json()).toEqual({ status: 'ok', database: 'pglite' });
  });

  it('creates the first administrator from INKLUDERA_ADMIN_EMAIL and INKLUDERA_ADMIN_PASSWORD', async () => {
    // Login is checked by Origin, not by a CSRF token: a non-browser client sends none, or its own.
    const login = await fetch(`${first.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: first.baseUrl },
      body: JSON.stringify(admin),
    });
    expect(login.status).toBe(200);
    const cookie = login.headers.getSetCookie().find((c) => c.startsWith('inkludera_session='));
    expect(cookie).toBeDefined();

    const me = await fetch(`${first.baseUrl}/api/auth/me`, { headers: { cookie: cookie!.split(';')[0] } });
    expect(me.status).toBe(200);
    const body = await me.json();
    expect(body.email).toBe(admin.email);
    expect(JSON.stringify(body)).toContain('administrator');

    const setup = await fetch(`${first.baseUrl}/api/setup`);
    expect((await setup.json()).needsSetup).toBe(false);
  });

  it(
    'stops a second process on the same data directory at once, with a message naming it, and damages nothing',
    { timeout: 60_000 },
    async () => {
      const lockFile = path.join(dataDir, 'inkludera.lock');
      const lockBefore = fs.readFileSync(lockFile, 'utf8');
      expect(lockBefore).toBe(String(first.child.pid));

      const second = await spawnNode(serverFromSource, { DATA_DIR: dataDir, DATABASE_URL: undefined, LOG_LEVEL: 'warn' });
      try {
        // Loading the TypeScript sources through tsx takes nearly all of this (a second or two; more on a busy machine):
        // the lock is taken before the database is opened.
        const { code } = await waitForExit(second.child, 30_000);
        expect(code).not.toBe(0);
      } finally {
        await stop(second.child);
      }
      expect(second.output()).toContain(dataDir);
      expect(second.output()).toMatch(/in use by another Inkludera process/);

      // The first process still holds its lock and answers from its database.
      expect(fs.readFileSync(lockFile, 'utf8')).toBe(lockBefore);
      const response = await fetch(`${first.baseUrl}/api/health`);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: 'ok', database: 'pglite' });
      const login = await fetch(`${first.baseUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(admin),
      });
      expect(login.status).toBe(200);
    },
  );
});

postgresCases('the server with DATABASE_URL (skipped without TEST_DATABASE_URL)', () => {
  const database = 'inkludera_proc_test';
  const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const databaseUrl = Object.assign(new URL(adminUrl), { pathname: `/${database}` }).toString();
  let dataDir: string;
  let server: ServerProcess | undefined;

  async function asAdmin(statement: string) {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  }

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'inkludera-process-pg-'));
    await asAdmin(`drop database if exists ${database} with (force)`);
    await asAdmin(`create database ${database}`);
  });

  afterAll(async () => {
    if (server) await stop(server.child);
    await asAdmin(`drop database if exists ${database} with (force)`);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('migrates and uses PostgreSQL, and leaves DATA_DIR alone', { timeout: 120_000 }, async () => {
    server = await spawnNode(serverFromSource, {
      DATABASE_URL: databaseUrl,
      DATA_DIR: path.join(dataDir, 'unused'),
      LOG_LEVEL: 'warn',
    });
    await waitForAnswer(server);
    const response = await fetch(`${server.baseUrl}/api/health`);
    expect(await response.json()).toEqual({ status: 'ok', database: 'postgres' });

    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const migrations = await client.query('select count(*)::int as n from drizzle.__drizzle_migrations');
      expect(migrations.rows[0].n).toBeGreaterThan(0);
      const users = await client.query("select to_regclass('public.users') as t");
      expect(users.rows[0].t).toBe('users');
    } finally {
      await client.end();
    }
    expect(fs.existsSync(path.join(dataDir, 'unused'))).toBe(false);
  });
});
