import { and, count, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
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
  /** First day (YYYY-MM-DD) taken in, from its midnight in Stockholm. */
  from?: string;
  /** Last day (YYYY-MM-DD) taken in, to its end in Stockholm. */
  to?: string;
};

// A day in the filter is the day the municipality lives, not UTC's: an event at 00:30 in Stockholm
// belongs to that date even though UTC still says the day before.
const stockholmMidnight = (day: SQL) => sql`(${day})::timestamp at time zone 'Europe/Stockholm'`;

function where(filter: AuditFilter): SQL | undefined {
  return and(
    filter.entityType ? eq(auditLog.entityType, filter.entityType) : undefined,
    filter.entityId ? eq(auditLog.entityId, filter.entityId) : undefined,
    filter.action ? eq(auditLog.action, filter.action) : undefined,
    filter.actorUserId ? eq(auditLog.actorUserId, filter.actorUserId) : undefined,
    filter.from ? gte(auditLog.at, stockholmMidnight(sql`${filter.from}::date`)) : undefined,
    filter.to ? lt(auditLog.at, stockholmMidnight(sql`${filter.to}::date + 1`)) : undefined,
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
