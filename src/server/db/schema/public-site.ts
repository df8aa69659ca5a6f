import { sql } from 'drizzle-orm';
import { check, date, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './users.js';

/**
 * The public site's texts, which the administrator edits (one row, id 1): the start page's text
 * about the municipality's work, and the accessibility statement (tillgänglighetsredogörelse, after
 * DIGG's model). accessibility_status: 'full' | 'partial' | 'none' (how far the site complies with
 * the law on accessibility of digital public services). See docs/public-site.md.
 */
export const publicSiteSettings = pgTable(
  'public_site_settings',
  {
    id: integer('id').primaryKey().default(1),
    introSv: text('intro_sv').notNull(),
    introEn: text('intro_en').notNull(),
    accessibilityStatus: text('accessibility_status').notNull().default('partial'),
    shortcomingsSv: text('shortcomings_sv').notNull().default(''),
    shortcomingsEn: text('shortcomings_en').notNull().default(''),
    testingSv: text('testing_sv').notNull().default(''),
    testingEn: text('testing_en').notNull().default(''),
    statementDate: date('statement_date', { mode: 'string' }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('public_site_settings_one_row', sql`${t.id} = 1`),
    check('public_site_settings_status_check', sql`${t.accessibilityStatus} in ('full', 'partial', 'none')`),
  ],
);

/**
 * The contact persons the public site shows, in order: a user the administrator chose, with the
 * role shown beside the name (Swedish and English) and, when given, a phone number. The name and
 * email are the user's own; a user deactivated or removed is not shown (removed: the row goes too).
 */
export const publicSiteContacts = pgTable(
  'public_site_contacts',
  {
    userId: uuid('user_id')
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    roleSv: text('role_sv').notNull(),
    roleEn: text('role_en').notNull(),
    phone: text('phone'),
  },
  (t) => [check('public_site_contacts_position_check', sql`${t.position} >= 1`)],
);
