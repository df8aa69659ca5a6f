import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

export const root = path.resolve(import.meta.dirname, '../..');

/** Builds dist/ when it is missing or older than the sources (the same check as `npm test`). */
export function buildIfStale() {
  const result = spawnSync(process.execPath, ['scripts/build-if-stale.mjs'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('the build failed');
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export type Started = { child: ChildProcess; port: number; ms: number };

/**
 * Spawns a server process and polls url every 5 ms until it answers 200.
 * Returns the time from spawn to that first answer. The process's output is kept for an error message.
 */
export async function startAndTime(
  command: string,
  args: string[],
  env: Record<string, string>,
  healthPath: string,
  timeoutMs = 30_000,
): Promise<Started> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(command, args, {
    cwd: root,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  let exited = false;
  child.once('exit', () => (exited = true));
  const url = `http://127.0.0.1:${port}${healthPath}`;
  while (performance.now() - started < timeoutMs) {
    if (exited) throw new Error(`the process exited before answering ${url}:\n${output}`);
    try {
      const response = await fetch(url);
      if (response.status === 200) {
        await response.arrayBuffer();
        return { child, port, ms: performance.now() - started };
      }
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  child.kill('SIGKILL');
  throw new Error(`no answer from ${url} within ${timeoutMs} ms:\n${output}`);
}

/** Asks the process to stop (SIGTERM) and waits until it has exited; SIGKILL after 15 s. */
export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}
