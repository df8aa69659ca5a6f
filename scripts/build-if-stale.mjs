// Builds the server (tsc) and the web app (vite) when dist/ is missing or older than their sources.
// Used by `npm test`, the browser tests' server and the benchmark; `node scripts/build-if-stale.mjs` runs it alone.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const parts = [
  {
    name: 'server',
    script: 'build:server',
    output: 'dist/server/main.js',
    inputs: ['src/server', 'src/shared', 'package.json', 'tsconfig.json', 'tsconfig.server.json'],
  },
  {
    name: 'web',
    script: 'build:web',
    output: 'dist/web/index.html',
    inputs: ['src/web', 'src/shared', 'index.html', 'vite.config.ts', 'postcss.config.cjs', 'package.json'],
  },
];

/** The newest modification time of a file, or of any file below a directory (0 when absent). */
function newestMtime(target) {
  let stat;
  try {
    stat = fs.statSync(target);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of fs.readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

/** Which parts need building: their output is missing or older than a source file. */
export function staleParts() {
  return parts.filter((part) => {
    const output = path.join(root, part.output);
    if (!fs.existsSync(output)) return true;
    const built = fs.statSync(output).mtimeMs;
    return part.inputs.some((input) => newestMtime(path.join(root, input)) > built);
  });
}

/** Builds what is stale; returns false when a build failed (its output was shown). */
export function buildIfStale({ quiet = false } = {}) {
  for (const part of staleParts()) {
    if (!quiet) console.log(`\n> dist/ is missing or older than the sources of the ${part.name}: npm run ${part.script}`);
    const result = spawnSync('npm', ['run', '--silent', part.script], { cwd: root, stdio: quiet ? 'ignore' : 'inherit' });
    if (result.status !== 0) {
      console.error(`npm run ${part.script} failed (exit code ${result.status ?? result.signal}).`);
      return false;
    }
  }
  return true;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exit(buildIfStale() ? 0 : 1);
}
