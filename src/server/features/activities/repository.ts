import { and, asc, between, eq, inArray, or } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import {
  activities,
  activityBreaks,
  activityHeadcounts,
  activityHosts,
  activityOccurrenceChanges,
  userRoles,
  users,
} from '../../db/schema/index.js';

export type ActivityRow = typeof activities.$inferSelect;
export type BreakRow = typeof activityBreaks.$inferSelect;
export type ChangeRow = typeof activityOccurrenceChanges.$inferSelect;
export type HeadcountRow = typeof activityHeadcounts.$inferSelect;

export async function listActivities(db: DbOrTx, onlyHostedBy?: string) {
  const query = db.select().from(activities);
  const filtered = onlyHostedBy
    ? query.where(
        inArray(
          activities.id,
          db.select({ id: activityHosts.activityId }).from(activityHosts).where(eq(activityHosts.userId, onlyHostedBy)),
        ),
      )
    : query;
  return filtered.orderBy(asc(activities.name), asc(activities.id));
}

export async function findActivity(db: DbOrTx, id: string, lock?: 'update') {
  const query = db.select().from(activities).where(eq(activities.id, id));
  const [row] = lock ? await query.for(lock) : await query;
  return row;
}

export async function breaksOf(db: DbOrTx, activityIds: string[]) {
  if (activityIds.length === 0) return [];
  return db
    .select()
    .from(activityBreaks)
    .where(inArray(activityBreaks.activityId, activityIds))
    .orderBy(asc(activityBreaks.fromDate), asc(activityBreaks.id));
}

export async function hostsOf(db: DbOrTx, activityIds: string[]) {
  if (activityIds.length === 0) return [];
  return db
    .select({ activityId: activityHosts.activityId, userId: activityHosts.userId, name: users.name })
    .from(activityHosts)
    .innerJoin(users, eq(users.id, activityHosts.userId))
    .where(inArray(activityHosts.activityId, activityIds))
    .orderBy(asc(users.name), asc(users.id));
}

/** The exceptions of the activities whose scheduled date or new date falls in the range. */
export async function changesBetween(db: DbOrTx, activityIds: string[], from: string, to: string) {
  if (activityIds.length === 0) return [];
  return db
    .select()
    .from(activityOccurrenceChanges)
    .where(
      and(
        inArray(activityOccurrenceChanges.activityId, activityIds),
        or(between(activityOccurrenceChanges.scheduledDate, from, to), between(activityOccurrenceChanges.date, from, to)),
      ),
    );
}

export async function findChange(db: DbOrTx, activityId: string, scheduledDate: string) {
  const [row] = await db
    .select()
    .from(activityOccurrenceChanges)
    .where(and(eq(activityOccurrenceChanges.activityId, activityId), eq(activityOccurrenceChanges.scheduledDate, scheduledDate)));
  return row;
}

export async function headcountsOf(db: DbOrTx, activityId: string, scheduledDates: string[]) {
  if (scheduledDates.length === 0) return [];
  return db
    .select()
    .from(activityHeadcounts)
    .where(and(eq(activityHeadcounts.activityId, activityId), inArray(activityHeadcounts.scheduledDate, scheduledDates)));
}

export async function findHeadcount(db: DbOrTx, activityId: string, scheduledDate: string) {
  const [row] = await db
    .select()
    .from(activityHeadcounts)
    .where(and(eq(activityHeadcounts.activityId, activityId), eq(activityHeadcounts.scheduledDate, scheduledDate)));
  return row;
}

/** Active users with the activity_host role, among the given ids (or all, without ids). */
export async function hostUsers(db: DbOrTx, ids?: string[]) {
  if (ids && ids.length === 0) return [];
  return db
    .selectDistinct({ userId: users.id, name: users.name, email: users.email })
    .from(users)
    .innerJoin(userRoles, and(eq(userRoles.userId, users.id), eq(userRoles.role, 'activity_host')))
    .where(and(eq(users.active, true), ids ? inArray(users.id, ids) : undefined))
    .orderBy(asc(users.name), asc(users.id));
}

export async function replaceBreaksAndHosts(
  tx: DbOrTx,
  activityId: string,
  breaks: { fromDate: string; toDate: string; label: string | null }[],
  hostIds: string[],
) {
  await tx.delete(activityBreaks).where(eq(activityBreaks.activityId, activityId));
  await tx.delete(activityHosts).where(eq(activityHosts.activityId, activityId));
  if (breaks.length > 0) await tx.insert(activityBreaks).values(breaks.map((b) => ({ activityId, ...b })));
  if (hostIds.length > 0) await tx.insert(activityHosts).values(hostIds.map((userId) => ({ activityId, userId })));
}

/** Every exception of the activities (for the statistics over their whole history). */
export async function changesOf(db: DbOrTx, activityIds: string[]) {
  if (activityIds.length === 0) return [];
  return db.select().from(activityOccurrenceChanges).where(inArray(activityOccurrenceChanges.activityId, activityIds));
}

/** The numbers of every headcount of the activities: only what the statistics sum. */
export async function headcountNumbers(db: DbOrTx, activityIds: string[]) {
  if (activityIds.length === 0) return [];
  return db
    .select({
      activityId: activityHeadcounts.activityId,
      scheduledDate: activityHeadcounts.scheduledDate,
      visitors: activityHeadcounts.visitors,
      firstTimeVisitors: activityHeadcounts.firstTimeVisitors,
    })
    .from(activityHeadcounts)
    .where(inArray(activityHeadcounts.activityId, activityIds));
}
