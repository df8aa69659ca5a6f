import { z } from 'zod';
import { isoDate, listQuery, optionalText, page, requiredText } from './common.js';

/**
 * Action plans (handlingsplaner): plan -> goals -> actions and indicators, with versions. See
 * docs/plans.md and decision 0011.
 */

export const planScopes = ['municipality', 'administration', 'unit'] as const;
export type PlanScope = (typeof planScopes)[number];
export const planAreas = ['gender_equality', 'hbtq', 'both'] as const;
export type PlanArea = (typeof planAreas)[number];
/** draft: edited freely; adopted: locked; ended: its period is over or it was withdrawn; replaced: a later version was adopted. */
export const planStatuses = ['draft', 'adopted', 'ended', 'replaced'] as const;
export type PlanStatus = (typeof planStatuses)[number];
export const actionStatuses = ['not_started', 'ongoing', 'done', 'postponed', 'cancelled'] as const;
export type ActionStatus = (typeof actionStatuses)[number];
export const indicatorMeasures = ['number', 'percent', 'hours', 'sek'] as const;
export type IndicatorMeasure = (typeof indicatorMeasures)[number];
export const indicatorDirections = ['higher', 'lower'] as const;
export type IndicatorDirection = (typeof indicatorDirections)[number];
/** Where an indicator's values come from: typed in, or computed from data Inkludera has. */
export const indicatorSources = ['manual', 'training_coverage', 'certified_children_units', 'activity_visits'] as const;
export type IndicatorSource = (typeof indicatorSources)[number];

const year = z.number().int().min(2000).max(2100);
const yearsInOrder = (v: { startYear?: number; endYear?: number }) =>
  v.startYear === undefined || v.endYear === undefined || v.endYear >= v.startYear;
const yearsMessage = { message: 'end_before_start', path: ['endYear'] };

const planFields = {
  area: z.enum(planAreas),
  name: requiredText(200),
  description: optionalText(4000),
  startYear: year,
  endYear: year,
  isPublic: z.boolean(),
};

/** A new plan starts as a draft, version 1. administrationId for scope 'administration', unitId for 'unit'. */
export const createPlanBody = z
  .object({
    scope: z.enum(planScopes),
    administrationId: z.uuid().nullable().default(null),
    unitId: z.uuid().nullable().default(null),
    ...planFields,
    isPublic: planFields.isPublic.default(false),
  })
  .refine(yearsInOrder, yearsMessage)
  .superRefine((value, context) => {
    if (value.scope === 'administration' && !value.administrationId)
      context.addIssue({ code: 'custom', path: ['administrationId'], message: 'plan_scope_missing_administration' });
    if (value.scope === 'unit' && !value.unitId)
      context.addIssue({ code: 'custom', path: ['unitId'], message: 'plan_scope_missing_unit' });
  });
export type CreatePlanBody = z.input<typeof createPlanBody>;

/** A draft's fields; only those sent change. Its scope never changes. */
export const updatePlanBody = z.object(planFields).partial().refine(yearsInOrder, yearsMessage);
export type UpdatePlanBody = z.input<typeof updatePlanBody>;

/** Whether the plan is shown on the public site (once adopted): changes on a draft and on an adopted plan alike. */
export const planPublicBody = z.object({ isPublic: z.boolean() }).strict();

export const adoptPlanBody = z.object({ adoptedOn: isoDate, adoptedBy: requiredText(200) });
export type AdoptPlanBody = z.input<typeof adoptPlanBody>;
export const revisePlanBody = z.object({ changeNote: optionalText(2000) });
export type RevisePlanBody = z.input<typeof revisePlanBody>;
/** Copying starts the next plan: a new plan (version 1, draft) with the goals, actions (not started) and indicators. */
export const copyPlanBody = z
  .object({ name: requiredText(200), startYear: year, endYear: year })
  .refine(yearsInOrder, yearsMessage);
export type CopyPlanBody = z.input<typeof copyPlanBody>;

