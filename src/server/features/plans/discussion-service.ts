import type { Actor, AppContext } from '../../context.js';
import type { DbOrTx } from '../../db/client.js';
import { badRequest, conflict, forbidden, notFound } from '../../http/errors.js';
import { checkedDocument } from '../../http/documents.js';
import {
  planAttachmentsMax,
  type AttachmentQuery,
  type CommentBody,
  type DiscussionItemType,
  type PlanAttachment,
  type PlanComment,
  type PlanDiscussion,
} from '#shared/contracts/plan-discussion';
import type { Action } from '#shared/permissions';
import { recordAudit } from '../audit/service.js';
import { stockholmDate } from '../employees/current.js';
import { canRead, canWrite, type PlanPlace } from './policy.js';
import * as repo from './repository.js';
import * as dr from './discussion-repository.js';

/**
 * The discussion around a plan (see docs/plans.md): everyone who reads plans reads it and comments;
 * a comment is changed only by its author and removed by its author or by those who may delete the
 * plan; files are attached and removed by those who may change the plan (and removed by whoever
 * attached them).
 */

function requireRead(actor: Actor) {
  if (!canRead(actor)) throw forbidden();
}

const placeOf = (row: repo.PlanListRow): PlanPlace => ({
  scope: row.plan.scope,
  administrationId: row.plan.administrationId,
  unitId: row.plan.unitId,
  unitAdministrationId: row.unitAdministrationId,
});

async function planOf(db: DbOrTx, ctx: AppContext, id: string) {
  const row = await repo.findPlan(db, id, stockholmDate(ctx.clock.now()));
  if (!row) throw notFound();
  return row;
}

/** The newest version of the series the comment or attachment belongs to: whose place decides who may change it. */
async function latestOf(db: DbOrTx, ctx: AppContext, seriesId: string) {
  const id = await dr.latestVersionId(db, seriesId);
  if (!id) throw notFound();
  return planOf(db, ctx, id);
}

const may = (actor: Actor, action: Action, row: repo.PlanListRow) => canWrite(actor, action, placeOf(row));

function presentComment(c: dr.CommentRow, actor: Actor, plan: repo.PlanListRow): PlanComment {
  const mine = c.authorUserId === actor.userId;
  return {
    id: c.id,
    itemType: c.itemType as DiscussionItemType,
    itemKey: c.itemId,
    body: c.body,
    authorName: c.authorName,
    createdAt: c.createdAt.toISOString(),
    editedAt: c.editedAt?.toISOString() ?? null,
    mine,
    removable: mine || may(actor, 'delete', plan),
  };
}

function presentAttachment(a: dr.AttachmentRow, actor: Actor, plan: repo.PlanListRow): PlanAttachment {
  return {
    id: a.id,
    itemType: a.itemType as DiscussionItemType,
    itemKey: a.itemId,
    fileName: a.fileName,
    contentType: a.contentType,
    size: a.size,
    uploadedByName: a.uploadedByName,
    uploadedAt: a.uploadedAt.toISOString(),
    removable: a.uploadedByUserId === actor.userId || may(actor, 'update', plan),
  };
}

export async function getDiscussion(ctx: AppContext, actor: Actor, planId: string): Promise<PlanDiscussion> {
  requireRead(actor);
  const plan = await planOf(ctx.db, ctx, planId);
  const [comments, attachments] = await Promise.all([
    dr.commentsOf(ctx.db, plan.plan.seriesId),
    dr.attachmentsOf(ctx.db, plan.plan.seriesId),
  ]);
  return {
    comments: comments.map((c) => presentComment(c, actor, plan)),
    attachments: attachments.map((a) => presentAttachment(a, actor, plan)),
    canAttach: may(actor, 'update', plan),
  };
}

async function itemKey(db: DbOrTx, planId: string, item: { itemType: DiscussionItemType; itemId: string }, path: string) {
  const key = await dr.itemKeyOf(db, planId, item.itemType, item.itemId);
  if (!key) throw badRequest('validation_failed', [{ path, message: 'unknown_plan_item' }]);
  return key;
}

