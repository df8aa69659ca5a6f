import nodemailer from 'nodemailer';
import { and, asc, eq, inArray, lte } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import type { DbOrTx } from '../db/client.js';
import { outbox } from '../db/schema/index.js';

export type MailMessage = { to: string; subject: string; body: string };
export type Transport = { send: (from: string, message: MailMessage) => Promise<void> };

/**
 * The one way to send mail. A message is written to the outbox in the caller's transaction (so a
 * rolled-back change sends nothing); a job delivers it. Without SMTP_URL messages stay in the
 * outbox, where an administrator reads them.
 */
export type Mailer = {
  enqueue: (tx: DbOrTx, message: MailMessage | MailMessage[]) => Promise<void>;
  deliverPending: (limit?: number) => Promise<{ sent: number; failed: number }>;
  smtpConfigured: boolean;
};

export const maxAttempts = 8;
/** How long a claimed message is left alone by other deliverers; far longer than one SMTP send may take. */
const claimLeaseMs = 10 * 60_000;

/** Whatever a transport throws (an Error, a string, nothing), as a short line for the admin page. */
function describeError(error: unknown): string {
  const message = (error as { message?: unknown } | null | undefined)?.message;
  const text = typeof message === 'string' ? message : typeof error === 'string' ? error : String(error);
  return (text || 'unknown error').slice(0, 500);
}

export function smtpTransport(smtpUrl: string): Transport {
  const transporter = nodemailer.createTransport(smtpUrl);
  return {
    send: async (from, message) => {
      await transporter.sendMail({ from, to: message.to, subject: message.subject, text: message.body });
    },
  };
}

/**
 * Writes messages to the outbox in the caller's transaction: how a service sends mail (a rolled-back
 * change sends nothing). The delivery job of the running server picks them up.
 */
export async function enqueueMail(ctx: Pick<AppContext, 'clock'>, tx: DbOrTx, message: MailMessage | MailMessage[]) {
  const list = Array.isArray(message) ? message : [message];
  if (list.length === 0) return;
  const now = ctx.clock.now();
  await tx
    .insert(outbox)
    .values(list.map((m) => ({ toAddress: m.to, subject: m.subject, body: m.body, createdAt: now, nextAttemptAt: now })));
}

export function createMailer(ctx: AppContext, transport?: Transport): Mailer {
  const sender = transport ?? (ctx.config.smtpUrl ? smtpTransport(ctx.config.smtpUrl) : undefined);
  return {
    smtpConfigured: sender !== undefined,
    enqueue: (tx, message) => enqueueMail(ctx, tx, message),
    async deliverPending(limit = 50) {
      if (!sender) return { sent: 0, failed: 0 };
      const now = ctx.clock.now();
      // Claim the due messages in one statement: their next attempt moves past the lease, so a
      // second server process (or an overlapping run) skips them instead of sending them twice.
      // A process that dies mid-send leaves them to be tried again when the lease runs out.
      const leaseUntil = new Date(now.getTime() + claimLeaseMs);
      const dueIds = ctx.db
        .select({ id: outbox.id })
        .from(outbox)
        .where(and(eq(outbox.status, 'pending'), lte(outbox.nextAttemptAt, now)))
        .orderBy(asc(outbox.createdAt))
        .limit(limit)
        .for('update', { skipLocked: true });
      const claimed = await ctx.db
        .update(outbox)
        .set({ nextAttemptAt: leaseUntil })
        .where(inArray(outbox.id, dueIds))
        .returning();
      const due = claimed.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
      let sent = 0;
      let failed = 0;
      for (const row of due) {
        try {
          await sender.send(ctx.config.mailFrom, { to: row.toAddress, subject: row.subject, body: row.body });
          await ctx.db
            .update(outbox)
            .set({ status: 'sent', sentAt: ctx.clock.now(), attempts: row.attempts + 1, lastError: null })
            .where(eq(outbox.id, row.id));
          sent++;
        } catch (error) {
          failed++;
          const attempts = row.attempts + 1;
          // Back off: 1, 2, 4 ... minutes; give up after maxAttempts.
          const retryAt = new Date(ctx.clock.now().getTime() + 2 ** (attempts - 1) * 60_000);
          await ctx.db
            .update(outbox)
            .set({
              attempts,
              lastError: describeError(error),
              status: attempts >= maxAttempts ? 'failed' : 'pending',
              nextAttemptAt: retryAt,
            })
            .where(eq(outbox.id, row.id));
        }
      }
      return { sent, failed };
    },
  };
}
