import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig, ConfigError } from '../config.js';
import { openDatabase } from '../db/client.js';
import { DataDirLockedError } from '../db/lock.js';
import { systemClock, type AppContext } from '../context.js';
import { buildActor, findUserByEmail, firstActiveAdministrator } from '../features/auth/service.js';
import { commitImport, getImport, previewImport } from '../features/imports/service.js';
import type { EmployeeImport, ImportSummary } from '#shared/contracts/imports';
import { presentImport } from '../features/imports/presenter.js';
import { translate } from '../http/i18n.js';

/**
 * The nightly import from the HR system:
 *   npm run import -- employees FILE [--full] [--dry-run] [--create-units] [--as EMAIL]
 * Directly on the database (the server must not be running on the same embedded data directory),
 * or through a running server's API with --url URL and --token TOKEN (or INKLUDERA_URL, INKLUDERA_TOKEN).
 * Exit status 0 only when the import was committed, or the dry run found no problem.
 */

const usage = `Usage: npm run import -- employees FILE [--full] [--dry-run] [--create-units] [--as EMAIL] [--url URL --token TOKEN]
  --full          employees missing from the file are ended (default: only add and update)
  --dry-run       show what would change, write nothing
  --create-units  create the units and administrations the file names that do not exist
  --as EMAIL      the user the import is made as (default: INKLUDERA_IMPORT_USER, else the first administrator)
  --url, --token  import through a running Inkludera (INKLUDERA_URL, INKLUDERA_TOKEN): needed while the server runs on the embedded database`;

type Options = { full: boolean; dryRun: boolean; createUnits: boolean; as?: string; url?: string; token?: string };

function print(result: EmployeeImport, dryRun: boolean): number {
  const s: ImportSummary | null = result.summary;
  console.log(`File: ${result.fileName} (${result.encoding}${result.delimiter ? `, delimiter ${JSON.stringify(result.delimiter)}` : ''})`);
  if (s) {
    console.log(`Rows: ${s.rows}  new: ${s.new}  changed: ${s.changed}  unchanged: ${s.unchanged}  ended: ${s.ended}  problems: ${s.problems}`);
    if (s.unmappedRequired.length > 0) console.log(`Columns not found: ${s.unmappedRequired.join(', ')}`);
    if (s.dateFormatCandidates.length > 0) console.log(`The dates fit more than one format (${s.dateFormatCandidates.join(', ')}): write them as YYYY-MM-DD.`);
    for (const unit of s.missingUnits) console.log(`Unit not found: ${unit.administration} / ${unit.unit} (${unit.rows} rows)${result.settings.createMissingUnits ? ': will be created' : ''}`);
  }
  for (const problem of result.problems) {
    console.log(`Line ${problem.line}${problem.column ? `, ${problem.column}` : ''}: ${translate('en', `imports.problems.${problem.code}`)}${problem.value ? ` (${problem.value})` : ''}`);
  }
  if (result.status === 'committed') {
    console.log('Committed.');
    return 0;
  }
  if (result.status === 'failed') {
    console.log(`Failed: ${result.error}`);
    return 1;
  }
  if (dryRun) {
    console.log(result.canCommit ? 'Dry run: no problems; nothing was written.' : 'Dry run: the file has problems; nothing was written.');
    return result.canCommit ? 0 : 1;
  }
  if (s && s.missingUnits.length > 0 && !result.settings.createMissingUnits) console.log('Run again with --create-units to create the missing units.');
  console.log('Not committed: mend the problems above.');
  return 1;
}

async function viaApi(file: string, bytes: Uint8Array, options: Options & { url: string; token: string }): Promise<number> {
  const headers = { authorization: `Bearer ${options.token}`, 'accept-language': 'en' };
  const form = new FormData();
  form.append('mode', options.full ? 'full' : 'partial');
  form.append('createMissingUnits', String(options.createUnits));
  form.append('file', new Blob([Buffer.from(bytes)]), path.basename(file));
  const base = options.url.replace(/\/$/, '');
  const answer = async (response: Response) => {
    const body = (await response.json()) as EmployeeImport & { error?: { message?: string } };
    if (!response.ok) throw new Error(`${response.status}: ${body?.error?.message ?? response.statusText}`);
    return body as EmployeeImport;
  };
  let result = await answer(await fetch(`${base}/api/employees/imports`, { method: 'POST', headers, body: form }));
  if (options.dryRun || !result.canCommit) return print(result, options.dryRun);
  result = await answer(await fetch(`${base}/api/employees/imports/${result.id}/commit`, { method: 'POST', headers }));
  while (result.status === 'committing') {
    if (result.progress) process.stdout.write(`\r${result.progress.phase} ${result.progress.done}/${result.progress.total}   `);
    await new Promise((resolve) => setTimeout(resolve, 500));
    result = await answer(await fetch(`${base}/api/employees/imports/${result.id}`, { headers }));
  }
  process.stdout.write('\n');
  return print(result, false);
}

async function direct(file: string, bytes: Uint8Array, options: Options): Promise<number> {
  const config = loadConfig();
  const database = await openDatabase(config);
  try {
    const ctx: AppContext = { db: database.db, dbKind: database.kind, clock: systemClock, config };
    const email = options.as ?? process.env.INKLUDERA_IMPORT_USER;
    const user = email ? await findUserByEmail(ctx.db, email) : await firstActiveAdministrator(ctx.db);
    if (!user || !user.active) {
      console.error(email ? `No active user ${email}.` : 'No active administrator to import as: use --as EMAIL.');
      return 2;
    }
    const actor = await buildActor(ctx.db, user, 'token', null);
    const preview = await previewImport(ctx, actor, { name: path.basename(file), bytes, source: 'cli' }, { mode: options.full ? 'full' : 'partial', createMissingUnits: options.createUnits });
    const previewed = presentImport(preview);
    if (options.dryRun || !previewed.canCommit) return print(previewed, options.dryRun);
    await commitImport(ctx, actor, preview.id, { wait: true }).catch(() => undefined); // a failure is recorded on the import
    return print(presentImport(await getImport(ctx, actor, preview.id)), false);
  } finally {
    await database.close();
  }
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      full: { type: 'boolean', default: false },
      'dry-run': { type: 'boolean', default: false },
      'create-units': { type: 'boolean', default: false },
      as: { type: 'string' },
      url: { type: 'string' },
      token: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help || positionals[0] !== 'employees' || !positionals[1]) {
    console.error(usage);
    return 2;
  }
  const file = positionals[1];
  if (!fs.existsSync(file)) {
    console.error(`No such file: ${file}`);
    return 2;
  }
  const bytes = new Uint8Array(fs.readFileSync(file));
  const options: Options = {
    full: values.full!,
    dryRun: values['dry-run']!,
    createUnits: values['create-units']!,
    as: values.as,
    url: values.url ?? process.env.INKLUDERA_URL,
    token: values.token ?? process.env.INKLUDERA_TOKEN,
  };
  if (options.url) {
    if (!options.token) {
      console.error('--url needs --token (a personal API token of a user who may import).');
      return 2;
    }
    return viaApi(file, bytes, { ...options, url: options.url, token: options.token });
  }
  return direct(file, bytes, options);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    if (error instanceof DataDirLockedError) console.error(`${error.message}\nWhile the server runs, import through it: --url and --token.`);
    else if (error instanceof ConfigError) console.error(error.message);
    else console.error('The import failed:', error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
