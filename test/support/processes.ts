import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

/** Running the server as a real process: used by test/process.test.ts and the benchmarks. */

export const root = path.resolve(import.meta.dirname, '../..');

/** The server from source, through tsx (no build needed). */
export const serverFromSource = ['--import', 'tsx', '--conditions=source', 'src/server/main.ts'];
/** The built server (`npm run build`). */
export const serverFromDist = ['dist/server/main.js'];

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

export type ServerProcess = {
  child: ChildProcess;
  port: number;
  baseUrl: string;
  /** performance.now() just before the spawn. */
  spawnedAt: number;
  /** Everything the process printed so far. */
  output: () => string;
};

/** Spawns node with args on a free PORT (HOST 127.0.0.1), collecting its output. */
export async function spawnNode(args: string[], env: Record<string, string | undefined> = {}): Promise<ServerProcess> {
  const port = await freePort();
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  return { child, port, baseUrl: `http://127.0.0.1:${port}`, spawnedAt, output: () => output };
}

const exited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

/** Polls path every 5 ms until it answers 200; fails when the process exits first or time runs out. */
export async function waitForAnswer(server: ServerProcess, urlPath = '/api/health', timeoutMs = 60_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (exited(server.child))
      throw new Error(`the process exited (${server.child.exitCode}) before answering ${urlPath}:\n${server.output()}`);
    try {
      const response = await fetch(server.baseUrl + urlPath);
      await response.arrayBuffer();
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`no answer from ${server.baseUrl}${urlPath} within ${timeoutMs} ms:\n${server.output()}`);
}

/** Waits for the process to exit; rejects after timeoutMs. */
export function waitForExit(child: ChildProcess, timeoutMs: number): Promise<{ code: number | null; signal: string | null }> {
  if (exited(child)) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the process did not exit within ${timeoutMs} ms`)), timeoutMs);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal });
    });
  });
}

/** Asks the process to stop (SIGTERM) and waits until it has; SIGKILL after 15 s. */
export async function stop(child: ChildProcess): Promise<void> {
  if (exited(child)) return;
  const done = waitForExit(child, 20_000);
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await done.finally(() => clearTimeout(timer));
}
