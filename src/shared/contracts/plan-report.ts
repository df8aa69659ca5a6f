import { z } from 'zod';
import { actionStatuses, indicatorDirections, indicatorMeasures, planAreas, planScopes, planStatuses } from './plans.js';
import { goalAssessments } from './plan-follow-up.js';

/**
 * The follow-up report (uppföljningsrapport) for a period and a scope: what the delårsrapport and
 * the årsredovisning take from the plans, assembled so nothing is written twice. The same model is
 * shown on the screen and written as PDF, Word and Excel. See docs/plans.md.
 */

export const reportScopes = planScopes;
export type ReportScope = (typeof reportScopes)[number];
export const reportFormats = ['pdf', 'docx', 'xlsx'] as const;
export type ReportFormat = (typeof reportFormats)[number];

export const planReportQuery = z
  .object({
    periodId: z.uuid(),
    scope: z.enum(reportScopes).default('municipality'),
    administrationId: z.uuid().optional(),
    unitId: z.uuid().optional(),
    /** en: the documents in English (the screen follows the person's language). */
    lang: z.enum(['sv', 'en']).optional(),
  })
  .superRefine((value, context) => {
    if (value.scope === 'administration' && !value.administrationId)
      context.addIssue({ code: 'custom', path: ['administrationId'], message: 'administration_required' });
    if (value.scope === 'unit' && !value.unitId) context.addIssue({ code: 'custom', path: ['unitId'], message: 'unit_required' });
  });
export type PlanReportQuery = z.input<typeof planReportQuery>;
export const planReportExportQuery = planReportQuery.safeExtend({ format: z.enum(reportFormats) });

const genderValues = {
  women: z.number().nullable(),
  men: z.number().nullable(),
  total: z.number().nullable(),
};

export const reportTrendPoint = z.object({
  periodId: z.uuid(),
  /** "2025 Helår": the year's last period before the reported one, and the reported period itself. */
  label: z.string(),
  ...genderValues,
});
export type ReportTrendPoint = z.infer<typeof reportTrendPoint>;

export const reportIndicator = z.object({
  id: z.uuid(),
  name: z.string(),
  measure: z.enum(indicatorMeasures),
  direction: z.enum(indicatorDirections),
  target: z.number().nullable(),
  aboutPeople: z.boolean(),
  /** This period's outcome; null when not reported. */
  outcome: z.object({ ...genderValues, missingSplitReason: z.string().nullable(), comment: z.string().nullable() }).nullable(),
  /** About people, reported, and without women and men. */
  missingSplit: z.boolean(),
  /** Whether the outcome reaches the target (direction-aware); null without both. */
  onTarget: z.boolean().nullable(),
  trend: z.array(reportTrendPoint),
});
export type ReportIndicator = z.infer<typeof reportIndicator>;

export const reportAction = z.object({
  id: z.uuid(),
  title: z.string(),
  responsibleName: z.string().nullable(),
  dueDate: z.string().nullable(),
  /** As reported for the period; the action's present status when it was not reported. */
  status: z.enum(actionStatuses),
  reported: z.boolean(),
  comment: z.string().nullable(),
});
export type ReportAction = z.infer<typeof reportAction>;

export const reportGoal = z.object({
  id: z.uuid(),
  title: z.string(),
  assessment: z.enum(goalAssessments).nullable(),
  analysis: z.string().nullable(),
  actions: z.array(reportAction),
  indicators: z.array(reportIndicator),
});
export type ReportGoal = z.infer<typeof reportGoal>;

export const reportPlan = z.object({
  id: z.uuid(),
  name: z.string(),
  area: z.enum(planAreas),
  scope: z.enum(planScopes),
  ownerName: z.string().nullable(),
  startYear: z.number().int(),
  endYear: z.number().int(),
  status: z.enum(planStatuses),
  version: z.number().int(),
  adoptedOn: z.string().nullable(),
  adoptedBy: z.string().nullable(),
  goals: z.array(reportGoal),
});
export type ReportPlan = z.infer<typeof reportPlan>;

export const planReport = z.object({
  period: z.object({
    id: z.uuid(),
    year: z.number().int(),
    name: z.string(),
    startsOn: z.string(),
    endsOn: z.string(),
    deadline: z.string(),
  }),
  scope: z.object({ kind: z.enum(reportScopes), id: z.uuid().nullable(), name: z.string().nullable() }),
  generatedAt: z.string(),
  summary: z.object({
    plans: z.number().int(),
    goals: z.record(z.enum([...goalAssessments, 'unassessed']), z.number().int()),
    actions: z.record(z.enum(actionStatuses), z.number().int()),
    actionsUnreported: z.number().int(),
    indicators: z.number().int(),
    indicatorsUnreported: z.number().int(),
    indicatorsMissingSplit: z.number().int(),
  }),
  plans: z.array(reportPlan),
});
export type PlanReport = z.infer<typeof planReport>;

/**
 * An export made in the background (POST /api/plan-reports/exports): its progress while the
 * document is written, then its file. It lives in the server's memory for a while (see
 * docs/plans-report.md); only the person who started it sees it.
 */
export const reportExportBody = planReportExportQuery;
export type ReportExportBody = z.input<typeof reportExportBody>;
export const reportExportPhases = ['gathering', 'writing', 'done', 'failed'] as const;
export type ReportExportPhase = (typeof reportExportPhases)[number];
export const reportExport = z.object({
  id: z.uuid(),
  format: z.enum(reportFormats),
  /** gathering: the report's data is read; writing: plans done of total; done: the file can be fetched. */
  phase: z.enum(reportExportPhases),
  periodId: z.uuid(),
  scope: z.enum(reportScopes),
  /** The report's title ("Uppföljning Helår 2025: Hela kommunen") once its data is read. */
  title: z.string().nullable(),
  done: z.number().int(),
  total: z.number().int(),
  /** Pages written so far (PDF). */
  pages: z.number().int(),
  /** Seconds left, estimated from the plans written so far; null before that. */
  etaSeconds: z.number().int().nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  fileName: z.string().nullable(),
  fileSize: z.number().int().nullable(),
  /** Why it failed: an error code (errors.<code> in the translations). */
  error: z.string().nullable(),
});
export type ReportExport = z.infer<typeof reportExport>;
export const reportExportList = z.object({ items: z.array(reportExport) });
