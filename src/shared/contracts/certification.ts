import { z } from 'zod';
import { isoDate, listQuery, optionalText, page, requiredText } from './common.js';
import { planAreas } from './plans.js';

/**
 * Certification of units (certifiering): schemes with criteria, a process per unit with a live
 * checklist, certificates with a public register. See docs/certification.md.
 */

/**
 * Computed criteria take their value from data Inkludera has; 'confirmed' ones are met when a person
 * confirms them with evidence. 'action_plan' is met by an adopted plan of the unit, of the area,
 * whose period covers the year.
 */
export const criterionKinds = ['course_share', 'sessions_held', 'working_group', 'action_plan', 'confirmed'] as const;
export type CriterionKind = (typeof criterionKinds)[number];

/** The area an action_plan criterion asks for; a plan for both areas serves either. */
export const criterionPlanAreas = planAreas.filter((area) => area !== 'both') as ['gender_equality', 'hbtq'];

export const criterionBody = z
  .object({
    kind: z.enum(criterionKinds),
    label: requiredText(200),
    description: optionalText(2000),
    /** course_share: the course completed; sessions_held: the course of the sessions (null: any course). */
    courseId: z.uuid().nullable().default(null),
    /** course_share: percent of the unit's current staff; sessions_held: sessions; working_group: members. */
    threshold: z.number().int().min(1).max(1000).nullable().default(null),
    /** action_plan: the area of the plan. */
    planArea: z.enum(criterionPlanAreas).nullable().default(null),
  })
  .superRefine((value, context) => {
    if (value.kind === 'course_share' && !value.courseId)
      context.addIssue({ code: 'custom', path: ['courseId'], message: 'course_required' });
    if (value.kind === 'course_share' && value.threshold !== null && value.threshold > 100)
      context.addIssue({ code: 'custom', path: ['threshold'], message: 'percent_at_most_100' });
    // The working group is at most 100 people (groupBody), so a larger requirement could never be met.
    if (value.kind === 'working_group' && value.threshold !== null && value.threshold > 100)
      context.addIssue({ code: 'custom', path: ['threshold'], message: 'group_at_most_100' });
    if (value.kind === 'action_plan' && value.planArea === null)
      context.addIssue({ code: 'custom', path: ['planArea'], message: 'plan_area_required' });
    // An action plan is there or not: no threshold to set.
    if (value.kind !== 'confirmed' && value.kind !== 'action_plan' && value.threshold === null)
      context.addIssue({ code: 'custom', path: ['threshold'], message: 'threshold_required' });
  });
export type CriterionBody = z.input<typeof criterionBody>;

const schemeFields = {
  name: requiredText(200),
  issuer: requiredText(200),
  description: optionalText(4000),
  validityYears: z.number().int().min(1).max(10),
  active: z.boolean(),
  /** The whole list, in order: replaces the scheme's criteria (allowed while no process uses the scheme). */
  criteria: z.array(criterionBody).min(1).max(30),
};

export const schemeBody = z.object({ ...schemeFields, active: schemeFields.active.default(true) });
export type SchemeBody = z.input<typeof schemeBody>;
export const updateSchemeBody = z.object(schemeFields).partial();
export type UpdateSchemeBody = z.input<typeof updateSchemeBody>;

export const criterion = z.object({
  id: z.uuid(),
  position: z.number().int(),
  kind: z.enum(criterionKinds),
  label: z.string(),
  description: z.string().nullable(),
  courseId: z.uuid().nullable(),
  courseName: z.string().nullable(),
  threshold: z.number().int().nullable(),
  planArea: z.enum(criterionPlanAreas).nullable(),
});
export type Criterion = z.infer<typeof criterion>;

export const schemeSummary = z.object({
  id: z.uuid(),
  name: z.string(),
  issuer: z.string(),
  description: z.string().nullable(),
  validityYears: z.number().int(),
  active: z.boolean(),
  criterionCount: z.number().int(),
  /** Processes and certificates that use the scheme: while there are any, its criteria cannot change. */
  inUse: z.boolean(),
});
export type SchemeSummary = z.infer<typeof schemeSummary>;
export const scheme = schemeSummary.extend({ criteria: z.array(criterion) });
export type Scheme = z.infer<typeof scheme>;
export const schemeList = z.object({ items: z.array(schemeSummary) });

/** Where a unit stands with a scheme, or with any scheme when none is chosen. */
export const unitCertificationStatuses = ['certified', 'in_process', 'expired', 'not_started'] as const;
export type UnitCertificationStatus = (typeof unitCertificationStatuses)[number];

