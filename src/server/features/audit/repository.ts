import { and, count, desc, eq, gte, lt, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { auditLog } from '../../db/schema/index.js';

export type AuditInsert = typeof auditLog.$inferInsert;

export async function insertEntries(db: DbOrTx, entries: AuditInsert[]): Promise<void> {
  if (entries.length > 0) await db.insert(auditLog).values(entries);
}

export type AuditFilter = {
  entityType?: string;
  entityId?: string;
  action?: string;
  actorUserId?: string;
  from?: Date;
  toExclusive?: Date;
};

function where(filter: AuditFilter): SQL | undefined {
  return and(
    filter.entityType ? eq(auditLog.entityType, filter.entityType) : undefined,
    filter.entityId ? eq(auditLog.entityId, filter.entityId) : undefined,
    filter.action ? eq(auditLog.action, filter.action) : undefined,
    filter.actorUserId ? eq(auditLog.actorUserId, filter.actorUserId) : undefined,
    filter.from ? gte(auditLog.at, filter.from) : undefined,
    filter.toExclusive ? lt(auditLog.at, filter.toExclusive) : undefined,
  );
}

export async function listEntries(db: DbOrTx, filter: AuditFilter, limit: number, offset: number) {
  const condition = where(filter);
  const [items, [{ total }]] = await Promise.all([
    db.select().from(auditLog).where(condition).orderBy(desc(auditLog.at), desc(auditLog.id)).limit(limit).offset(offset),
    db.select({ total: count() }).from(auditLog).where(condition),
  ]);
  return { items, total };
}
