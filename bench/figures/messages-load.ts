import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import type { DatabaseKind } from '#server/db/client';
import { newReceiptCode } from '#server/features/messages/service';
import { serverFromDist } from '../../test/support/processes.js';
import type { Figure, FigureResult } from '../lib/figure.js';
import { median, percentile } from '../lib/figure.js';
import { databases } from '../lib/databases.js';
import { rawQuery } from '../lib/raw.js';
import { buildIfStale, spawnLogged, stop, waitForAnswer } from '../lib/processes.js';

/**
 * Issue 7: "the message form accepts 200 messages per second from many addresses without loss, and
 * a single address is limited". A server from dist/ behind a reverse proxy as in production
 * (TRUST_PROXY=true, docs/operations.md), so that the per-address rate limit keys on the client's
 * address in X-Forwarded-For: every message comes from an address of its own (198.18.0.0/15, the
 * benchmarking range, written into the header only: every request goes to 127.0.0.1). The load is
 * open: autocannon sends at a fixed overall rate whatever the answers take. Then the rows are
 * counted: every 201 is a row, and nothing else is. One address then sends more than its limit.
 */

/** Offered: a whole number per connection and second (autocannon gives each connection overallRate / connections, rounded down). */
const rate = 300;
const seconds = 8;
const messages = rate * seconds;
/** Enough that no connection waits on its last answer before its next turn (autocannon sends one request at a time per connection): 3 a second each. */
const connections = 100;
/** The form token must be at least 3 s old (messageFormMinSeconds): tokens are fetched ahead, then this long is waited. */
const tokenAgeMs = 3500;
/** public / 6 with the default public limit of 60: sends per address in ten minutes. */
const perAddressLimit = 10;
const probeSends = perAddressLimit + 5;

const databaseName = { postgres: 'PostgreSQL', pglite: 'the embedded database (PGlite)' } as const;

/** The i-th address of 198.18.0.0/15. */
const address = (i: number) => `198.${18 + (i >> 16)}.${(i >> 8) & 255}.${i & 255}`;

const body = (token: string, i: number) =>
  JSON.stringify({
    kind: (['wish', 'thought', 'problem', 'praise'] as const)[i % 4],
    subject: (['gender_equality', 'hbtq', 'other', 'accessibility'] as const)[i % 4],
    text: `Belastningsprov ${i}: belysningen på gångvägen vid stationen är dålig.`,
    formToken: token,
  });

/** Form tokens, each fetched as the form is, from the address that will send it. */
async function fetchTokens(baseUrl: string, count: number, offset: number): Promise<string[]> {
  const tokens: string[] = new Array(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const response = await fetch(`${baseUrl}/api/public/messages/form`, {
        headers: { 'x-forwarded-for': address(offset + i) },
      });
      if (response.status !== 200) throw new Error(`the form answered ${response.status}`);
      tokens[i] = ((await response.json()) as { formToken: string }).formToken;
    }
  };
  await Promise.all(Array.from({ length: 20 }, worker));
  return tokens;
}

type Load = {
  accepted: number;
  seconds: number;
  statuses: Record<string, number>;
  errors: number;
  timeouts: number;
  p95: number;
  p50: number;
};

async function load(baseUrl: string, tokens: string[], offset: number): Promise<Load> {
  let next = 0;
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const instance = autocannon({
    url: baseUrl,
    connections,
    overallRate: rate,
    amount: tokens.length,
    timeout: 30,
    requests: [
      {
        setupRequest: (request) => {
          const i = next++;
          return {
            ...request,
            method: 'POST',
            path: '/api/public/messages',
            headers: { 'content-type': 'application/json', 'x-forwarded-for': address(offset + i) },
            body: body(tokens[i % tokens.length], offset + i),
          };
        },
      },
    ],
  });
  instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
    latencies.push(responseTime);
    statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
  });
  const started = performance.now();
  const result = await instance;
  const elapsed = (performance.now() - started) / 1000;
  return {
    accepted: statuses['201'] ?? 0,
    seconds: elapsed,
    statuses,
    errors: result.errors,
    timeouts: result.timeouts,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
  };
}

