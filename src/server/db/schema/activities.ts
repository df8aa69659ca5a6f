import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, primaryKey, text, time, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './users.js';

/**
 * A recurring community activity (aktivitet / mötesplats), such as the HBTQ café MOGAI at Perrongen.
 * The schedule: weekly on weekday (ISO: 1 Monday ... 7 Sunday) from start_time to end_time, Swedish
 * local time, from starts_on, until ends_on when set. Occurrences are computed from it for a date
 * range, never stored; only their exceptions (activity_occurrence_changes) and headcounts are.
 */
export const activities = pgTable(
  'activities',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    description: text('description'),
    place: text('place').notNull(),
    weekday: integer('weekday').notNull(),
    startTime: time('start_time').notNull(),
    endTime: time('end_time').notNull(),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('activities_weekday_check', sql`${t.weekday} between 1 and 7`),
    check('activities_time_check', sql`${t.endTime} > ${t.startTime}`),
    check('activities_period_check', sql`${t.endsOn} is null or ${t.endsOn} >= ${t.startsOn}`),
  ],
);

/** A break in the schedule (the summer break): no occurrence on a scheduled day from from_date to to_date, both included. */
export const activityBreaks = pgTable(
  'activity_breaks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    activityId: uuid('activity_id')
      .notNull()
      .references(() => activities.id, { onDelete: 'cascade' }),
    fromDate: date('from_date', { mode: 'string' }).notNull(),
    toDate: date('to_date', { mode: 'string' }).notNull(),
    /** Shown publicly, e.g. "Sommaruppehåll". */
    label: text('label'),
  },
  (t) => [
    index('activity_breaks_activity_idx').on(t.activityId),
    check('activity_breaks_period_check', sql`${t.toDate} >= ${t.fromDate}`),
  ],
);

/** The hosts of an activity: users with the activity_host role, who record its headcounts. */
export const activityHosts = pgTable(
  'activity_hosts',
  {
    activityId: uuid('activity_id')
      .notNull()
      .references(() => activities.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.activityId, t.userId] }), index('activity_hosts_user_idx').on(t.userId)],
);

/**
 * An exception to the schedule, keyed by the scheduled date of the occurrence it changes.
 * kind: 'cancelled' (reason shown publicly) or 'moved' (to date, start_time, end_time, place;
 * a field left null keeps the schedule's).
 */
export const activityOccurrenceChanges = pgTable(
  'activity_occurrence_changes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    activityId: uuid('activity_id')
      .notNull()
      .references(() => activities.id, { onDelete: 'cascade' }),
    scheduledDate: date('scheduled_date', { mode: 'string' }).notNull(),
    kind: text('kind').notNull(),
    reason: text('reason'),
    date: date('date', { mode: 'string' }),
    startTime: time('start_time'),
    endTime: time('end_time'),
    place: text('place'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('activity_occurrence_changes_unique').on(t.activityId, t.scheduledDate),
    index('activity_occurrence_changes_date_idx').on(t.activityId, t.date),
    check('activity_occurrence_changes_kind_check', sql`${t.kind} in ('cancelled', 'moved')`),
    check('activity_occurrence_changes_moved_check', sql`${t.kind} <> 'moved' or ${t.date} is not null`),
  ],
);

/**
 * The number of visitors at one occurrence (keyed by its scheduled date): a headcount, optionally
 * how many of them came for the first time, and a short note from the host. PRIVACY: nothing about
 * who the visitors were is ever stored here or anywhere: no names, no gender, no age, no list of
 * visitors (DOMAIN.md; docs/activities.md). recorded_by is the host who counted, not a visitor.
 */
export const activityHeadcounts = pgTable(
  'activity_headcounts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    activityId: uuid('activity_id')
      .notNull()
      .references(() => activities.id, { onDelete: 'cascade' }),
    scheduledDate: date('scheduled_date', { mode: 'string' }).notNull(),
    visitors: integer('visitors').notNull(),
    firstTimeVisitors: integer('first_time_visitors'),
    note: text('note'),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
    recordedByUserId: uuid('recorded_by_user_id').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [
    uniqueIndex('activity_headcounts_unique').on(t.activityId, t.scheduledDate),
    check('activity_headcounts_visitors_check', sql`${t.visitors} >= 0`),
    check(
      'activity_headcounts_first_time_check',
      sql`${t.firstTimeVisitors} is null or (${t.firstTimeVisitors} >= 0 and ${t.firstTimeVisitors} <= ${t.visitors})`,
    ),
  ],
);