export const goalBody = z.object({
  title: requiredText(300),
  description: optionalText(4000),
  /** A goal of an adopted municipal plan that this goal serves. */
  servesGoalId: z.uuid().nullable().default(null),
  /** Where it goes among the plan's goals, from 1; at the end when left out. */
  position: z.number().int().min(1).max(1000).optional(),
});
export type GoalBody = z.input<typeof goalBody>;
export const updateGoalBody = goalBody.partial();
export type UpdateGoalBody = z.input<typeof updateGoalBody>;

const datesInOrder = (v: { startDate?: string | null; dueDate?: string | null }) =>
  !v.startDate || !v.dueDate || v.dueDate >= v.startDate;

export const actionBody = z
  .object({
    title: requiredText(300),
    description: optionalText(4000),
    responsibleUserId: z.uuid().nullable().default(null),
    startDate: isoDate.nullable().default(null),
    dueDate: isoDate.nullable().default(null),
    status: z.enum(actionStatuses).default('not_started'),
    position: z.number().int().min(1).max(1000).optional(),
  })
  .refine(datesInOrder, { message: 'end_before_start', path: ['dueDate'] });
export type ActionBody = z.input<typeof actionBody>;
/** On an adopted plan only status changes (progress); on a draft, everything. */
export const updateActionBody = z
  .object({
    title: requiredText(300),
    description: optionalText(4000),
    responsibleUserId: z.uuid().nullable(),
    startDate: isoDate.nullable(),
    dueDate: isoDate.nullable(),
    status: z.enum(actionStatuses),
    position: z.number().int().min(1).max(1000),
  })
  .partial()
  .refine(datesInOrder, { message: 'end_before_start', path: ['dueDate'] });
export type UpdateActionBody = z.input<typeof updateActionBody>;

export const indicatorBody = z.object({
  name: requiredText(300),
  description: optionalText(4000),
  measure: z.enum(indicatorMeasures),
  direction: z.enum(indicatorDirections),
  target: z.number().min(-1e12).max(1e12).nullable().default(null),
  aboutPeople: z.boolean().default(false),
  source: z.enum(indicatorSources).default('manual'),
  position: z.number().int().min(1).max(1000).optional(),
});
export type IndicatorBody = z.input<typeof indicatorBody>;
export const updateIndicatorBody = z
  .object({
    name: requiredText(300),
    description: optionalText(4000),
    measure: z.enum(indicatorMeasures),
    direction: z.enum(indicatorDirections),
    target: z.number().min(-1e12).max(1e12).nullable(),
    aboutPeople: z.boolean(),
    source: z.enum(indicatorSources),
    position: z.number().int().min(1).max(1000),
  })
  .partial();
export type UpdateIndicatorBody = z.input<typeof updateIndicatorBody>;

export const planAction = z.object({
  id: z.uuid(),
  /** The same action through the plan's versions (its comments and follow-ups follow it). */
  lineageId: z.uuid(),
  goalId: z.uuid(),
  position: z.number().int(),
  title: z.string(),
  description: z.string().nullable(),
  responsibleUserId: z.uuid().nullable(),
  responsibleName: z.string().nullable(),
  startDate: isoDate.nullable(),
  dueDate: isoDate.nullable(),
  status: z.enum(actionStatuses),
  /** Due before today and neither done nor cancelled. */
  overdue: z.boolean(),
});
export type PlanAction = z.infer<typeof planAction>;

export const planIndicator = z.object({
  id: z.uuid(),
  /** The same indicator through the plan's versions (its comments and follow-ups follow it). */
  lineageId: z.uuid(),
  goalId: z.uuid(),
  position: z.number().int(),
  name: z.string(),
  description: z.string().nullable(),
  measure: z.enum(indicatorMeasures),
  direction: z.enum(indicatorDirections),
  target: z.number().nullable(),
  aboutPeople: z.boolean(),
  source: z.enum(indicatorSources),
});
export type PlanIndicator = z.infer<typeof planIndicator>;

