import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { migrateDatabase, openPglite } from '#server/db/client';
import { apiTokens } from '#server/db/schema/index';
import { sha256 } from '#server/features/auth/crypto';
import { buildUser } from './support/factories.js';
import { useTestApp } from './support/app.js';
import { root } from './support/processes.js';

/** `npm run import -- employees FILE ...`, run as the nightly job runs it: a separate process. */
function runCli(args: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=source', 'src/server/cli/import.ts', ...args], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: '', ...env },
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('exit', (code) => resolve({ code, output }));
  });
}

const header = 'Anställningsnummer;Förnamn;Efternamn;Förvaltning;Enhet;Anställningsdatum';
const kind = process.env.TEST_DB_KIND === 'postgres' ? 'postgres' : 'pglite';
const embeddedOnly = kind === 'pglite' ? describe : () => {};

embeddedOnly('the import command on the embedded database', () => {
  let dataDir: string;
  let files: string;
  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'inkludera-cli-'));
    files = fs.mkdtempSync(path.join(os.tmpdir(), 'inkludera-cli-files-'));
    const database = await openPglite({ dataDir });
    await migrateDatabase(database);
    await buildUser(database.db, { email: 'hr@example.se', roles: [{ role: 'training_coordinator' }] });
    await database.close();
  }, 60_000);
  afterAll(() => {
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(files, { recursive: true, force: true });
  });

  it('exits 1 on problems, 0 on a clean dry run and on a commit; writes only when committing', async () => {
    const bad = path.join(files, 'bad.csv');
    fs.writeFileSync(bad, `${header}\n1;Åsa;Öberg;Bildning;Förskolan A;2024-13-01\n`);
    const good = path.join(files, 'good.csv');
    fs.writeFileSync(good, `${header}\n1;Åsa;Öberg;Bildning;Förskolan A;2024-03-01\n`);
    const env = { DATA_DIR: dataDir, INKLUDERA_IMPORT_USER: 'hr@example.se' };

    const withProblems = await runCli(['employees', bad, '--dry-run', '--create-units'], env);
    expect(withProblems.code).toBe(1);
    expect(withProblems.output).toContain('Line 2, startDate: The date cannot be read (2024-13-01)');

    const dryRun = await runCli(['employees', good, '--dry-run', '--create-units'], env);
    expect(dryRun.code).toBe(0);
    expect(dryRun.output).toContain('new: 1');

    const committed = await runCli(['employees', good, '--create-units', '--full'], env);
    expect(committed.code).toBe(0);
    expect(committed.output).toContain('Committed.');

    const database = await openPglite({ dataDir });
    const rows = await database.db.execute<{ employee_number: string; unit: string }>(
      sql`select e.employee_number, u.name as unit from employees e join units u on u.id = e.unit_id`,
    );
    await database.close();
    expect(rows.rows).toEqual([{ employee_number: '1', unit: 'Förskolan A' }]);

    expect((await runCli(['employees'], env)).code).toBe(2);
  }, 120_000);
});

describe('the import command through a running server', () => {
  const t = useTestApp();
  let baseUrl: string;
  beforeAll(async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.server.address();
    baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });

  it('previews and commits with a personal API token', async () => {
    const user = await buildUser(t.database.db, { roles: [{ role: 'administrator' }] });
    const token = 'ink_cli_test_token_0123456789';
    await t.database.db.insert(apiTokens).values({ userId: user.id, name: 'nightly', tokenHash: sha256(token), prefix: token.slice(0, 12) });
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'inkludera-cli-api-'));
    const file = path.join(folder, 'hr.csv');
    fs.writeFileSync(file, `${header}\n7;Bo;Berg;Social;Barn och familj;2021-01-01\n`);

    const result = await runCli(['employees', file, '--create-units', '--url', baseUrl, '--token', token], { DATA_DIR: '/nonexistent' });
    fs.rmSync(folder, { recursive: true, force: true });
    expect(result.output).toContain('Committed.');
    expect(result.code).toBe(0);
    const rows = await t.database.db.execute<{ n: number }>(sql`select count(*)::int as n from employees`);
    expect(rows.rows[0].n).toBe(1);
  }, 120_000);
});
