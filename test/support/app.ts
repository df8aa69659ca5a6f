import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { buildApp, type AppInstance } from '#server/app';
import { loadConfig, type Config } from '#server/config';
import type { Database } from '#server/db/client';
import type { Clock } from '#server/context';
import { createMailer, type Transport } from '#server/mail/outbox';
import { createTestDatabase, truncateAll } from './database.js';

export type TestClock = Clock & { set: (date: Date | string) => void; advance: (ms: number) => void };

export function testClock(start = '2026-03-02T09:00:00Z'): TestClock {
  let now = new Date(start);
  return {
    now: () => new Date(now),
    set: (date) => {
      now = new Date(date);
    },
    advance: (ms) => {
      now = new Date(now.getTime() + ms);
    },
  };
}

export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...loadConfig({ DATA_DIR: '/tmp/inkludera-test-unused' }), webRoot: undefined, ...overrides };
}

export type TestContext = {
  app: AppInstance;
  database: Database;
  clock: TestClock;
  /** Mail handed to the transport when the outbox is delivered. */
  sentMail: { to: string; subject: string; body: string }[];
};

/**
 * One app and database per test file, emptied before each test.
 * Use inside a describe block or at the top of a test file.
 */
export function useTestApp(options: { config?: Partial<Config>; transport?: Transport } = {}): TestContext {
  const context = { sentMail: [] } as unknown as TestContext;
  beforeAll(async () => {
    context.database = await createTestDatabase();
    context.clock = testClock();
    const config = testConfig(options.config);
    const transport: Transport =
      options.transport ??
      ({
        send: async (_from, message) => {
          context.sentMail.push(message);
        },
      } satisfies Transport);
    context.app = await buildApp({
      database: context.database,
      config,
      clock: context.clock,
      mailer: createMailer({ db: context.database.db, dbKind: context.database.kind, clock: context.clock, config }, transport),
    });
    await context.app.ready();
  });
  beforeEach(async () => {
    await truncateAll(context.database);
    context.clock.set('2026-03-02T09:00:00Z');
    context.sentMail.length = 0;
  });
  afterAll(async () => {
    await context.app?.close();
    await context.database?.close();
  });
  return context;
}

export function json<T = any>(response: LightMyRequestResponse): T {
  return response.json() as T;
}
