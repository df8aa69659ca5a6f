import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, numeric, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { administrations, units } from './organisation.js';
import { users } from './users.js';

/**
 * An action plan (handlingsplan), one row per version. series_id ties the versions of one plan
 * together (the first version's id). A draft is edited freely; adopting locks it; changing an
 * adopted plan starts the next version as a draft, copied from it, and adopting that marks the
 * earlier one 'replaced'. scope: 'municipality' (neither id), 'administration' (administration_id),
 * 'unit' (unit_id). area: 'gender_equality' | 'hbtq' | 'both'. status: 'draft' | 'adopted' |
 * 'ended' | 'replaced'.
 */
export const actionPlans = pgTable(
  'action_plans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    seriesId: uuid('series_id').notNull(),
    version: integer('version').notNull(),
    scope: text('scope').notNull(),
    administrationId: uuid('administration_id').references(() => administrations.id),
    unitId: uuid('unit_id').references(() => units.id),
    area: text('area').notNull(),
    name: text('name').notNull(),
    description: text('description'),
    startYear: integer('start_year').notNull(),
    endYear: integer('end_year').notNull(),
    status: text('status').notNull().default('draft'),
    adoptedOn: date('adopted_on', { mode: 'string' }),
    /** The body that adopted it: kommunfullmäktige, a committee, the unit manager. */
    adoptedBy: text('adopted_by'),
    /** Shown on the public pages once adopted. */
    isPublic: boolean('is_public').notNull().default(false),
    /** What this version changes, in the words of whoever started it. */
    changeNote: text('change_note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdByUserId: uuid('created_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    createdByName: text('created_by_name'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('action_plans_series_version_unique').on(t.seriesId, t.version),
    // At most one draft per plan: the next version is worked on in one place.
    uniqueIndex('action_plans_one_draft_unique')
      .on(t.seriesId)
      .where(sql`${t.status} = 'draft'`),
    index('action_plans_administration_idx').on(t.administrationId),
    index('action_plans_unit_idx').on(t.unitId),
    check('action_plans_period_check', sql`${t.endYear} >= ${t.startYear}`),
    check(
      'action_plans_scope_check',
      sql`(${t.scope} = 'municipality' and ${t.administrationId} is null and ${t.unitId} is null)
        or (${t.scope} = 'administration' and ${t.administrationId} is not null and ${t.unitId} is null)
        or (${t.scope} = 'unit' and ${t.unitId} is not null and ${t.administrationId} is null)`,
    ),
  ],
);

/**
 * A goal of a plan version. lineage_id is the same goal through the versions (the first version's
 * id), so that follow-ups and the changes between versions can be traced. serves_goal_id: a goal of
 * a municipal plan that this goal serves.
 */
export const planGoals = pgTable(
  'plan_goals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => actionPlans.id, { onDelete: 'cascade' }),
    lineageId: uuid('lineage_id').notNull(),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    description: text('description'),
    servesGoalId: uuid('serves_goal_id'),
  },
  (t) => [index('plan_goals_plan_idx').on(t.planId, t.position), index('plan_goals_serves_idx').on(t.servesGoalId)],
);

/** An action under a goal. status: 'not_started' | 'ongoing' | 'done' | 'postponed' | 'cancelled' (progress: changes on an adopted plan too). */
export const planActions = pgTable(
  'plan_actions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    goalId: uuid('goal_id')
      .notNull()
      .references(() => planGoals.id, { onDelete: 'cascade' }),
    lineageId: uuid('lineage_id').notNull(),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    description: text('description'),
    responsibleUserId: uuid('responsible_user_id').references(() => users.id, { onDelete: 'set null' }),
    startDate: date('start_date', { mode: 'string' }),
    dueDate: date('due_date', { mode: 'string' }),
    status: text('status').notNull().default('not_started'),
    statusChangedAt: timestamp('status_changed_at', { withTimezone: true }),
  },
  (t) => [
    index('plan_actions_goal_idx').on(t.goalId, t.position),
    index('plan_actions_responsible_idx').on(t.responsibleUserId),
    check('plan_actions_dates_check', sql`${t.dueDate} is null or ${t.startDate} is null or ${t.dueDate} >= ${t.startDate}`),
  ],
);

/**
 * An indicator under a goal. measure: 'number' | 'percent' | 'hours' | 'sek'. direction: 'higher' |
 * 'lower' (which is better). about_people: followed up by gender (women, men, total). source:
 * 'manual', or data Inkludera has ('training_coverage', 'certified_children_units', 'activity_visits': features/plans/indicator-sources.ts).
 */
export const planIndicators = pgTable(
  'plan_indicators',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    goalId: uuid('goal_id')
      .notNull()
      .references(() => planGoals.id, { onDelete: 'cascade' }),
    lineageId: uuid('lineage_id').notNull(),
    position: integer('position').notNull(),
    name: text('name').notNull(),
    description: text('description'),
    measure: text('measure').notNull(),
    direction: text('direction').notNull(),
    target: numeric('target', { precision: 14, scale: 2, mode: 'number' }),
    aboutPeople: boolean('about_people').notNull().default(false),
    source: text('source').notNull().default('manual'),
  },
  (t) => [index('plan_indicators_goal_idx').on(t.goalId, t.position)],
);