/** One address sends more than its limit, one after another: how many are accepted, how many refused with 429. */
async function probe(baseUrl: string): Promise<{ accepted: number; limited: number; other: number }> {
  const from = '198.19.255.254';
  const response = await fetch(`${baseUrl}/api/public/messages/form`, { headers: { 'x-forwarded-for': from } });
  const { formToken } = (await response.json()) as { formToken: string };
  await new Promise((resolve) => setTimeout(resolve, tokenAgeMs));
  const counts = { accepted: 0, limited: 0, other: 0 };
  for (let i = 0; i < probeSends; i++) {
    const sent = await fetch(`${baseUrl}/api/public/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
      body: body(formToken, 1_000_000 + i),
    });
    await sent.arrayBuffer();
    if (sent.status === 201) counts.accepted++;
    else if (sent.status === 429) counts.limited++;
    else counts.other++;
  }
  return counts;
}

const insertSql = `insert into citizen_messages (code, kind, subject, text, created_at, acknowledge_by, answer_by)
  values ($1, $2, $3, $4, now(), now() + interval '2 days', now() + interval '14 days')`;

function messagesFigure(kind: DatabaseKind): Figure {
  return {
    name: `messages-load-${kind}`,
    title: `POST /api/public/messages at ${rate}/s from ${messages.toLocaleString('en')} addresses for ${seconds} s, on ${databaseName[kind]}`,
    target: { comparison: 'atLeast', value: 200 },
    runs: 3,
    async measure({ runs, log }): Promise<FigureResult> {
      buildIfStale();
      const dbs = databases(kind, 'messages');
      const logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'inkludera-bench-messages-log-'));
      const loads: Load[] = [];
      const baselines: number[] = [];
      const checks: { text: string; pass: boolean }[] = [];
      try {
        await dbs.prepareTemplate(async () => {});
        for (let run = 0; run < runs; run++) {
          const place = await dbs.fresh();
          const server = await spawnLogged(
            serverFromDist,
            { ...place.env, TRUST_PROXY: 'true', LOG_LEVEL: 'info' },
            path.join(logDir, `server-${run}.log`),
          );
          let result: Load;
          let limitedProbe: { accepted: number; limited: number; other: number };
          try {
            await waitForAnswer(server, '/api/health', 120_000);
            // Each run's addresses are new to the server's rate limiter (it keeps them in memory).
            const offset = run * messages;
            const tokens = await fetchTokens(server.baseUrl, messages, offset);
            await new Promise((resolve) => setTimeout(resolve, tokenAgeMs));
            result = await load(server.baseUrl, tokens, offset);
            limitedProbe = await probe(server.baseUrl);
          } finally {
            await stop(server.child);
          }
          // Count what was stored, then time the baseline on the same database: the same rows as bare
          // single-row inserts, one statement each, as many at a time as the load had connections.
          const database = await place.open();
          let stored = 0;
          let baselineRate = 0;
          try {
            const query = rawQuery(database);
            stored = Number((await query<{ n: string }>('select count(*) as n from citizen_messages')).rows[0].n);
            let next = 0;
            const started = performance.now();
            const worker = async () => {
              while (next < messages) {
                const i = next++;
                const sample = JSON.parse(body('', i)) as { kind: string; subject: string; text: string };
                await query(insertSql, [newReceiptCode(), sample.kind, sample.subject, sample.text]);
              }
            };
            await Promise.all(Array.from({ length: kind === 'pglite' ? 1 : connections }, worker));
            baselineRate = messages / ((performance.now() - started) / 1000);
          } finally {
            await database.close();
          }
          await dbs.discard(place);
          const acceptedRate = result.accepted / result.seconds;
          loads.push({ ...result, accepted: acceptedRate });
          baselines.push(baselineRate);
          const lost = messages - result.accepted;
          const expectedRows = result.accepted + limitedProbe.accepted;
          checks.push(
            {
              text: `run ${run + 1}: ${result.accepted} of ${messages} messages answered 201 (answers: ${Object.entries(
                result.statuses,
              )
                .map(([s, n]) => `${n} × ${s}`)
                .join(', ')}; ${result.errors} errors, ${result.timeouts} timeouts): none lost`,
              pass: lost === 0 && result.errors === 0 && result.timeouts === 0,
            },
            {
              text: `run ${run + 1}: rows stored ${stored} = the 201 answers ${expectedRows} (the load's and the single address's)`,
              pass: stored === expectedRows,
            },
            {
              text: `run ${run + 1}: one address sending ${probeSends} in a row: ${limitedProbe.accepted} accepted, ${limitedProbe.limited} refused with 429 (limit ${perAddressLimit} in 10 minutes), ${limitedProbe.other} other`,
              pass: limitedProbe.accepted === perAddressLimit && limitedProbe.limited === probeSends - perAddressLimit,
            },
          );
          log(
            `  run ${run + 1}/${runs}: ${acceptedRate.toFixed(0)} messages/s accepted (${result.accepted}/${messages} in ${result.seconds.toFixed(1)} s, p50 ${result.p50} ms, p95 ${result.p95} ms), ` +
              `${stored} rows; one address: ${limitedProbe.accepted} × 201, ${limitedProbe.limited} × 429; baseline ${baselineRate.toFixed(0)} bare inserts/s`,
          );
        }
      } finally {
        await dbs.dispose();
        fs.rmSync(logDir, { recursive: true, force: true });
      }
      return {
        label: 'messages accepted per second',
        subject: `POST /api/public/messages, each from an address of its own, offered at ${rate}/s`,
        baselineSubject: 'the same number of rows as bare single-row INSERTs on the same database, as fast as they go',
        unit: 'msg/s',
        samples: loads.map((l) => l.accepted),
        baselineSamples: baselines,
        checks,
        method:
          `A server from dist/ (\`node dist/server/main.js\`, request logging at info level, to a file) on a fresh, migrated ${databaseName[kind]} per run, ` +
          'with TRUST_PROXY=true as behind the reverse proxy of production, so that the per-address limit keys on X-Forwarded-For. ' +
          `${messages.toLocaleString('en')} form tokens are fetched ahead (GET /api/public/messages/form, each from the address that will send with it) and left ` +
          `${tokenAgeMs / 1000} s to age past the form's 3 s minimum; then autocannon (${connections} connections, in the bench's process) posts the ${messages.toLocaleString('en')} messages ` +
          `at an overall ${rate}/s, each with its own address in X-Forwarded-For (198.18.0.0/15, written into the header only: all traffic goes to 127.0.0.1). ` +
          'The figure is the 201 answers over the time from the first request to the last answer. The server is stopped and the rows counted. ' +
          `Then one address sends ${probeSends} messages in a row. The baseline, on the same database afterwards: the same number of bare single-row INSERTs ` +
          `(${kind === 'pglite' ? 'one at a time: the embedded database has one connection' : `${connections} at a time`}).`,
        details: [
          `Offered: ${messages.toLocaleString('en')} messages at ${rate}/s (${connections} connections at ${rate / connections} a second each, so each second's requests come in bursts); the single address's ${probeSends} sends are not part of the rate.`,
          `Median p50 / p95 of the API under the load: ${median(loads.map((l) => l.p50)).toFixed(0)} / ${median(loads.map((l) => l.p95)).toFixed(0)} ms.`,
        ],
      };
    },
  };
}

export const messagesLoadPglite = messagesFigure('pglite');
export const messagesLoadPostgres = messagesFigure('postgres');