/** The sorts of the units' status list: one of these, with '-' in front for descending (default: administration, then unit). */
export const certificationUnitSorts = ['unitName', 'administrationName', 'status', 'validUntil'] as const;
export type CertificationUnitSort = (typeof certificationUnitSorts)[number];

export const certificationUnitsQuery = listQuery.extend({
  pageSize: z.coerce.number().int().min(1).max(1000).default(1000),
  /** An unknown key is a 400, not silently ignored. */
  sort: listQuery.shape.sort.refine(
    (sort) => sort === undefined || (certificationUnitSorts as readonly string[]).includes(sort.replace(/^-/, '')),
    { message: 'unknown_sort' },
  ),
  administrationId: z.uuid().optional(),
  schemeId: z.uuid().optional(),
  status: z.enum(unitCertificationStatuses).optional(),
  /** 'true': only the units that work with children and youth (the rule that they be certified). */
  worksWithChildren: z.enum(['true', 'false']).optional(),
});
export type CertificationUnitsQuery = z.input<typeof certificationUnitsQuery>;

/** A computed criterion of a valid certificate that the unit no longer meets today: the certificate stays valid; this says what to mend. */
export const belowThreshold = z.object({
  criterionId: z.uuid(),
  label: z.string(),
  kind: z.enum(['course_share', 'working_group', 'action_plan']),
  threshold: z.number().int(),
  value: z.number().int(),
  of: z.number().int().nullable(),
  percent: z.number().int().nullable(),
});
export type BelowThreshold = z.infer<typeof belowThreshold>;

export const certificationUnit = z.object({
  unitId: z.uuid(),
  unitName: z.string(),
  administrationId: z.uuid(),
  administrationName: z.string(),
  worksWithChildren: z.boolean(),
  status: z.enum(unitCertificationStatuses),
  /** The newest valid certificate, else the newest expired one. */
  certificateId: z.uuid().nullable(),
  schemeName: z.string().nullable(),
  validUntil: isoDate.nullable(),
  openProcessId: z.uuid().nullable(),
  /** For a certified unit: the computed criteria of its certificate that it no longer meets. */
  belowThreshold: z.array(belowThreshold),
});
export type CertificationUnit = z.infer<typeof certificationUnit>;
export const certificationUnitPage = page(certificationUnit).extend({
  /** Over the whole filtered list, not only the page. */
  counts: z.record(z.enum(unitCertificationStatuses), z.number().int()),
});
export type CertificationUnitPage = z.infer<typeof certificationUnitPage>;

export const openProcessBody = z.object({ unitId: z.uuid(), schemeId: z.uuid() });
export type OpenProcessBody = z.input<typeof openProcessBody>;

export const processStatuses = ['open', 'certified', 'cancelled'] as const;
export type ProcessStatus = (typeof processStatuses)[number];

/** A criterion of the checklist with its live value (computed) or its confirmation (confirmed). */
export const checklistItem = criterion.extend({
  met: z.boolean(),
  /** course_share: staff who completed; sessions_held: sessions held; working_group: members. */
  value: z.number().int().nullable(),
  /** course_share: the unit's current staff. */
  of: z.number().int().nullable(),
  /** course_share: value / of in percent, rounded down. */
  percent: z.number().int().nullable(),
  confirmation: z.object({ evidence: z.string(), confirmedByName: z.string().nullable(), confirmedAt: z.string() }).nullable(),
});
export type ChecklistItem = z.infer<typeof checklistItem>;

export const groupMember = z.object({
  employeeId: z.uuid(),
  name: z.string(),
  title: z.string().nullable(),
  /** Still employed in the unit: only they count towards the group's size. */
  current: z.boolean(),
});
export type GroupMember = z.infer<typeof groupMember>;

export const processSummary = z.object({
  id: z.uuid(),
  unitId: z.uuid(),
  unitName: z.string(),
  administrationName: z.string(),
  schemeId: z.uuid(),
  schemeName: z.string(),
  status: z.enum(processStatuses),
  openedAt: z.string(),
  openedByName: z.string().nullable(),
  closedAt: z.string().nullable(),
  /** The certificate this process renews, if any. */
  renewalOfCertificateId: z.uuid().nullable(),
});
export type ProcessSummary = z.infer<typeof processSummary>;

