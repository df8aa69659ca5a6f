import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { freePort, root, spawnNode, stop, waitForAnswer, type ServerProcess } from '../../test/support/processes.js';

export { freePort, root, stop, waitForAnswer, type ServerProcess };

/** Builds dist/ when it is missing or older than the sources (the same check as `npm test`). */
export function buildIfStale() {
  const result = spawnSync(process.execPath, ['scripts/build-if-stale.mjs'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('the build failed');
}

/** Spawns node with args and times it from the spawn to the first 200 answer of healthPath. */
export async function startAndTime(
  args: string[],
  env: Record<string, string>,
  healthPath = '/api/health',
  timeoutMs = 30_000,
): Promise<ServerProcess & { ms: number }> {
  const server = await spawnNode(args, env);
  await waitForAnswer(server, healthPath, timeoutMs);
  return { ...server, ms: performance.now() - server.spawnedAt };
}

/**
 * Spawns a server whose output goes to logFile rather than through a pipe to the benchmark: a server
 * under load logs every request, as in production, and the benchmark's own process stays out of it.
 */
export async function spawnLogged(args: string[], env: Record<string, string>, logFile: string): Promise<ServerProcess> {
  const port = await freePort();
  const fd = fs.openSync(logFile, 'a');
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', ...env },
    stdio: ['ignore', fd, fd],
  });
  fs.closeSync(fd);
  const output = () => {
    try {
      const text = fs.readFileSync(logFile, 'utf8');
      return text.length > 20_000 ? `...${text.slice(-20_000)}` : text;
    } catch {
      return '';
    }
  };
  return { child, port, baseUrl: `http://127.0.0.1:${port}`, spawnedAt, output };
}

/** The resident set's high-water mark (VmHWM) and current size (VmRSS) of a process, in MB, from /proc. */
export function memoryOf(pid: number): { hwmMb: number; rssMb: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
    if (!match) throw new Error(`no ${field} in /proc/${pid}/status`);
    return Number(match[1]);
  };
  return { hwmMb: kb('VmHWM') / 1024, rssMb: kb('VmRSS') / 1024 };
}
