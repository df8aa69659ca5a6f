#!/usr/bin/env node
// `npm run demo`: Inkludera with the demo municipality on a fresh embedded database of its own
// (./demo-data, or DEMO_DATA_DIR). Pass --keep to reuse the demo database from the last run.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const dataDir = path.resolve(process.env.DEMO_DATA_DIR ?? 'demo-data');
if (!process.argv.includes('--keep') && fs.existsSync(dataDir)) {
  const lock = path.join(dataDir, 'inkludera.lock');
  if (fs.existsSync(lock)) {
    const pid = Number(fs.readFileSync(lock, 'utf8'));
    let alive = false;
    try {
      process.kill(pid, 0);
      alive = true;
    } catch (error) {
      alive = error.code === 'EPERM';
    }
    if (alive) {
      console.error(`The demo database ${dataDir} is in use by another process (pid ${pid}). Stop it first.`);
      process.exit(1);
    }
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
}
const env = { ...process.env, DATA_DIR: dataDir, INKLUDERA_DEMO: 'true' };
delete env.DATABASE_URL; // the demo always runs on its own embedded database
const child = spawn(process.execPath, ['dist/server/main.js'], { stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