export const certificationProcess = processSummary.extend({
  checklist: z.array(checklistItem),
  group: z.array(groupMember),
  /** Every criterion is met today. */
  ready: z.boolean(),
  /** The certificate issued from this process, once certified. */
  certificateId: z.uuid().nullable(),
  /** The day the checklist was computed for (today, in Sweden). */
  asOf: isoDate,
});
export type CertificationProcess = z.infer<typeof certificationProcess>;
/** A process in a list, with how far its checklist has come today (open processes only). */
export const processListItem = processSummary.extend({
  readiness: z.object({ met: z.number().int(), total: z.number().int(), ready: z.boolean() }).nullable(),
});
export type ProcessListItem = z.infer<typeof processListItem>;
export const processList = z.object({ items: z.array(processListItem) });
export const processListQuery = z.object({ unitId: z.uuid().optional(), status: z.enum(processStatuses).optional() });

export const groupBody = z.object({ employeeIds: z.array(z.uuid()).max(100) });
export type GroupBody = z.input<typeof groupBody>;
export const confirmationBody = z.object({ evidence: requiredText(4000) });
export type ConfirmationBody = z.input<typeof confirmationBody>;
export const criterionParams = z.object({ id: z.uuid(), criterionId: z.uuid() });

export const certifyBody = z.object({
  /** Several units certified at once, as on that day in the source: all or none. */
  processIds: z.array(z.uuid()).min(1).max(200),
  /** Defaults to today. Not in the future, nor before 2000 (a typing error, not history). */
  certifiedOn: isoDate.refine((day) => day >= '2000-01-01', { message: 'date_before_2000' }).optional(),
});
export type CertifyBody = z.input<typeof certifyBody>;

export const certificateStatuses = ['valid', 'expired', 'revoked'] as const;
export type CertificateStatus = (typeof certificateStatuses)[number];

export const snapshotItem = z.object({
  label: z.string(),
  kind: z.enum(criterionKinds),
  threshold: z.number().int().nullable(),
  value: z.number().int().nullable(),
  of: z.number().int().nullable(),
  percent: z.number().int().nullable(),
  evidence: z.string().nullable(),
});
export type SnapshotItem = z.infer<typeof snapshotItem>;

export const certificate = z.object({
  id: z.uuid(),
  unitId: z.uuid(),
  unitName: z.string(),
  administrationName: z.string(),
  schemeId: z.uuid(),
  schemeName: z.string(),
  issuer: z.string(),
  processId: z.uuid(),
  certifiedOn: isoDate,
  validUntil: isoDate,
  status: z.enum(certificateStatuses),
  code: z.string(),
  certifiedByName: z.string().nullable(),
  revokedAt: z.string().nullable(),
  revokedReason: z.string().nullable(),
  /** The criteria as they stood when the unit was certified. */
  snapshot: z.array(snapshotItem),
});
export type Certificate = z.infer<typeof certificate>;
export const certificateList = z.object({ items: z.array(certificate) });
export const certificateListQuery = z.object({ unitId: z.uuid().optional() });
export const revokeBody = z.object({ reason: requiredText(2000) });
export type RevokeBody = z.input<typeof revokeBody>;

/** The public register: what anyone may read. No person is named in it, not even who certified. */
export const publicCertificate = z.object({
  unitName: z.string(),
  administrationName: z.string(),
  schemeName: z.string(),
  issuer: z.string(),
  validFrom: isoDate,
  validUntil: isoDate,
});
export type PublicCertificate = z.infer<typeof publicCertificate>;
export const publicRegister = z.object({ asOf: isoDate, items: z.array(publicCertificate) });
export type PublicRegister = z.infer<typeof publicRegister>;

export const unitCertificateVerification = publicCertificate.extend({ status: z.enum(certificateStatuses) });
export type UnitCertificateVerification = z.infer<typeof unitCertificateVerification>;

/** A unit certificate's code: 16 characters of Crockford base32 (80 random bits), checked like a training certificate's. */
export const unitCertificateCodeLength = 16;

export const schemeListQuery = z.object({ active: z.enum(['true', 'false']).optional() });

/** When the unit and the administrators are reminded before a certificate runs out. */
export const certificationSettings = z.object({
  renewalReminderMonths: z
    .array(z.number().int().min(1).max(24))
    .max(6)
    .refine((months) => new Set(months).size === months.length, { message: 'duplicate_month' })
    .transform((months) => [...months].sort((a, b) => b - a)),
});
export type CertificationSettings = z.output<typeof certificationSettings>;
/** The settings as the API answers them (the body's transform has no place in a response). */
export const certificationSettingsView = z.object({ renewalReminderMonths: z.array(z.number().int()) });
export type CertificationSettingsBody = z.input<typeof certificationSettings>;
