import { z } from 'zod';
import { isoDate, optionalText, requiredText } from './common.js';
import { actionStatuses, indicatorDirections, indicatorMeasures, indicatorSources, planAreas, planScopes } from './plans.js';

/**
 * The follow-up of action plans (uppföljning): periods of a year with a deadline, and for each period
 * and adopted plan, each action's status and comment, each indicator's outcome (by gender where it is
 * about people) and each goal's assessment and analysis. See docs/plans.md.
 */

export const goalAssessments = ['met', 'partly_met', 'not_met'] as const;
export type GoalAssessment = (typeof goalAssessments)[number];

const year = z.number().int().min(2000).max(2100);
const reminderDays = z.number().int().min(0).max(90);

const periodFields = {
  name: requiredText(100),
  startsOn: isoDate,
  endsOn: isoDate,
  deadline: isoDate,
  reminderDaysBefore: reminderDays,
};
const datesInOrder = (v: { startsOn?: string; endsOn?: string }) => !v.startsOn || !v.endsOn || v.endsOn >= v.startsOn;
const datesMessage = { message: 'end_before_start', path: ['endsOn'] };

export const createPeriodBody = z
  .object({ year, ...periodFields, reminderDaysBefore: reminderDays.default(14) })
  .refine(datesInOrder, datesMessage);
export type CreatePeriodBody = z.input<typeof createPeriodBody>;
/** A period's fields; only those sent change. Its year stays. */
export const updatePeriodBody = z.object(periodFields).partial().refine(datesInOrder, datesMessage);
export type UpdatePeriodBody = z.input<typeof updatePeriodBody>;
export const defaultPeriodsBody = z.object({ year });
export type DefaultPeriodsBody = z.input<typeof defaultPeriodsBody>;
export const periodListQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100) });

export const followUpPeriod = z.object({
  id: z.uuid(),
  year: z.number().int(),
  name: z.string(),
  startsOn: isoDate,
  endsOn: isoDate,
  deadline: isoDate,
  reminderDaysBefore: z.number().int(),
  /** Reports given for it, of every plan: a period with reports is not deleted. */
  reportCount: z.number().int(),
});
export type FollowUpPeriod = z.infer<typeof followUpPeriod>;
export const followUpPeriodList = z.object({ items: z.array(followUpPeriod) });
export type FollowUpPeriodList = z.infer<typeof followUpPeriodList>;

const outcome = z.number().min(-1e12).max(1e12);

/** The reports of one plan for one period; only the items sent are written (a new report or a changed one). */
export const followUpBody = z.object({
  actions: z
    .array(z.object({ actionId: z.uuid(), status: z.enum(actionStatuses), comment: optionalText(4000) }))
    .max(2000)
    .default([]),
  indicators: z
    .array(
      z.object({
        indicatorId: z.uuid(),
        women: outcome.nullable().default(null),
        men: outcome.nullable().default(null),
        total: outcome.nullable().default(null),
        /** Why an indicator about people has no split by gender; required then. */
        missingSplitReason: optionalText(2000),
        comment: optionalText(4000),
      }),
    )
    .max(2000)
    .default([]),
  goals: z
    .array(z.object({ goalId: z.uuid(), assessment: z.enum(goalAssessments), analysis: optionalText(8000) }))
    .max(1000)
    .default([]),
});
export type FollowUpBody = z.input<typeof followUpBody>;

export const followUpParams = z.object({ id: z.uuid(), periodId: z.uuid() });

const reportedBy = { reportedAt: z.string(), reportedByName: z.string().nullable() };

export const actionFollowUp = z.object({
  id: z.uuid(),
  title: z.string(),
  responsibleUserId: z.uuid().nullable(),
  responsibleName: z.string().nullable(),
  dueDate: isoDate.nullable(),
  /** The action's status in the plan now. */
  currentStatus: z.enum(actionStatuses),
  report: z.object({ status: z.enum(actionStatuses), comment: z.string().nullable(), ...reportedBy }).nullable(),
  /** Whether the person asking may report it. */
  canReport: z.boolean(),
});
export type ActionFollowUp = z.infer<typeof actionFollowUp>;

