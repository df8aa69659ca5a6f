import { bytea } from './imports.js';
import { index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './users.js';

/**
 * The discussion around a plan: comments and attachments (the adopted plan as PDF, minutes) on the
 * plan or on one of its goals, actions or indicators. They belong to the item through its versions:
 * series_id is the plan's series, item_id the series (for the plan) or the lineage id (for a goal,
 * action or indicator), so a revised plan keeps its discussion. item_type: 'plan' | 'goal' |
 * 'action' | 'indicator'.
 */
export const planComments = pgTable(
  'plan_comments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    seriesId: uuid('series_id').notNull(),
    itemType: text('item_type').notNull(),
    itemId: uuid('item_id').notNull(),
    body: text('body').notNull(),
    authorUserId: uuid('author_user_id').references(() => users.id, { onDelete: 'set null' }),
    authorName: text('author_name'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    editedAt: timestamp('edited_at', { withTimezone: true }),
  },
  (t) => [index('plan_comments_series_idx').on(t.seriesId, t.createdAt)],
);

export const planAttachments = pgTable(
  'plan_attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    seriesId: uuid('series_id').notNull(),
    itemType: text('item_type').notNull(),
    itemId: uuid('item_id').notNull(),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    content: bytea('content').notNull(),
    uploadedByUserId: uuid('uploaded_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    uploadedByName: text('uploaded_by_name'),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('plan_attachments_series_idx').on(t.seriesId, t.uploadedAt)],
);
