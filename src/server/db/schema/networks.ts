import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { bytea } from './imports.js';
import { units } from './organisation.js';
import { users } from './users.js';

/** A network of units (such as HBTQ-nätverket) that drives the work and exchanges experience. */
export const networks = pgTable(
  'networks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    description: text('description'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('networks_name_unique').on(sql`lower(${t.name})`)],
);

/** A member unit of a network, with its contact person (a user; null when that user was removed). */
export const networkMembers = pgTable(
  'network_members',
  {
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    contactUserId: uuid('contact_user_id').references(() => users.id, { onDelete: 'set null' }),
    joinedAt: timestamp('joined_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.networkId, t.unitId] }),
    index('network_members_unit_idx').on(t.unitId),
    index('network_members_contact_idx').on(t.contactUserId),
  ],
);

/** A meeting of the network: when, where, its agenda and (afterwards) its minutes. */
export const networkMeetings = pgTable(
  'network_meetings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    place: text('place').notNull(),
    agenda: text('agenda'),
    minutes: text('minutes'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('network_meetings_network_idx').on(t.networkId, t.startsAt)],
);

/**
 * A file: an attachment of a meeting (meeting_id set) or a shared document of the network
 * (meeting_id null). Checked and described by the documents helper.
 */
export const networkFiles = pgTable(
  'network_files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    meetingId: uuid('meeting_id').references(() => networkMeetings.id, { onDelete: 'cascade' }),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    content: bytea('content').notNull(),
    uploadedByUserId: uuid('uploaded_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    uploadedByName: text('uploaded_by_name'),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('network_files_network_idx').on(t.networkId, t.meetingId, t.uploadedAt)],
);

/** A shared link of the network. */
export const networkLinks = pgTable(
  'network_links',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    url: text('url').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('network_links_network_idx').on(t.networkId, t.createdAt)],
);

/**
 * An invitation of a unit to a network. status: 'sent' | 'accepted' | 'declined' | 'withdrawn'.
 * At most one open ('sent') invitation per network and unit.
 */
export const networkInvitations = pgTable(
  'network_invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    status: text('status').notNull().default('sent'),
    message: text('message'),
    invitedByUserId: uuid('invited_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
    answeredByUserId: uuid('answered_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    answeredByName: text('answered_by_name'),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    declineReason: text('decline_reason'),
  },
  (t) => [
    check('network_invitations_status_check', sql`${t.status} in ('sent', 'accepted', 'declined', 'withdrawn')`),
    uniqueIndex('network_invitations_one_open')
      .on(t.networkId, t.unitId)
      .where(sql`${t.status} = 'sent'`),
    index('network_invitations_unit_idx').on(t.unitId, t.status),
  ],
);
