import { and, count, desc, eq, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { searchWords } from '../../db/lists.js';
import { outbox } from '../../db/schema/index.js';

export type OutboxRow = typeof outbox.$inferSelect;
export type OutboxFilter = { status?: string; q?: string };

function where(filter: OutboxFilter): SQL | undefined {
  return and(filter.status ? eq(outbox.status, filter.status) : undefined, ...searchWords(filter.q, [outbox.toAddress, outbox.subject]));
}

export async function listMessages(db: DbOrTx, filter: OutboxFilter, limit: number, offset: number) {
  const condition = where(filter);
  const [items, [{ total }]] = await Promise.all([
    db.select().from(outbox).where(condition).orderBy(desc(outbox.createdAt), desc(outbox.id)).limit(limit).offset(offset),
    db.select({ total: count() }).from(outbox).where(condition),
  ]);
  return { items, total: Number(total) };
}

export async function findMessage(db: DbOrTx, id: string): Promise<OutboxRow | undefined> {
  const [row] = await db.select().from(outbox).where(eq(outbox.id, id));
  return row;
}

/** Back to pending with a fresh set of attempts, only if it is failed now (two clicks retry once). */
export async function requeueFailed(db: DbOrTx, id: string, at: Date): Promise<OutboxRow | undefined> {
  const [row] = await db
    .update(outbox)
    .set({ status: 'pending', attempts: 0, nextAttemptAt: at })
    .where(and(eq(outbox.id, id), eq(outbox.status, 'failed')))
    .returning();
  return row;
}
