import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import zlib from 'node:zlib';
import { loadConfig } from '#server/config';
import { systemClock, type AppContext } from '#server/context';
import { openDatabase } from '#server/db/client';
import { publicActivities } from '#server/features/activities/service';
import { publicRegister } from '#server/features/certification/service';
import { publicPlans } from '#server/features/plans/public';
import { startPage } from '#server/features/public-site/pages';
import { siteSettings, startPageSeconds } from '#server/features/public-site/service';
import { serverFromDist } from '../../test/support/processes.js';
import type { Figure } from '../lib/figure.js';
import { median } from '../lib/figure.js';
import type { LoadOptions, LoadResult } from '../lib/load.js';
import { buildIfStale, root, spawnLogged, stop, waitForAnswer } from '../lib/processes.js';

/**
 * Issue 7: the public start page, GET /public, answers in under 20 ms (median) and weighs, with
 * everything it loads, under 150 kB compressed. The server is the built app on an embedded (PGlite)
 * database holding the demo municipality (its café with two years of weekly occurrences, its public
 * plans and certificates); the baseline is /api/health of the same server (one `select 1`).
 */

const warmupSeconds = 2;
const seconds = 5;
const pages = [
  '/public',
  '/public/activities',
  '/public/plans',
  '/public/certificates',
  '/public/contacts',
  '/public/accessibility',
];

function runLoad(options: LoadOptions): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/lib/load.ts', JSON.stringify(options)], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('exit', (code) => {
      const line = stdout.trim().split('\n').at(-1);
      if (code !== 0 || !line) reject(new Error(`the load generator failed (${code}): ${stderr}`));
      else resolve(JSON.parse(line, (_key, value) => (value === null ? Number.POSITIVE_INFINITY : value)) as LoadResult);
    });
  });
}

/** One visitor at a time: each answer's time is the server's alone, not a queue's. */
const oneAtATime = (url: string, pathName: string): LoadOptions => ({
  url,
  paths: [pathName],
  headers: { 'accept-language': 'sv-SE,sv;q=0.9', 'accept-encoding': 'br, gzip' },
  connections: 1,
  warmupSeconds,
  seconds,
  timeoutSeconds: 30,
});

type Weight = { bytes: number; identityBytes: number; requests: number; encodings: string[] };

/**
 * What a browser (Debian's Chromium) transfers for a page and everything it loads: each response's
 * headers and body as sent (compressed), summed; beside it the same responses' bodies uncompressed.
 */
async function weigh(baseUrl: string, pathName: string): Promise<Weight> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox'],
  });
  try {
    const page = await browser.newPage();
    const responses: Promise<{ bytes: number; identityBytes: number; encoding: string }>[] = [];
    page.on('response', (response) => {
      responses.push(
        (async () => {
          const sizes = await response.request().sizes();
          const body = await response.body().catch(() => Buffer.alloc(0));
          const encoding = (await response.allHeaders())['content-encoding'] ?? 'identity';
          return { bytes: sizes.responseHeadersSize + sizes.responseBodySize, identityBytes: body.length, encoding };
        })(),
      );
    });
    await page.goto(baseUrl + pathName, { waitUntil: 'networkidle' });
    const all = await Promise.all(responses);
    return {
      bytes: all.reduce((sum, r) => sum + r.bytes, 0),
      identityBytes: all.reduce((sum, r) => sum + r.identityBytes, 0),
      requests: all.length,
      encodings: [...new Set(all.map((r) => r.encoding))],
    };
  } finally {
    await browser.close();
  }
}

/**
 * What a request that finds nothing kept costs: the start page's data gathered (the same calls as the
 * route), rendered and compressed with brotli, timed one at a time in this process on the same data
 * directory once the server has stopped (medians of 30 after 5 untimed).
 */
async function uncached(dataDir: string): Promise<{ gather: number; render: number }> {
  const config = loadConfig({ DATA_DIR: dataDir });
  const database = await openDatabase(config);
  try {
    const ctx: AppContext = { db: database.db, dbKind: database.kind, clock: systemClock, config };
    const gather = async () => {
      const [settings, activities, plans, register] = await Promise.all([
        siteSettings(ctx),
        publicActivities(ctx, {}),
        publicPlans(ctx),
        publicRegister(ctx),
      ]);
      return { settings, activities: activities.items, plans, register };
    };
    const time = async (work: () => Promise<unknown>) => {
      for (let i = 0; i < 5; i++) await work();
      const samples: number[] = [];
      for (let i = 0; i < 30; i++) {
        const started = performance.now();
        await work();
        samples.push(performance.now() - started);
      }
      return median(samples);
    };
    const data = await gather();
    return {
      gather: await time(gather),
      render: await time(async () =>
        zlib.brotliCompressSync(startPage('sv', data), { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } }),
      ),
    };
  } finally {
    await database.close();
  }
}

const kB = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;

