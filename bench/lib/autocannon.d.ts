/** The part of autocannon 9's API the load generator uses (the package has no types of its own). */
declare module 'autocannon' {
  import type { EventEmitter } from 'node:events';

  type Request = { method?: string; path?: string; headers?: Record<string, string>; body?: string };
  type Options = {
    url: string;
    connections?: number;
    duration?: number;
    /** Requests per second across all connections, and how many in all (instead of a duration). */
    overallRate?: number;
    amount?: number;
    timeout?: number;
    headers?: Record<string, string>;
    requests?: { setupRequest?: (request: Request, context: object) => Request }[];
  };
  type Result = {
    duration: number;
    errors: number;
    timeouts: number;
    non2xx: number;
    '2xx': number;
    requests: { total: number; average: number };
  };
  type Instance = EventEmitter & PromiseLike<Result> & { stop: () => void };

  function autocannon(options: Options): Instance;
  export default autocannon;
}
