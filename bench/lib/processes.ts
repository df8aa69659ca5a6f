import { spawnSync } from 'node:child_process';
import { root, spawnNode, stop, waitForAnswer, type ServerProcess } from '../../test/support/processes.js';

export { root, stop };

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