export const publicStartPage: Figure = {
  name: 'public-start-page',
  title: 'The public start page (/public): median server answer, and its weight with everything it loads, compressed',
  target: { comparison: 'below', value: 20 },
  async measure({ runs, log }) {
    buildIfStale();
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'inkludera-bench-public-'));
    const logFile = path.join(dataDir, 'server.log');
    // The demo municipality is loaded at the first start, into the empty data directory.
    const server = await spawnLogged(
      serverFromDist,
      { DATA_DIR: path.join(dataDir, 'data'), INKLUDERA_DEMO: 'true', LOG_LEVEL: 'warn' },
      logFile,
    );
    try {
      await waitForAnswer(server, '/api/health', 600_000);
      await waitForAnswer(server, '/public', 60_000);
      log('  the demo municipality is loaded');
      const samples: number[] = [];
      const baselineSamples: number[] = [];
      const p95: number[] = [];
      const p99: number[] = [];
      let failures = 0;
      for (let i = 0; i < runs; i++) {
        const page = await runLoad(oneAtATime(server.baseUrl, '/public'));
        const health = await runLoad(oneAtATime(server.baseUrl, '/api/health'));
        failures += page.non2xx + page.errors + page.timeouts + page.warmupFailures;
        failures += health.non2xx + health.errors + health.timeouts + health.warmupFailures;
        samples.push(page.p50);
        baselineSamples.push(health.p50);
        p95.push(page.p95);
        p99.push(page.p99);
        log(
          `  run ${i + 1}/${runs}: /public median ${page.p50.toFixed(1)} ms (p95 ${page.p95.toFixed(1)} ms, ${Math.round(page.throughput)}/s), /api/health median ${health.p50.toFixed(1)} ms`,
        );
      }
      const weights: number[] = [];
      const identity: number[] = [];
      const start = await weigh(server.baseUrl, '/public');
      for (let i = 0; i < runs; i++) {
        const weight = i === 0 ? start : await weigh(server.baseUrl, '/public');
        weights.push(kB(weight.bytes));
        identity.push(kB(weight.identityBytes));
      }
      const others: string[] = [];
      for (const pathName of pages.slice(1)) {
        const weight = await weigh(server.baseUrl, pathName);
        others.push(`${pathName} ${kB(weight.bytes)} kB (${kB(weight.identityBytes)} kB uncompressed)`);
      }
      log(`  /public weighs ${median(weights)} kB as transferred (${start.requests} request(s), ${start.encodings.join(', ')})`);
      await stop(server.child);
      const cost = await uncached(path.join(dataDir, 'data'));
      log(`  uncached: gathering ${cost.gather.toFixed(1)} ms, rendering and compressing ${cost.render.toFixed(2)} ms`);
      return {
        subject: 'GET /public (the start page), one request at a time',
        baselineSubject: 'GET /api/health (`select 1`) of the same server, one at a time',
        unit: 'ms',
        samples,
        baselineSamples,
        method:
          `The built server (\`node dist/server/main.js\`) on a PGlite data directory with the demo municipality (INKLUDERA_DEMO=true). ` +
          `Each run: autocannon with one connection asks for /public for ${seconds} s after a ${warmupSeconds} s warm-up (Accept-Encoding br, gzip; ` +
          `Swedish), then for /api/health the same way; the figure is the median of the runs' median latencies. The start page's data ` +
          `(about ten queries) is kept ${startPageSeconds} s in the process, so most answers render from it and a few gather it. The page weight: Debian's ` +
          `Chromium, driven by Playwright, opens /public and sums the headers and bodies of every response as transferred ` +
          `(Playwright's request sizes); beside it the same bodies uncompressed.`,
        more: [
          {
            label: 'page weight',
            subject: '/public and everything it loads, as transferred to Chromium (compressed)',
            baselineSubject: 'the same bodies uncompressed',
            unit: 'kB',
            samples: weights,
            baselineSamples: identity,
            target: { comparison: 'below', value: 150 },
          },
        ],
        checks: [{ text: 'every answer of the load 2xx, no error, no timeout', pass: failures === 0 }],
        details: [
          `/public: p95 ${median(p95).toFixed(1)} ms, p99 ${median(p99).toFixed(1)} ms one at a time (the start page's data is gathered once every ${startPageSeconds} s and kept in the process between: the slowest answers are those that gathered it); ${start.requests} request(s) for the page (the style is in the page, the icon a data: URL; no script, font or image), sent as ${start.encodings.join(', ')}.`,
          `A request that finds nothing kept (once every ${startPageSeconds} s): gathering the data ${cost.gather.toFixed(1)} ms (the settings, the activities' next eight weeks, the public plans and the certificate register, about ten queries, timed in the benchmark's process on the same data directory after the server stopped), rendering and brotli ${cost.render.toFixed(2)} ms.`,
          `The other public pages as transferred: ${others.join('; ')}.`,
        ],
      };
    } finally {
      await stop(server.child);
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  },
};