export const planGoal = z.object({
  id: z.uuid(),
  /** The same goal through the plan's versions (its comments and follow-ups follow it). */
  lineageId: z.uuid(),
  planId: z.uuid(),
  position: z.number().int(),
  title: z.string(),
  description: z.string().nullable(),
  servesGoalId: z.uuid().nullable(),
  /** The municipal goal served, named: "Goal title (Plan name)". */
  servesGoalName: z.string().nullable(),
  actions: z.array(planAction),
  indicators: z.array(planIndicator),
});
export type PlanGoal = z.infer<typeof planGoal>;

export const planSummary = z.object({
  id: z.uuid(),
  seriesId: z.uuid(),
  version: z.number().int(),
  scope: z.enum(planScopes),
  administrationId: z.uuid().nullable(),
  administrationName: z.string().nullable(),
  unitId: z.uuid().nullable(),
  unitName: z.string().nullable(),
  area: z.enum(planAreas),
  name: z.string(),
  startYear: z.number().int(),
  endYear: z.number().int(),
  status: z.enum(planStatuses),
  adoptedOn: isoDate.nullable(),
  adoptedBy: z.string().nullable(),
  isPublic: z.boolean(),
  goalCount: z.number().int(),
  actionCount: z.number().int(),
  actionsDone: z.number().int(),
  actionsOverdue: z.number().int(),
  updatedAt: z.string(),
});
export type PlanSummary = z.infer<typeof planSummary>;

export const planVersion = z.object({
  id: z.uuid(),
  version: z.number().int(),
  status: z.enum(planStatuses),
  adoptedOn: isoDate.nullable(),
  adoptedBy: z.string().nullable(),
  changeNote: z.string().nullable(),
  createdAt: z.string(),
  createdByName: z.string().nullable(),
});
export type PlanVersion = z.infer<typeof planVersion>;

export const plan = planSummary.extend({
  description: z.string().nullable(),
  changeNote: z.string().nullable(),
  createdAt: z.string(),
  createdByName: z.string().nullable(),
  goals: z.array(planGoal),
  /** Every version of the plan, newest first (this one among them). */
  versions: z.array(planVersion),
  /** What the person asking may do with this version. */
  can: z.object({
    edit: z.boolean(),
    adopt: z.boolean(),
    revise: z.boolean(),
    end: z.boolean(),
    delete: z.boolean(),
    updateProgress: z.boolean(),
  }),
});
export type Plan = z.infer<typeof plan>;

export const planPage = page(planSummary);
export const planListQuery = listQuery.extend({
  scope: z.enum(planScopes).optional(),
  administrationId: z.uuid().optional(),
  unitId: z.uuid().optional(),
  area: z.enum(planAreas).optional(),
  status: z.enum(planStatuses).optional(),
  /** 'all' lists every version; by default each plan's newest version only. */
  versions: z.enum(['latest', 'all']).default('latest'),
  sort: z.enum(['name', '-name', 'startYear', '-startYear', 'updatedAt', '-updatedAt']).default('-startYear'),
});
export type PlanListQuery = z.input<typeof planListQuery>;

/** What changed from the previous version: goals, actions and indicators added, removed or changed (by field). */
export const planChange = z.object({
  kind: z.enum(['plan', 'goal', 'action', 'indicator']),
  change: z.enum(['added', 'removed', 'changed']),
  /** The title or name, as in this version (as in the previous one when removed). */
  label: z.string(),
  fields: z.array(z.string()),
});
export type PlanChange = z.infer<typeof planChange>;
export const planChanges = z.object({
  planId: z.uuid(),
  previousPlanId: z.uuid().nullable(),
  previousVersion: z.number().int().nullable(),
  items: z.array(planChange),
});
export type PlanChanges = z.infer<typeof planChanges>;

export const goalParams = z.object({ id: z.uuid() });

/** A goal of an adopted municipal plan, for a plan of an administration or a unit to serve. */
export const municipalGoalOption = z.object({ id: z.uuid(), title: z.string(), planId: z.uuid(), planName: z.string() });
export type MunicipalGoalOption = z.infer<typeof municipalGoalOption>;
export const municipalGoalList = z.object({ items: z.array(municipalGoalOption) });
