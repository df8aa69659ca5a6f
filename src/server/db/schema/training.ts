import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  time,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { administrations, employees, units } from './organisation.js';
import { users } from './users.js';

/**
 * The levels of training, configurable (lecture, half day, workshop, certification course, ...).
 * rank orders them: coverage reports each employee's highest completed rank.
 */
export const trainingLevels = pgTable(
  'training_levels',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    key: text('key').notNull(),
    nameSv: text('name_sv').notNull(),
    nameEn: text('name_en').notNull(),
    rank: integer('rank').notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('training_levels_key_unique').on(t.key), uniqueIndex('training_levels_rank_unique').on(t.rank)],
);

export const courses = pgTable(
  'courses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    description: text('description'),
    /** 'hbtq' | 'gender_equality' | 'norm_criticism' | 'own' */
    topic: text('topic').notNull(),
    levelId: uuid('level_id')
      .notNull()
      .references(() => trainingLevels.id),
    /** Nominal length in minutes (the API speaks hours): exact sums, no floating point. */
    nominalMinutes: integer('nominal_minutes').notNull(),
    /** Percent of the session's hours a person must attend to have completed the course. */
    completionThreshold: integer('completion_threshold').notNull().default(80),
    provider: text('provider'),
    /** Years the knowledge counts as current; null: never needs a refresher. */
    refresherYears: integer('refresher_years'),
    /** The yearly rule: the coordinator is warned when no session of this course is planned this year. */
    offeredYearly: boolean('offered_yearly').notNull().default(false),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('courses_name_unique').on(sql`lower(${t.name})`), index('courses_level_idx').on(t.levelId)],
);

/** A multi-year effort (for example 2015-2017, every employee at least a lecture). */
export const trainingProgrammes = pgTable('training_programmes', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  description: text('description'),
  startDate: date('start_date', { mode: 'string' }).notNull(),
  endDate: date('end_date', { mode: 'string' }).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A target of a programme: this share of these employees has completed at least this level. */
export const programmeTargets = pgTable(
  'programme_targets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => trainingProgrammes.id, { onDelete: 'cascade' }),
    /** 'all_employees' | 'children_and_youth_units' */
    population: text('population').notNull(),
    levelId: uuid('level_id')
      .notNull()
      .references(() => trainingLevels.id),
    targetPercent: integer('target_percent').notNull().default(100),
  },
  (t) => [index('programme_targets_programme_idx').on(t.programmeId)],
);

/** Money applied for and received for a programme. Amounts in whole kronor. */
export const programmeGrants = pgTable(
  'programme_grants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => trainingProgrammes.id, { onDelete: 'cascade' }),
    funder: text('funder').notNull(),
    appliedAmount: integer('applied_amount'),
    receivedAmount: integer('received_amount'),
    /** 'applied' | 'granted' | 'rejected' */
    status: text('status').notNull().default('applied'),
    decidedOn: date('decided_on', { mode: 'string' }),
    note: text('note'),
  },
  (t) => [index('programme_grants_programme_idx').on(t.programmeId)],
);

/** An occasion of a course, in one or several parts. */
export const trainingSessions = pgTable(
  'training_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    courseId: uuid('course_id')
      .notNull()
      .references(() => courses.id),
    programmeId: uuid('programme_id').references(() => trainingProgrammes.id, { onDelete: 'set null' }),
    title: text('title'),
    capacity: integer('capacity').notNull(),
    /** 'everyone' | 'restricted' (to the administrations and units in the tables below) */
    eligibility: text('eligibility').notNull().default('everyone'),
    /** 'planned' | 'cancelled' */
    status: text('status').notNull().default('planned'),
    cancelReason: text('cancel_reason'),
    /** First part's date, kept by the service so lists sort and filter by date without a join. */
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }).notNull(),
    /** Total minutes of all parts: the denominator of attendance share. */
    totalMinutes: integer('total_minutes').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('training_sessions_course_idx').on(t.courseId, t.startsOn), index('training_sessions_starts_idx').on(t.startsOn)],
);

/** A part of a session: a date with times (Europe/Stockholm) and a place. */
export const sessionParts = pgTable(
  'session_parts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => trainingSessions.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    date: date('date', { mode: 'string' }).notNull(),
    startTime: time('start_time').notNull(),
    endTime: time('end_time').notNull(),
    place: text('place'),
  },
  (t) => [index('session_parts_session_idx').on(t.sessionId, t.position), index('session_parts_date_idx').on(t.date)],
);

export const sessionTrainers = pgTable(
  'session_trainers',
  {
    sessionId: uuid('session_id')
      .notNull()
      .references(() => trainingSessions.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.userId] }), index('session_trainers_user_idx').on(t.userId)],
);

/** Who may sign up to a restricted session: the staff of these administrations and units. */
export const sessionEligibility = pgTable(
  'session_eligibility',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => trainingSessions.id, { onDelete: 'cascade' }),
    administrationId: uuid('administration_id').references(() => administrations.id),
    unitId: uuid('unit_id').references(() => units.id),
  },
  (t) => [index('session_eligibility_session_idx').on(t.sessionId)],
);

/**
 * An employee's place on a session. status: 'enrolled' | 'waiting' | 'cancelled'. The waiting
 * list is first come, first served by queuedAt. attendedMinutes and completedOn are derived
 * from the attendance marks and the course by the service, in the transaction that changes
 * them: never typed in, and kept here so coverage over a million marks is one indexed read.
 */