/** An indicator's value from Inkludera's own data (its source), offered to the one who reports it. */
export const indicatorFromData = z.object({
  women: z.number().nullable(),
  men: z.number().nullable(),
  total: z.number().nullable(),
  /** The split by gender is not given: a group is too small to be shown (fewer than 5 people). */
  splitWithheld: z.boolean(),
  /** The day the value is for: the period's last day, or today while the period runs. */
  asOf: z.string(),
});
export type IndicatorFromData = z.infer<typeof indicatorFromData>;

export const indicatorFollowUp = z.object({
  id: z.uuid(),
  name: z.string(),
  measure: z.enum(indicatorMeasures),
  direction: z.enum(indicatorDirections),
  target: z.number().nullable(),
  aboutPeople: z.boolean(),
  source: z.enum(indicatorSources),
  /** For an indicator with a source other than manual: its value from Inkludera's data. */
  fromData: indicatorFromData.nullable(),
  report: z
    .object({
      women: z.number().nullable(),
      men: z.number().nullable(),
      total: z.number(),
      missingSplitReason: z.string().nullable(),
      comment: z.string().nullable(),
      /** About people, but without women and men: flagged. */
      splitMissing: z.boolean(),
      ...reportedBy,
    })
    .nullable(),
  canReport: z.boolean(),
});
export type IndicatorFollowUp = z.infer<typeof indicatorFollowUp>;

export const goalFollowUp = z.object({
  id: z.uuid(),
  position: z.number().int(),
  title: z.string(),
  report: z.object({ assessment: z.enum(goalAssessments), analysis: z.string().nullable(), ...reportedBy }).nullable(),
  canReport: z.boolean(),
  actions: z.array(actionFollowUp),
  indicators: z.array(indicatorFollowUp),
});
export type GoalFollowUp = z.infer<typeof goalFollowUp>;

const progress = z.object({ reported: z.number().int(), total: z.number().int() });
export type FollowUpProgress = z.infer<typeof progress>;

/** One plan's follow-up for one period. */
export const planFollowUp = z.object({
  plan: z.object({
    id: z.uuid(),
    name: z.string(),
    version: z.number().int(),
    status: z.string(),
    scope: z.enum(planScopes),
    area: z.enum(planAreas),
    administrationName: z.string().nullable(),
    unitName: z.string().nullable(),
    startYear: z.number().int(),
    endYear: z.number().int(),
  }),
  period: followUpPeriod,
  /** The periods of the plan's years, to choose among. */
  periods: z.array(followUpPeriod),
  /** Reports are written only for an adopted plan whose years include the period's. */
  open: z.boolean(),
  goals: z.array(goalFollowUp),
  actions: progress,
  indicators: progress,
  goalsReported: progress,
  splitMissing: z.number().int(),
});
export type PlanFollowUp = z.infer<typeof planFollowUp>;

/** The periods of a plan's years (for the follow-up page before a period is chosen). */
export const planPeriodsList = followUpPeriodList;

/** Who has and has not reported for a period: per plan, and per person responsible for actions. */
export const periodStatus = z.object({
  period: followUpPeriod,
  plans: z.array(
    z.object({
      planId: z.uuid(),
      name: z.string(),
      scope: z.enum(planScopes),
      ownerName: z.string().nullable(),
      actions: progress,
      indicators: progress,
      goals: progress,
      splitMissing: z.number().int(),
      complete: z.boolean(),
    }),
  ),
  people: z.array(
    z.object({
      userId: z.uuid(),
      name: z.string(),
      actions: progress,
    }),
  ),
});
export type PeriodStatus = z.infer<typeof periodStatus>;