export async function addComment(ctx: AppContext, actor: Actor, planId: string, body: CommentBody): Promise<PlanComment> {
  requireRead(actor);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const plan = await planOf(tx, ctx, planId);
    const key = await itemKey(tx, planId, body, 'body.itemId');
    const created = await dr.insertComment(tx, {
      seriesId: plan.plan.seriesId,
      itemType: body.itemType,
      itemId: key,
      body: body.body,
      authorUserId: actor.userId,
      authorName: actor.name,
      createdAt: now,
    });
    await recordAudit(
      tx,
      actor,
      {
        action: 'comment',
        entityType: 'action_plan',
        entityId: planId,
        after: { comment: created.id, itemType: body.itemType, itemKey: key, body: body.body },
      },
      now,
    );
    return presentComment(created, actor, plan);
  });
}

export async function updateComment(ctx: AppContext, actor: Actor, id: string, body: string): Promise<PlanComment> {
  requireRead(actor);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const found = await dr.findComment(tx, id, 'update');
    if (!found) throw notFound();
    if (found.authorUserId !== actor.userId) throw forbidden('not_comment_author');
    const plan = await latestOf(tx, ctx, found.seriesId);
    const updated = await dr.updateComment(tx, id, body, now);
    await recordAudit(
      tx,
      actor,
      {
        action: 'update_comment',
        entityType: 'action_plan',
        entityId: plan.plan.id,
        before: { comment: id, body: found.body },
        after: { comment: id, body },
      },
      now,
    );
    return presentComment(updated, actor, plan);
  });
}

export async function removeComment(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  requireRead(actor);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const found = await dr.findComment(tx, id, 'update');
    if (!found) throw notFound();
    const plan = await latestOf(tx, ctx, found.seriesId);
    if (found.authorUserId !== actor.userId && !may(actor, 'delete', plan)) throw forbidden();
    await dr.deleteComment(tx, id);
    await recordAudit(
      tx,
      actor,
      {
        action: 'remove_comment',
        entityType: 'action_plan',
        entityId: plan.plan.id,
        before: { comment: id, authorName: found.authorName, body: found.body },
      },
      now,
    );
  });
}

export async function attach(
  ctx: AppContext,
  actor: Actor,
  planId: string,
  item: AttachmentQuery,
  file: { name: string; bytes: Uint8Array },
): Promise<PlanAttachment> {
  requireRead(actor);
  const document = checkedDocument(file, 'attachment_file_type');
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const plan = await planOf(tx, ctx, planId);
    if (!may(actor, 'update', plan)) throw forbidden();
    const key = await itemKey(tx, planId, item, 'querystring.itemId');
    if ((await dr.attachmentCount(tx, plan.plan.seriesId)) >= planAttachmentsMax) throw conflict('attachments_too_many');
    const created = await dr.insertAttachment(tx, {
      seriesId: plan.plan.seriesId,
      itemType: item.itemType,
      itemId: key,
      ...document,
      uploadedByUserId: actor.userId,
      uploadedByName: actor.name,
      uploadedAt: now,
    });
    await recordAudit(
      tx,
      actor,
      {
        action: 'attach',
        entityType: 'action_plan',
        entityId: planId,
        after: { itemType: item.itemType, itemKey: key, file: created.fileName, size: created.size, sha256: created.sha256 },
      },
      now,
    );
    return presentAttachment(created, actor, plan);
  });
}

/** A file with its content, for download by anyone who reads plans. */
export async function attachmentContent(ctx: AppContext, actor: Actor, id: string) {
  requireRead(actor);
  const found = await dr.findAttachment(ctx.db, id, true);
  if (!found?.content) throw notFound();
  return { ...found, content: found.content };
}

export async function removeAttachment(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  requireRead(actor);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const found = await dr.findAttachment(tx, id, false);
    if (!found) throw notFound();
    const plan = await latestOf(tx, ctx, found.seriesId);
    if (found.uploadedByUserId !== actor.userId && !may(actor, 'update', plan)) throw forbidden();
    await dr.deleteAttachment(tx, id);
    await recordAudit(
      tx,
      actor,
      {
        action: 'detach',
        entityType: 'action_plan',
        entityId: plan.plan.id,
        before: { itemType: found.itemType, itemKey: found.itemId, file: found.fileName, size: found.size, sha256: found.sha256 },
      },
      now,
    );
  });
}
