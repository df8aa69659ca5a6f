import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Figure } from '../lib/figure.js';
import { serverFromDist } from '../../test/support/processes.js';
import { buildIfStale, startAndTime, stop } from '../lib/processes.js';

/** A bare Fastify server with one route: what any Node web server costs to start here. */
const bareFastify = `
const app = require('fastify')();
app.get('/api/health', async () => ({ status: 'ok' }));
app.listen({ port: Number(process.env.PORT), host: process.env.HOST });
process.on('SIGTERM', () => app.close().then(() => process.exit(0)));
`;

export const startup: Figure = {
  name: 'startup',
  title: 'Start-up to the first answer of /api/health, on an existing embedded database',
  target: { comparison: 'below', value: 3000 },
  async measure({ runs, log }) {
    buildIfStale();
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'inkludera-bench-startup-'));
    const server = serverFromDist;
    const env = { DATA_DIR: dataDir };
    try {
      // The first start creates the database and runs the migrations; it is not counted.
      const first = await startAndTime(server, env, '/api/health', 120_000);
      await stop(first.child);
      log(`  created the data directory (first start: ${Math.round(first.ms)} ms, not counted)`);

      const samples: number[] = [];
      const baselineSamples: number[] = [];
      for (let i = 0; i < runs; i++) {
        const started = await startAndTime(server, env);
        await stop(started.child);
        const baseline = await startAndTime(['-e', bareFastify], {});
        await stop(baseline.child);
        samples.push(started.ms);
        baselineSamples.push(baseline.ms);
        log(`  run ${i + 1}/${runs}: Inkludera ${Math.round(started.ms)} ms, bare Fastify ${Math.round(baseline.ms)} ms`);
      }
      return {
        subject: '`node dist/server/main.js` on an existing PGlite data directory',
        baselineSubject: 'a bare Fastify server with one route (`node -e`)',
        unit: 'ms',
        samples,
        baselineSamples,
        method:
          'Time from spawning the process to the first 200 answer of GET /api/health, polled every 5 ms; the process is then stopped ' +
          'with SIGTERM and awaited before the next run. The data directory was created and migrated by one earlier start that is ' +
          'not counted. Inkludera and the baseline alternate, run by run.',
      };
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  },
};
