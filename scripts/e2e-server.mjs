// The server for the browser tests (playwright.config.ts, webServer): the built app on a fresh,
// temporary embedded database, removed again when the tests end. PORT comes from the config.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildIfStale, root } from './build-if-stale.mjs';

if (!buildIfStale()) process.exit(1);

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'inkludera-e2e-'));
const server = spawn(process.execPath, ['dist/server/main.js'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, DATA_DIR: dataDir, HOST: '127.0.0.1', LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' },
});

// Playwright signals the whole process group; pass a signal on in case only this process got it.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));

server.on('exit', (code, signal) => {
  fs.rmSync(dataDir, { recursive: true, force: true });
  process.exit(code ?? (signal ? 0 : 1));
});