export const enrolments = pgTable(
  'enrolments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => trainingSessions.id, { onDelete: 'cascade' }),
    employeeId: uuid('employee_id')
      .notNull()
      .references(() => employees.id),
    status: text('status').notNull(),
    /** 'self' | 'manager' | 'coordinator' | 'walk_in' (added at the door by the trainer) */
    source: text('source').notNull(),
    queuedAt: timestamp('queued_at', { withTimezone: true }).notNull().defaultNow(),
    enrolledAt: timestamp('enrolled_at', { withTimezone: true }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    enrolledByUserId: uuid('enrolled_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    attendedMinutes: integer('attended_minutes').notNull().default(0),
    /** The day the course was completed (the last attended part), or null. */
    completedOn: date('completed_on', { mode: 'string' }),
    /** The course and level, copied so coverage needs no join through sessions; kept in step by the service. */
    courseId: uuid('course_id')
      .notNull()
      .references(() => courses.id),
    /** Random, 80 bits, base32: checks a certificate of completion on the public page. Set on completion. */
    verificationCode: text('verification_code'),
  },
  (t) => [
    uniqueIndex('enrolments_session_employee_unique').on(t.sessionId, t.employeeId),
    index('enrolments_session_status_idx').on(t.sessionId, t.status, t.queuedAt),
    index('enrolments_employee_idx').on(t.employeeId),
    index('enrolments_completed_idx')
      .on(t.employeeId, t.courseId, t.completedOn)
      .where(sql`${t.completedOn} is not null`),
    // The completions of one course (refreshers due, a programme's course): read without the others.
    index('enrolments_course_completed_idx')
      .on(t.courseId, t.employeeId, t.completedOn)
      .where(sql`${t.completedOn} is not null`),
    // The completions of one course in a date range (coverage's completions per year), read from the index alone.
    index('enrolments_course_completed_on_idx')
      .on(t.courseId, t.completedOn)
      .where(sql`${t.completedOn} is not null`),
    uniqueIndex('enrolments_verification_code_unique').on(t.verificationCode),
  ],
);

/** One mark per enrolled person and part. status: 'present' | 'absent' | 'excused'. */
export const attendance = pgTable(
  'attendance',
  {
    partId: uuid('part_id')
      .notNull()
      .references(() => sessionParts.id, { onDelete: 'cascade' }),
    enrolmentId: uuid('enrolment_id')
      .notNull()
      .references(() => enrolments.id, { onDelete: 'cascade' }),
    status: text('status').notNull(),
    markedByUserId: uuid('marked_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    markedAt: timestamp('marked_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.partId, t.enrolmentId] }), index('attendance_enrolment_idx').on(t.enrolmentId)],
);

/** The training settings of the municipality: one row. */
export const trainingSettings = pgTable('training_settings', {
  id: integer('id').primaryKey().default(1),
  /** New employees untrained after this many months are listed on the start page. */
  newEmployeeMonths: integer('new_employee_months').notNull().default(3),
  /** Days before a part that the enrolled are reminded. */
  reminderDaysBefore: integer('reminder_days_before').notNull().default(3),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Reminders already sent, so a daily job sends each one once. key names what it was about. */
export const sentReminders = pgTable(
  'sent_reminders',
  {
    kind: text('kind').notNull(),
    key: text('key').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.kind, t.key] })],
);

/**
 * A person's calendar subscription: calendar programs (Outlook) cannot sign in, so the feed's
 * address carries a secret. Only its SHA-256 is stored; a new address revokes the old one.
 */
export const calendarFeeds = pgTable(
  'calendar_feeds',
  {
    userId: uuid('user_id')
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('calendar_feeds_token_hash_unique').on(t.tokenHash)],
);

/**
 * The first day each employee completed a course of each level: derived from enrolments by
 * recomputeOutcomes (enrolments/outcomes.ts) in the same transaction, never written otherwise.
 * Coverage reads these few rows per employee instead of every completion (decision 0007).
 */
export const employeeLevels = pgTable(
  'employee_levels',
  {
    employeeId: uuid('employee_id')
      .notNull()
      .references(() => employees.id, { onDelete: 'cascade' }),
    levelId: uuid('level_id')
      .notNull()
      .references(() => trainingLevels.id),
    firstCompletedOn: date('first_completed_on', { mode: 'string' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.employeeId, t.levelId] })],
);

/**
 * One row per employee who has completed anything: their first completion, and the highest level
 * reached with the day they first reached it. Derived from employee_levels by
 * refreshEmployeeLevels (enrolments/outcomes.ts) in the same transaction, and again for everyone
 * when a level's rank changes. Coverage counts 60,000 employees from these rows, one per person,
 * instead of aggregating every level of every person on each request (decision 0009).
 */
export const employeeTraining = pgTable('employee_training', {
  employeeId: uuid('employee_id')
    .primaryKey()
    .references(() => employees.id, { onDelete: 'cascade' }),
  firstCompletedOn: date('first_completed_on', { mode: 'string' }).notNull(),
  highestRank: integer('highest_rank').notNull(),
  highestCompletedOn: date('highest_completed_on', { mode: 'string' }).notNull(),
});
