import { z } from 'zod';
import { requiredText } from './common.js';

/**
 * The discussion around a plan: comments and attachments on the plan or on one of its goals,
 * actions or indicators. An item is named by its type and its id in any version: the plan's id, or
 * the goal's, action's or indicator's; the discussion follows the item through the plan's versions.
 * See docs/plans.md.
 */

export const discussionItemTypes = ['plan', 'goal', 'action', 'indicator'] as const;
export type DiscussionItemType = (typeof discussionItemTypes)[number];

/** At most this many attachments on one plan (through all its versions). */
export const planAttachmentsMax = 100;

const item = {
  itemType: z.enum(discussionItemTypes),
  /** The plan's series id (itemType plan), or the goal's, action's or indicator's lineage id. */
  itemKey: z.uuid(),
};

export const planComment = z.object({
  id: z.uuid(),
  ...item,
  body: z.string(),
  authorName: z.string().nullable(),
  createdAt: z.string(),
  editedAt: z.string().nullable(),
  /** The actor wrote it: may change it. */
  mine: z.boolean(),
  /** The actor may remove it: the author, or someone who may delete the plan. */
  removable: z.boolean(),
});
export type PlanComment = z.infer<typeof planComment>;

export const planAttachment = z.object({
  id: z.uuid(),
  ...item,
  fileName: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  uploadedByName: z.string().nullable(),
  uploadedAt: z.string(),
  removable: z.boolean(),
});
export type PlanAttachment = z.infer<typeof planAttachment>;

export const planDiscussion = z.object({
  comments: z.array(planComment),
  attachments: z.array(planAttachment),
  /** The actor may attach files (those who may change the plan). */
  canAttach: z.boolean(),
});
export type PlanDiscussion = z.infer<typeof planDiscussion>;

/** The item is named by its id in the plan's version at hand: the plan's, a goal's, an action's or an indicator's. */
export const commentBody = z.object({
  itemType: z.enum(discussionItemTypes),
  itemId: z.uuid(),
  body: requiredText(4000),
});
export type CommentBody = z.input<typeof commentBody>;
export const updateCommentBody = z.object({ body: requiredText(4000) });
export type UpdateCommentBody = z.input<typeof updateCommentBody>;
export const attachmentQuery = z.object({ itemType: z.enum(discussionItemTypes), itemId: z.uuid() });
export type AttachmentQuery = z.input<typeof attachmentQuery>;
