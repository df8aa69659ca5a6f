import type { Actor, AppContext } from '../../context.js';
import { conflict, notFound } from '../../http/errors.js';
import { recordAudit } from '../audit/service.js';
import { authorize } from './policy.js';
import * as repo from './repository.js';

export type OutboxQuery = { page: number; pageSize: number; q?: string; status?: 'pending' | 'sent' | 'failed' };

/* The messages hold people's addresses and what was said to them, so every read is on record (DOMAIN.md). */

export async function listMessages(ctx: AppContext, actor: Actor, query: OutboxQuery) {
  authorize(actor, 'read');
  const now = ctx.clock.now();
  const { items, total } = await repo.listMessages(ctx.db, { status: query.status, q: query.q || undefined }, query.pageSize, (query.page - 1) * query.pageSize);
  if (items.length > 0) {
    await recordAudit(ctx.db, actor, { action: 'read', entityType: 'outbox', after: { ids: items.map((i) => i.id) } }, now);
  }
  return { items, total, page: query.page, pageSize: query.pageSize };
}

export async function getMessage(ctx: AppContext, actor: Actor, id: string) {
  authorize(actor, 'read');
  const row = await repo.findMessage(ctx.db, id);
  if (!row) throw notFound();
  await recordAudit(ctx.db, actor, { action: 'read', entityType: 'outbox', entityId: id }, ctx.clock.now());
  return row;
}

export async function retryMessage(ctx: AppContext, actor: Actor, id: string) {
  authorize(actor, 'retry');
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const before = await repo.findMessage(tx, id);
    if (!before) throw notFound();
    const row = await repo.requeueFailed(tx, id, now);
    if (!row) throw conflict('outbox_not_failed');
    await recordAudit(
      tx,
      actor,
      { action: 'retry', entityType: 'outbox', entityId: id, before: { status: before.status, attempts: before.attempts }, after: { status: row.status, attempts: row.attempts } },
      now,
    );
    return row;
  });
}
