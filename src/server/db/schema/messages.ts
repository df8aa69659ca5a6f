import { boolean, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { administrations } from './organisation.js';
import { users } from './users.js';

/**
 * A citizen's message (synpunkt). What the sender wrote and, only if they chose to give them, a
 * name and an email for a reply: nothing else about the sender (no address, no user agent; see
 * docs/messages.md). code: 80 random bits in Crockford base32, with
 * which the sender reads the status and the answer. status: 'new' | 'in_progress' | 'answered' | 'closed'.
 * The due times are computed on working days when the message arrives.
 */
export const citizenMessages = pgTable(
  'citizen_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull(),
    kind: text('kind').notNull(),
    subject: text('subject').notNull(),
    administrationId: uuid('administration_id').references(() => administrations.id, { onDelete: 'set null' }),
    text: text('text').notNull(),
    contactName: text('contact_name'),
    contactEmail: text('contact_email'),
    status: text('status').notNull().default('new'),
    /** Marked hateful by staff: hidden from the inbox (shown only when asked for) and from the public. */
    hateful: boolean('hateful').notNull().default(false),
    assignedUserId: uuid('assigned_user_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    acknowledgeBy: timestamp('acknowledge_by', { withTimezone: true }).notNull(),
    answerBy: timestamp('answer_by', { withTimezone: true }).notNull(),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
    answer: text('answer'),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    answeredByName: text('answered_by_name'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    /** When the retention job removed the name and email (they were given and are now gone). */
    contactRemovedAt: timestamp('contact_removed_at', { withTimezone: true }),
    /** When the retention job removed the text, the answer and the notes: text is then '' and answer null. */
    textRemovedAt: timestamp('text_removed_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('citizen_messages_code_unique').on(t.code),
    index('citizen_messages_created_idx').on(t.createdAt),
    index('citizen_messages_administration_idx').on(t.administrationId, t.createdAt),
    index('citizen_messages_closed_idx').on(t.closedAt),
  ],
);

/** Staff's internal notes on a message; never shown to the sender. */
export const citizenMessageNotes = pgTable(
  'citizen_message_notes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    messageId: uuid('message_id')
      .notNull()
      .references(() => citizenMessages.id, { onDelete: 'cascade' }),
    text: text('text').notNull(),
    authorUserId: uuid('author_user_id').references(() => users.id, { onDelete: 'set null' }),
    authorName: text('author_name'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('citizen_message_notes_message_idx').on(t.messageId, t.createdAt)],
);

/**
 * The key that signs the time a message form was handed out (the minimum time to fill it in):
 * one row, made by the first server process that needs it, shared by every process on the database.
 */
export const citizenMessageFormKeys = pgTable('citizen_message_form_keys', {
  id: integer('id').primaryKey().default(1),
  secret: text('secret').notNull(),
});

/**
 * How long what a citizen sent is kept (one row, id 1, inserted by the migration), counted in whole
 * days from the day the message was closed (a hateful one never closed: from the day it arrived):
 * the name and email, and the text with its answer and notes. The public form states these numbers.
 */
export const citizenMessageSettings = pgTable('citizen_message_settings', {
  id: integer('id').primaryKey().default(1),
  contactRetentionDays: integer('contact_retention_days').notNull().default(90),
  textRetentionDays: integer('text_retention_days').notNull().default(730),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * A message linked to an action of a plan, so that a problem raised leads somewhere. The link is to
 * the action's lineage (the same action through the plan's versions, decision 0011), so it stays when
 * the plan is revised; plan_series_id is the plan's series the lineage belongs to. Several per message.
 */
export const citizenMessageActionLinks = pgTable(
  'citizen_message_action_links',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    messageId: uuid('message_id')
      .notNull()
      .references(() => citizenMessages.id, { onDelete: 'cascade' }),
    actionLineageId: uuid('action_lineage_id').notNull(),
    planSeriesId: uuid('plan_series_id').notNull(),
    linkedByUserId: uuid('linked_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    linkedByName: text('linked_by_name'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('citizen_message_action_links_unique').on(t.messageId, t.actionLineageId),
    index('citizen_message_action_links_lineage_idx').on(t.actionLineageId),
  ],
);

/**
 * An answered message published among the examples on the public site: a public wording of the
 * question and of the answer that staff edited (never the sender's name or email). One per message;
 * removed when it is unpublished, marked hateful, or when the retention job removes the message's text.
 */
export const citizenMessageExamples = pgTable(
  'citizen_message_examples',
  {
    messageId: uuid('message_id')
      .primaryKey()
      .references(() => citizenMessages.id, { onDelete: 'cascade' }),
    question: text('question').notNull(),
    answer: text('answer').notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull(),
    publishedByUserId: uuid('published_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    publishedByName: text('published_by_name'),
  },
  (t) => [index('citizen_message_examples_published_idx').on(t.publishedAt)],
);
