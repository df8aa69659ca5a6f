import { and, asc, count, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { actionPlans, planActions, planAttachments, planComments, planGoals, planIndicators } from '../../db/schema/index.js';
import type { DiscussionItemType } from '#shared/contracts/plan-discussion';

export type CommentRow = typeof planComments.$inferSelect;

const listedAttachment = {
  id: planAttachments.id,
  seriesId: planAttachments.seriesId,
  itemType: planAttachments.itemType,
  itemId: planAttachments.itemId,
  fileName: planAttachments.fileName,
  contentType: planAttachments.contentType,
  size: planAttachments.size,
  sha256: planAttachments.sha256,
  uploadedByUserId: planAttachments.uploadedByUserId,
  uploadedByName: planAttachments.uploadedByName,
  uploadedAt: planAttachments.uploadedAt,
};
export type AttachmentRow = { [K in keyof typeof listedAttachment]: (typeof planAttachments.$inferSelect)[K] };

/**
 * The key an item's discussion is kept under: the plan's series, or the goal's, action's or
 * indicator's lineage; only when the item belongs to this plan version. Null: not an item of the plan.
 */
export async function itemKeyOf(db: DbOrTx, planId: string, itemType: DiscussionItemType, itemId: string) {
  const query = {
    plan: sql`select series_id as key from ${actionPlans} where id = ${itemId}::uuid and id = ${planId}::uuid`,
    goal: sql`select lineage_id as key from ${planGoals} where id = ${itemId}::uuid and plan_id = ${planId}::uuid`,
    action: sql`select a.lineage_id as key from ${planActions} a join ${planGoals} g on g.id = a.goal_id
                 where a.id = ${itemId}::uuid and g.plan_id = ${planId}::uuid`,
    indicator: sql`select i.lineage_id as key from ${planIndicators} i join ${planGoals} g on g.id = i.goal_id
                    where i.id = ${itemId}::uuid and g.plan_id = ${planId}::uuid`,
  }[itemType];
  const result = await db.execute<{ key: string }>(query);
  return result.rows[0]?.key ?? null;
}

export async function commentsOf(db: DbOrTx, seriesId: string): Promise<CommentRow[]> {
  return db
    .select()
    .from(planComments)
    .where(eq(planComments.seriesId, seriesId))
    .orderBy(asc(planComments.createdAt), asc(planComments.id));
}

export async function findComment(db: DbOrTx, id: string, lock?: 'update'): Promise<CommentRow | undefined> {
  const query = db.select().from(planComments).where(eq(planComments.id, id));
  const [row] = lock ? await query.for(lock) : await query;
  return row;
}

export async function insertComment(db: DbOrTx, values: typeof planComments.$inferInsert): Promise<CommentRow> {
  const [row] = await db.insert(planComments).values(values).returning();
  return row!;
}

export async function updateComment(db: DbOrTx, id: string, body: string, editedAt: Date): Promise<CommentRow> {
  const [row] = await db.update(planComments).set({ body, editedAt }).where(eq(planComments.id, id)).returning();
  return row!;
}

export async function deleteComment(db: DbOrTx, id: string): Promise<void> {
  await db.delete(planComments).where(eq(planComments.id, id));
}

export async function attachmentsOf(db: DbOrTx, seriesId: string): Promise<AttachmentRow[]> {
  return db
    .select(listedAttachment)
    .from(planAttachments)
    .where(eq(planAttachments.seriesId, seriesId))
    .orderBy(asc(planAttachments.uploadedAt), asc(planAttachments.fileName));
}

export async function attachmentCount(db: DbOrTx, seriesId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(planAttachments).where(eq(planAttachments.seriesId, seriesId));
  return row?.n ?? 0;
}

export async function findAttachment(db: DbOrTx, id: string, withContent: boolean) {
  const [row] = await db
    .select({ ...listedAttachment, ...(withContent ? { content: planAttachments.content } : {}) })
    .from(planAttachments)
    .where(eq(planAttachments.id, id));
  return row as (AttachmentRow & { content?: Uint8Array }) | undefined;
}

export async function insertAttachment(db: DbOrTx, values: typeof planAttachments.$inferInsert): Promise<AttachmentRow> {
  const [row] = await db.insert(planAttachments).values(values).returning(listedAttachment);
  return row!;
}

export async function deleteAttachment(db: DbOrTx, id: string): Promise<void> {
  await db.delete(planAttachments).where(eq(planAttachments.id, id));
}

/** The newest version of a series: the plan a comment or attachment is checked against. */
export async function latestVersionId(db: DbOrTx, seriesId: string): Promise<string | null> {
  const [row] = await db
    .select({ id: actionPlans.id })
    .from(actionPlans)
    .where(eq(actionPlans.seriesId, seriesId))
    .orderBy(sql`${actionPlans.version} desc`)
    .limit(1);
  return row?.id ?? null;
}

/** A plan deleted as its only version takes its discussion with it. */
export async function deleteDiscussionOfSeries(db: DbOrTx, seriesId: string): Promise<void> {
  const [left] = await db.select({ n: count() }).from(actionPlans).where(eq(actionPlans.seriesId, seriesId));
  if ((left?.n ?? 0) > 0) return;
  await db.delete(planComments).where(eq(planComments.seriesId, seriesId));
  await db.delete(planAttachments).where(and(eq(planAttachments.seriesId, seriesId)));
}
