import { spawnSync } from 'node:child_process';

/**
 * psql's \timing of the statement, run `times` times in one session after one untimed run: the
 * baselines' "the same work as one hand-written query". The session has the settings of the
 * server's own connections (src/server/db/client.ts): no JIT.
 */
export function psqlTimes(url: string, statement: string, times: number): number[] {
  const args = ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-o', '/dev/null', '-c', 'select 1', '-c', '\\timing on'];
  for (let i = 0; i <= times; i++) args.push('-c', statement);
  const result = spawnSync('psql', [...args, url], {
    encoding: 'utf8',
    maxBuffer: 1024 * 1024,
    env: { ...process.env, PGOPTIONS: '-c jit=off' },
  });
  if (result.status !== 0) throw new Error(`psql failed (${result.status}): ${result.stderr || result.error}`);
  const found = [...result.stdout.matchAll(/Time: ([\d.]+) ms/g)].map((m) => Number(m[1]));
  if (found.length !== times + 1) throw new Error(`psql printed ${found.length} times, not ${times + 1}: ${result.stdout}`);
  return found.slice(1);
}
