import { customType, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './users.js';

/** Files kept in the database (an HR file until its import ends, a certification's evidence). */
export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

/**
 * One upload of an HR file, from preview to commit. The file itself is kept only until the import
 * is committed or abandoned: it holds personal data, and the history needs only the counts.
 */
export const employeeImports = pgTable(
  'employee_imports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    createdByUserId: uuid('created_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    createdByName: text('created_by_name'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    source: text('source').notNull().default('web'),
    fileName: text('file_name').notNull(),
    fileSize: integer('file_size').notNull(),
    fileContent: bytea('file_content'),
    /** full: employees missing from the file are ended; partial: only adds and updates. */
    mode: text('mode').notNull().default('partial'),
    /** previewed, committing, committed, failed, discarded */
    status: text('status').notNull().default('previewed'),
    settings: jsonb('settings').notNull(),
    summary: jsonb('summary'),
    problems: jsonb('problems'),
    error: text('error'),
    committedAt: timestamp('committed_at', { withTimezone: true }),
  },
  (t) => [index('employee_imports_created_idx').on(t.createdAt)],
);
