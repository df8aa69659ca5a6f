import { sql } from 'drizzle-orm';
import { check, date, index, integer, numeric, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { planActions, planGoals, planIndicators } from './plans.js';
import { users } from './users.js';

/**
 * A follow-up period (uppföljningsperiod) of a year: by default delår 1 (January-April), delår 2
 * (January-August) and helår, each with a deadline for the reports. reminder_days_before: how many
 * days before the deadline those who have not reported get a reminder by mail.
 */
export const followUpPeriods = pgTable(
  'follow_up_periods',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    year: integer('year').notNull(),
    name: text('name').notNull(),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }).notNull(),
    deadline: date('deadline', { mode: 'string' }).notNull(),
    reminderDaysBefore: integer('reminder_days_before').notNull().default(14),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('follow_up_periods_year_name_unique').on(t.year, t.name),
    check('follow_up_periods_dates_check', sql`${t.endsOn} >= ${t.startsOn}`),
    check('follow_up_periods_reminder_check', sql`${t.reminderDaysBefore} >= 0 and ${t.reminderDaysBefore} <= 90`),
  ],
);

const reported = {
  reportedAt: timestamp('reported_at', { withTimezone: true }).notNull(),
  reportedByUserId: uuid('reported_by_user_id').references(() => users.id, { onDelete: 'set null' }),
  reportedByName: text('reported_by_name'),
};

/** An action's status and comment for one period. status: as plan_actions.status. */
export const planActionReports = pgTable(
  'plan_action_reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    periodId: uuid('period_id')
      .notNull()
      .references(() => followUpPeriods.id),
    actionId: uuid('action_id')
      .notNull()
      .references(() => planActions.id, { onDelete: 'cascade' }),
    status: text('status').notNull(),
    comment: text('comment'),
    ...reported,
  },
  (t) => [
    uniqueIndex('plan_action_reports_unique').on(t.periodId, t.actionId),
    index('plan_action_reports_action_idx').on(t.actionId),
  ],
);

/**
 * An indicator's outcome for one period. An indicator about people has women, men and total; when
 * the split is missing, missing_split_reason says why (and the follow-up flags it). Other indicators
 * have the outcome in total.
 */
export const planIndicatorReports = pgTable(
  'plan_indicator_reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    periodId: uuid('period_id')
      .notNull()
      .references(() => followUpPeriods.id),
    indicatorId: uuid('indicator_id')
      .notNull()
      .references(() => planIndicators.id, { onDelete: 'cascade' }),
    women: numeric('women', { precision: 14, scale: 2, mode: 'number' }),
    men: numeric('men', { precision: 14, scale: 2, mode: 'number' }),
    total: numeric('total', { precision: 14, scale: 2, mode: 'number' }).notNull(),
    missingSplitReason: text('missing_split_reason'),
    comment: text('comment'),
    ...reported,
  },
  (t) => [
    uniqueIndex('plan_indicator_reports_unique').on(t.periodId, t.indicatorId),
    index('plan_indicator_reports_indicator_idx').on(t.indicatorId),
  ],
);

/** A goal's assessment for one period: 'met' | 'partly_met' | 'not_met' (green, yellow, red), and the analysis. */
export const planGoalReports = pgTable(
  'plan_goal_reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    periodId: uuid('period_id')
      .notNull()
      .references(() => followUpPeriods.id),
    goalId: uuid('goal_id')
      .notNull()
      .references(() => planGoals.id, { onDelete: 'cascade' }),
    assessment: text('assessment').notNull(),
    analysis: text('analysis'),
    ...reported,
  },
  (t) => [uniqueIndex('plan_goal_reports_unique').on(t.periodId, t.goalId), index('plan_goal_reports_goal_idx').on(t.goalId)],
);
