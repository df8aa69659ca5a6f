import type { Actor, AppContext } from '../../context.js';
import type { DbOrTx } from '../../db/client.js';
import type { ListQuery } from '#shared/contracts/common';
import { insertEntries, listEntries, type AuditFilter } from './repository.js';
import { dayAfter, stockholmMidnight } from '../employees/current.js';

export type AuditAction = 'create' | 'update' | 'delete' | 'read' | 'login' | 'logout' | 'login_failed' | (string & {});

export type AuditRecord = {
  action: AuditAction;
  entityType: string;
  entityId?: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
};

/** Fields that never go into the audit log, whatever entity they belong to. */
const secretFields = new Set(['passwordHash', 'tokenHash', 'password', 'token']);

function clean(value: Record<string, unknown> | null | undefined): Record<string, unknown> | null {
  if (!value) return null;
  const result: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (secretFields.has(key)) continue;
    result[key] = field instanceof Date ? field.toISOString() : field;
  }
  return result;
}

/** Only the fields that differ, so an update's entry says what changed. */
export function changedFields(before: Record<string, unknown>, after: Record<string, unknown>) {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const key of Object.keys(after)) {
    const was = before[key] instanceof Date ? (before[key] as Date).toISOString() : before[key];
    const now = after[key] instanceof Date ? (after[key] as Date).toISOString() : after[key];
    if (JSON.stringify(was) !== JSON.stringify(now)) {
      b[key] = was;
      a[key] = now;
    }
  }
  return { before: b, after: a, changed: Object.keys(a).length > 0 };
}

/** Write audit entries in the caller's transaction, so the change and its record stand or fall together. */
export async function recordAudit(
  tx: DbOrTx,
  actor: Pick<Actor, 'userId' | 'name'> | null,
  records: AuditRecord | AuditRecord[],
  at: Date,
): Promise<void> {
  const list = Array.isArray(records) ? records : [records];
  await recordAudits(
    tx,
    list.map((record) => ({ actor, record, at })),
  );
}

/** Entries of several actors and times in one statement: the same rows as recordAudit would write one by one. */
export async function recordAudits(
  db: DbOrTx,
  entries: { actor: Pick<Actor, 'userId' | 'name'> | null; record: AuditRecord; at: Date }[],
): Promise<void> {
  await insertEntries(
    db,
    entries.map(({ actor, record: r, at }) => ({
      at,
      actorUserId: actor?.userId ?? null,
      actorName: actor?.name ?? null,
      action: r.action,
      entityType: r.entityType,
      entityId: r.entityId ?? null,
      before: clean(r.before),
      after: clean(r.after),
    })),
  );
}

export type AuditQuery = ListQuery & Omit<AuditFilter, 'from' | 'toExclusive'> & { from?: string; to?: string };

export async function listAudit(ctx: AppContext, query: AuditQuery) {
  const { items, total } = await listEntries(
    ctx.db,
    {
      entityType: query.entityType,
      entityId: query.entityId,
      action: query.action,
      actorUserId: query.actorUserId,
      // The days are Stockholm's: an event at 00:30 there belongs to that day, whatever UTC says.
      from: query.from ? stockholmMidnight(query.from) : undefined,
      toExclusive: query.to ? stockholmMidnight(dayAfter(query.to)) : undefined,
    },
    query.pageSize,
    (query.page - 1) * query.pageSize,
  );
  return { items, total, page: query.page, pageSize: query.pageSize };
}
