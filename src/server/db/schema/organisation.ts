import { sql } from 'drizzle-orm';
import { boolean, date, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const administrations = pgTable(
  'administrations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    shortName: text('short_name'),
    description: text('description'),
    active: boolean('active').notNull().default(true),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('administrations_name_unique').on(sql`lower(${t.name})`)],
);

export const units = pgTable(
  'units',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    administrationId: uuid('administration_id')
      .notNull()
      .references(() => administrations.id),
    name: text('name').notNull(),
    code: text('code'),
    worksWithChildren: boolean('works_with_children').notNull().default(false),
    active: boolean('active').notNull().default(true),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('units_administration_idx').on(t.administrationId),
    // Employees sorted by unit name: walk the units in name order and stop after one page.
    index('units_name_idx').on(t.name, t.id),
    uniqueIndex('units_name_per_administration_unique').on(t.administrationId, sql`lower(${t.name})`),
    uniqueIndex('units_code_unique').on(t.code),
  ],
);

export const employees = pgTable(
  'employees',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    employeeNumber: text('employee_number').notNull(),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    email: text('email'),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    /**
     * The administration of the employee's unit, copied by database triggers (on insert, on a change
     * of unit, on a unit's move): the list filtered by administration and sorted by name is then one
     * index range, instead of a sort of every employee of the administration. Never written by the application.
     */
    administrationId: uuid('administration_id').references(() => administrations.id),
    title: text('title'),
    /** For aggregate statistics only: 'woman' | 'man' | 'not_stated'. Never anything else. */
    gender: text('gender').notNull().default('not_stated'),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    endDate: date('end_date', { mode: 'string' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    /**
     * What the employee list's search matches, lower-cased once on write: one LIKE per word
     * instead of four ILIKEs per row (about 8 times faster at 60,000 employees). Maintained by
     * the database; never written by the application.
     */
    searchText: text('search_text').generatedAlwaysAs(
      sql`lower(first_name || ' ' || last_name || ' ' || coalesce(email, '') || ' ' || employee_number)`,
    ),
  },
  (t) => [
    uniqueIndex('employees_number_unique').on(t.employeeNumber),
    // With end_date, "current employees of these units" (list totals, counts, closing a unit) is an index-only scan.
    index('employees_unit_end_idx').on(t.unitId, t.endDate),
    // One index per sort of the employee list, ending as its ORDER BY does, so a page is read in order.
    index('employees_name_idx').on(t.lastName, t.firstName),
    index('employees_first_name_idx').on(t.firstName, t.lastName, t.id),
    index('employees_start_idx').on(t.startDate, t.lastName, t.firstName, t.id),
    // The list of an administration by name: a page's ids and the total are read from these indexes alone.
    index('employees_administration_name_idx').on(t.administrationId, t.lastName, t.firstName, t.id, t.endDate),
    index('employees_administration_end_idx').on(t.administrationId, t.endDate),
  ],
);

/** Which unit an employee belonged to, and when. The open row (to_date null) is the current one. */
export const employeeUnitHistory = pgTable(
  'employee_unit_history',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    employeeId: uuid('employee_id')
      .notNull()
      .references(() => employees.id, { onDelete: 'cascade' }),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    fromDate: date('from_date', { mode: 'string' }).notNull(),
    toDate: date('to_date', { mode: 'string' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('employee_unit_history_employee_idx').on(t.employeeId, t.fromDate),
    // At most one current unit per employee: two concurrent moves cannot both leave a row open.
    uniqueIndex('employee_unit_history_one_open')
      .on(t.employeeId)
      .where(sql`${t.toDate} is null`),
  ],
);
