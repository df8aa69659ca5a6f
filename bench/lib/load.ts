/**
 * The load generator, run in a process of its own beside the server (`node --import tsx bench/lib/load.ts
 * '<json>'`): autocannon at a number of connections for a while after a warm-up, asking for the paths in
 * turn, and every response's latency kept, since autocannon reports no p95. Prints one JSON line: LoadResult.
 */
import autocannon from 'autocannon';
import { percentile } from './figure.js';

export type LoadOptions = {
  url: string;
  /** Asked for in turn, across all connections. */
  paths: string[];
  headers: Record<string, string>;
  connections: number;
  warmupSeconds: number;
  seconds: number;
  /** How long an answer is waited for before it counts as a timeout (autocannon's default: 10 s). */
  timeoutSeconds: number;
};

export type LoadResult = {
  /** 2xx answers per second of the measured period. */
  throughput: number;
  p50: number;
  p95: number;
  p99: number;
  answers: number;
  /** Answers other than 2xx, errors and timeouts: each must be 0. */
  non2xx: number;
  errors: number;
  timeouts: number;
  statuses: Record<string, number>;
  seconds: number;
  /** Answers other than 2xx, errors and timeouts during the warm-up, which is otherwise not counted. */
  warmupFailures: number;
};

async function load(options: LoadOptions, seconds: number): Promise<Omit<LoadResult, 'warmupFailures'>> {
  let next = 0;
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let ok = 0;
  const instance = autocannon({
    url: options.url,
    connections: options.connections,
    duration: seconds,
    timeout: options.timeoutSeconds,
    headers: options.headers,
    requests: [{ setupRequest: (request) => ({ ...request, path: options.paths[next++ % options.paths.length] }) }],
  });
  instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
    latencies.push(responseTime);
    statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
    if (statusCode >= 200 && statusCode < 300) ok++;
  });
  const result = await instance;
  return {
    throughput: ok / result.duration,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    answers: latencies.length,
    non2xx: latencies.length - ok,
    errors: result.errors,
    timeouts: result.timeouts,
    statuses,
    seconds: result.duration,
  };
}

const options = JSON.parse(process.argv[2]) as LoadOptions;
const warmup = options.warmupSeconds > 0 ? await load(options, options.warmupSeconds) : undefined;
const measured = await load(options, options.seconds);
const result: LoadResult = { ...measured, warmupFailures: warmup ? warmup.non2xx + warmup.errors + warmup.timeouts : 0 };
console.log(JSON.stringify(result));
