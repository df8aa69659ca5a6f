import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import type { AppContext } from '../../context.js';
import { outbox } from '../../db/schema/index.js';
import { createMailer, maxAttempts, type Transport } from '../../mail/outbox.js';
import { testConfig, useTestApp } from '../../../../test/support/app.js';
import { signIn } from '../../../../test/support/factories.js';

const t = useTestApp();

const context = (overrides: Partial<AppContext> = {}): AppContext => ({
  db: t.database.db,
  dbKind: t.database.kind,
  clock: t.clock,
  config: testConfig(),
  ...overrides,
});

async function enqueue(...subjects: string[]) {
  for (const subject of subjects) {
    await t.app.mailer.enqueue(t.database.db, { to: 'anna@example.se', subject, body: `Hej! ${subject}` });
    // Distinct creation times, so "newest first" has one right answer.
    t.clock.advance(1000);
  }
  return t.database.db.select().from(outbox).orderBy(outbox.createdAt);
}

const failing: Transport = {
  send: async () => {
    throw new Error('421 mail.example.se busy');
  },
};

describe('delivering mail', () => {
  it('sends pending mail through the transport, once', async () => {
    await enqueue('Välkommen', 'Påminnelse');
    expect(await t.app.mailer.deliverPending()).toEqual({ sent: 2, failed: 0 });
    expect(t.sentMail.map((m) => m.subject)).toEqual(['Välkommen', 'Påminnelse']);
    const rows = await t.database.db.select().from(outbox);
    expect(rows.every((r) => r.status === 'sent' && r.attempts === 1 && r.sentAt !== null)).toBe(true);
    expect(await t.app.mailer.deliverPending()).toEqual({ sent: 0, failed: 0 });
    expect(t.sentMail).toHaveLength(2);
  });

  it('does not send a message twice when a second deliverer runs while the first is still sending', async () => {
    await enqueue('A', 'B', 'C');
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let sending!: () => void;
    const firstSendStarted = new Promise<void>((resolve) => (sending = resolve));
    const slow = createMailer(context(), {
      send: async (_from, message) => {
        sending();
        await gate;
        t.sentMail.push(message);
      },
    });
    const fast = createMailer(context(), { send: async (_from, message) => void t.sentMail.push(message) });

    const slowRun = slow.deliverPending();
    await firstSendStarted;
    expect(await fast.deliverPending()).toEqual({ sent: 0, failed: 0 });
    release();
    expect(await slowRun).toEqual({ sent: 3, failed: 0 });
    expect(t.sentMail.map((m) => m.subject)).toEqual(['A', 'B', 'C']);
  });

  it('tries a claimed message again once the claim has run out (a deliverer died mid-send)', async () => {
    await enqueue('Föräldralös');
    let hung!: () => void;
    const sendStarted = new Promise<void>((resolve) => (hung = resolve));
    const dying = createMailer(context(), {
      send: () => {
        hung();
        return new Promise(() => {});
      },
    });
    void dying.deliverPending();
    await sendStarted;
    expect(await t.app.mailer.deliverPending()).toEqual({ sent: 0, failed: 0 });
    t.clock.advance(10 * 60_000);
    expect(await t.app.mailer.deliverPending()).toEqual({ sent: 1, failed: 0 });
  });

  it('retries a failing transport with growing back-off, and gives up as failed after maxAttempts', async () => {
    const [message] = await enqueue('Kallelse');
    const mailer = createMailer(context(), failing);
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      expect(await mailer.deliverPending()).toEqual({ sent: 0, failed: 1 });
      const [row] = await t.database.db.select().from(outbox).where(eq(outbox.id, message.id));
      expect(row.attempts).toBe(attempt);
      expect(row.lastError).toBe('421 mail.example.se busy');
      if (attempt < maxAttempts) {
        expect(row.status).toBe('pending');
        const wait = 2 ** (attempt - 1) * 60_000;
        expect(row.nextAttemptAt.getTime() - t.clock.now().getTime()).toBe(wait);
        // Not due yet: nothing is tried.
        t.clock.advance(wait - 1);
        expect(await mailer.deliverPending()).toEqual({ sent: 0, failed: 0 });
        t.clock.advance(1);
      } else {
        expect(row.status).toBe('failed');
      }
    }
    t.clock.advance(365 * 86_400_000);
    expect(await mailer.deliverPending()).toEqual({ sent: 0, failed: 0 });
  });

  it('keeps whatever a transport throws readable', async () => {
    await enqueue('Konstigt fel');
    await createMailer(context(), { send: () => Promise.reject('plain text') }).deliverPending();
    t.clock.advance(60_000);
    await createMailer(context(), { send: () => Promise.reject(undefined) }).deliverPending();
    const [row] = await t.database.db.select().from(outbox);
    expect(row).toMatchObject({ attempts: 2, lastError: 'undefined', status: 'pending' });
  });

  it('without SMTP keeps the mail pending in the outbox', async () => {
    await enqueue('Utan SMTP');
    const mailer = createMailer(context({ config: testConfig({ smtpUrl: undefined }) }));
    expect(mailer.smtpConfigured).toBe(false);
    expect(await mailer.deliverPending()).toEqual({ sent: 0, failed: 0 });
    const [row] = await t.database.db.select().from(outbox);
    expect(row).toMatchObject({ status: 'pending', attempts: 0, sentAt: null });
  });

  it('sends nothing when the enqueueing transaction rolls back', async () => {
    await t.database.db
      .transaction(async (tx) => {
        await t.app.mailer.enqueue(tx, { to: 'x@example.se', subject: 'Ångrad', body: '-' });
        throw new Error('roll back');
      })
      .catch(() => {});
    expect(await t.database.db.select().from(outbox)).toEqual([]);
  });
});

