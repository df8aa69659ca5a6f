import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createDatabaseContext } from '../../../test/support/context.js';
import { startSmtpSink } from '../../../test/support/smtp.js';
import { testClock, testConfig } from '../../../test/support/app.js';
import { createTestDatabase, truncateAll } from '../../../test/support/database.js';
import type { Database } from '../db/client.js';
import { createMailer } from './outbox.js';

/** The real SMTP path: SMTP_URL -> nodemailer -> a server on localhost. */
describe('mail over SMTP', () => {
  let database: Database;
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  beforeAll(async () => {
    database = await createTestDatabase();
    sink = await startSmtpSink();
  });
  afterAll(async () => {
    await sink?.close();
    await database?.close();
  });

  it('sends what the outbox holds, retries a refused message later, and marks both sent', async () => {
    await truncateAll(database);
    const clock = testClock();
    const config = testConfig({ smtpUrl: sink.url, mailFrom: 'Inkludera <inkludera@kommun.example>' });
    const ctx = createDatabaseContext(database, clock, config);
    const mailer = createMailer(ctx);
    expect(mailer.smtpConfigured).toBe(true);
    await mailer.enqueue(database.db, [
      { to: 'anna@example.se', subject: 'Påminnelse', body: 'Utbildningen börjar på måndag.' },
      { to: 'bo@example.se', subject: 'Välkommen', body: 'Hej Bo!' },
    ]);

    sink.failNext(1);
    expect(await mailer.deliverPending()).toEqual({ sent: 1, failed: 1 });
    expect(sink.received).toHaveLength(1);
    clock.advance(2 * 60_000);
    expect(await mailer.deliverPending()).toEqual({ sent: 1, failed: 0 });

    expect(sink.received.map((m) => m.to).flat().sort()).toEqual(['anna@example.se', 'bo@example.se']);
    expect(sink.received.every((m) => m.from === 'inkludera@kommun.example')).toBe(true);
    const anna = sink.received.find((m) => m.to.includes('anna@example.se'))!;
    expect(anna.data).toMatch(/Subject: =\?UTF-8\?Q\?P=C3=A5minnelse\?=|Subject: Påminnelse/);
    // One of the two was refused once: sent on its second attempt.
    const rows = await database.db.execute<{ status: string; attempts: number }>(sql`select status, attempts from outbox order by attempts`);
    expect(rows.rows).toEqual([
      { status: 'sent', attempts: 1 },
      { status: 'sent', attempts: 2 },
    ]);
  });
});
