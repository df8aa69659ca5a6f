import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { employees, units } from './organisation.js';
import { bytea } from './imports.js';
import { courses } from './training.js';
import { users } from './users.js';

/** A certification scheme (for example RFSL's HBTQ certification, or the municipality's own diplomering). */
export const certificationSchemes = pgTable(
  'certification_schemes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    issuer: text('issuer').notNull(),
    description: text('description'),
    /** Years a certificate is valid: valid until is the day of certification plus these years. */
    validityYears: integer('validity_years').notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('certification_schemes_name_unique').on(sql`lower(${t.name})`)],
);

/**
 * A criterion of a scheme. kind: 'course_share' (percent of the unit's current staff who completed
 * courseId), 'sessions_held' (sessions held for the unit, of courseId or any course), 'working_group'
 * (members still in the unit), 'confirmed' (a person confirms it with evidence).
 */
export const certificationCriteria = pgTable(
  'certification_criteria',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    schemeId: uuid('scheme_id')
      .notNull()
      .references(() => certificationSchemes.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    kind: text('kind').notNull(),
    label: text('label').notNull(),
    description: text('description'),
    courseId: uuid('course_id').references(() => courses.id),
    threshold: integer('threshold'),
    /** action_plan: the area the adopted plan must cover ('gender_equality' | 'hbtq'; a plan of 'both' covers either). */
    planArea: text('plan_area'),
  },
  (t) => [index('certification_criteria_scheme_idx').on(t.schemeId, t.position)],
);

/** A unit working towards a scheme's certificate. status: 'open' | 'certified' | 'cancelled'. */
export const certificationProcesses = pgTable(
  'certification_processes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    schemeId: uuid('scheme_id')
      .notNull()
      .references(() => certificationSchemes.id),
    status: text('status').notNull().default('open'),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull().defaultNow(),
    openedByUserId: uuid('opened_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    openedByName: text('opened_by_name'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    /** The certificate this process renews. Not a foreign key: certificates refer to processes. */
    renewalOfCertificateId: uuid('renewal_of_certificate_id'),
  },
  (t) => [
    index('certification_processes_unit_idx').on(t.unitId, t.status),
    // One open process per unit and scheme.
    uniqueIndex('certification_processes_open_unique')
      .on(t.unitId, t.schemeId)
      .where(sql`${t.status} = 'open'`),
  ],
);

/** The unit's working group (HBTQ-grupp) of a process: employees of the unit. */
export const certificationGroupMembers = pgTable(
  'certification_group_members',
  {
    processId: uuid('process_id')
      .notNull()
      .references(() => certificationProcesses.id, { onDelete: 'cascade' }),
    employeeId: uuid('employee_id')
      .notNull()
      .references(() => employees.id),
  },
  (t) => [primaryKey({ columns: [t.processId, t.employeeId] })],
);

/** A confirmed criterion of a process, with its evidence. */
export const certificationConfirmations = pgTable(
  'certification_confirmations',
  {
    processId: uuid('process_id')
      .notNull()
      .references(() => certificationProcesses.id, { onDelete: 'cascade' }),
    criterionId: uuid('criterion_id')
      .notNull()
      .references(() => certificationCriteria.id, { onDelete: 'cascade' }),
    evidence: text('evidence').notNull(),
    confirmedByUserId: uuid('confirmed_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    confirmedByName: text('confirmed_by_name'),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.processId, t.criterionId] })],
);

/**
 * A unit's certificate. The snapshot keeps the criteria as they stood on the day. code: 80 random
 * bits in Crockford base32, for the public check. Revoked certificates stay, with the reason.
 */
export const unitCertificates = pgTable(
  'unit_certificates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    schemeId: uuid('scheme_id')
      .notNull()
      .references(() => certificationSchemes.id),
    processId: uuid('process_id')
      .notNull()
      .references(() => certificationProcesses.id),
    certifiedOn: date('certified_on', { mode: 'string' }).notNull(),
    validUntil: date('valid_until', { mode: 'string' }).notNull(),
    code: text('code').notNull(),
    snapshot: jsonb('snapshot').notNull(),
    certifiedByUserId: uuid('certified_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    certifiedByName: text('certified_by_name'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedReason: text('revoked_reason'),
    revokedByName: text('revoked_by_name'),
  },
  (t) => [
    uniqueIndex('unit_certificates_code_unique').on(t.code),
    uniqueIndex('unit_certificates_process_unique').on(t.processId),
    index('unit_certificates_unit_idx').on(t.unitId, t.validUntil),
    index('unit_certificates_valid_until_idx').on(t.validUntil),
  ],
);

/** The municipality's certification settings: one row. */
export const certificationSettings = pgTable('certification_settings', {
  id: integer('id').primaryKey().default(1),
  /** Months before a certificate runs out that its unit and the administrators are reminded, e.g. 6, 3 and 1. */
  renewalReminderMonths: integer('renewal_reminder_months')
    .array()
    .notNull()
    .default(sql`'{6,3,1}'::integer[]`),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * A file attached as evidence to a confirmed criterion of a process (a routine, minutes, a final
 * test). It stays with the process, so a certificate's evidence can be read after certification.
 */
export const certificationEvidenceFiles = pgTable(
  'certification_evidence_files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    processId: uuid('process_id')
      .notNull()
      .references(() => certificationProcesses.id, { onDelete: 'cascade' }),
    criterionId: uuid('criterion_id')
      .notNull()
      .references(() => certificationCriteria.id, { onDelete: 'cascade' }),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    content: bytea('content').notNull(),
    uploadedByUserId: uuid('uploaded_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    uploadedByName: text('uploaded_by_name'),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('certification_evidence_files_process_idx').on(t.processId, t.criterionId)],
);