describe('the outbox API', () => {
  it('lists newest first, filters by status and text, and shows one message', async () => {
    const { agent } = await signIn(t.app, t.database.db, 'administrator');
    const [oldest, middle, newest] = await enqueue('Första', 'Andra', 'Tredje');
    await t.database.db.update(outbox).set({ status: 'sent', sentAt: t.clock.now() }).where(eq(outbox.id, middle.id));

    const all = (await agent.get('/api/outbox')).json();
    expect(all).toMatchObject({ total: 3, page: 1, pageSize: 25 });
    expect(all.items.map((m: { subject: string }) => m.subject)).toEqual(['Tredje', 'Andra', 'Första']);
    expect(all.items[0]).toMatchObject({ toAddress: 'anna@example.se', status: 'pending', attempts: 0, lastError: null, sentAt: null, nextAttemptAt: newest.nextAttemptAt.toISOString() });
    expect(all.items[1].nextAttemptAt).toBeNull();

    const pending = (await agent.get('/api/outbox?status=pending')).json();
    expect(pending.items.map((m: { id: string }) => m.id)).toEqual([newest.id, oldest.id]);
    expect((await agent.get('/api/outbox?q=ANDRA')).json().items.map((m: { id: string }) => m.id)).toEqual([middle.id]);
    expect((await agent.get('/api/outbox?pageSize=1&page=3')).json().items.map((m: { id: string }) => m.id)).toEqual([oldest.id]);
    expect((await agent.get('/api/outbox?status=lost')).statusCode).toBe(400);

    const one = await agent.get(`/api/outbox/${middle.id}`);
    expect(one.json()).toMatchObject({ id: middle.id, subject: 'Andra', body: 'Hej! Andra', status: 'sent' });
    expect((await agent.get(`/api/outbox/${crypto.randomUUID()}`)).statusCode).toBe(404);
  });

  it('tells whether SMTP is configured', async () => {
    const { agent } = await signIn(t.app, t.database.db, 'administrator');
    expect((await agent.get('/api/outbox/info')).json()).toEqual({ smtpConfigured: true });

    const withoutSmtp = await buildApp({ database: t.database, config: testConfig({ smtpUrl: undefined }), clock: t.clock });
    try {
      const response = await withoutSmtp.inject({ method: 'GET', url: '/api/outbox/info', headers: { cookie: agent.cookieHeader() } });
      expect(response.json()).toEqual({ smtpConfigured: false });
    } finally {
      await withoutSmtp.close();
    }
  });

  it('puts a failed message back to pending with fresh attempts, and only a failed one', async () => {
    const { agent, user } = await signIn(t.app, t.database.db, 'administrator');
    const [failed, pending] = await enqueue('Misslyckad', 'Väntande');
    await t.database.db.update(outbox).set({ status: 'failed', attempts: maxAttempts, lastError: 'boom' }).where(eq(outbox.id, failed.id));

    const response = await agent.post(`/api/outbox/${failed.id}/retry`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: 'pending', attempts: 0, nextAttemptAt: t.clock.now().toISOString() });
    expect(await t.app.mailer.deliverPending()).toEqual({ sent: 2, failed: 0 });

    const notFailed = await agent.post(`/api/outbox/${pending.id}/retry`);
    expect([notFailed.statusCode, notFailed.json().error.code]).toEqual([409, 'outbox_not_failed']);
    expect((await agent.post(`/api/outbox/${crypto.randomUUID()}/retry`)).statusCode).toBe(404);

    const audit = (await agent.get(`/api/audit-log?entityType=outbox&action=retry`)).json();
    expect(audit.items).toHaveLength(1);
    expect(audit.items[0]).toMatchObject({ actorUserId: user.id, entityId: failed.id, before: { status: 'failed', attempts: maxAttempts }, after: { status: 'pending', attempts: 0 } });
  });

  it('is for administrators only', async () => {
    const { agent } = await signIn(t.app, t.database.db, 'training_coordinator');
    expect((await agent.get('/api/outbox')).statusCode).toBe(403);
    expect((await agent.get('/api/outbox/info')).statusCode).toBe(403);
  });
});
