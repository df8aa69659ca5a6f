import { z } from 'zod';
import { id, isoDate, requiredText } from './common.js';
import { actionStatuses, indicatorDirections, indicatorMeasures, planAreas, planScopes } from './plans.js';

/**
 * The public site (no login): the texts the administrator edits, the contact persons shown, and the
 * public view of adopted plans marked public. See docs/public-site.md.
 */

/** How far the site complies with the law on accessibility of digital public services (DIGG's model). */
export const accessibilityStatuses = ['full', 'partial', 'none'] as const;
export type AccessibilityStatus = (typeof accessibilityStatuses)[number];

export const publicSiteTextMax = 10_000;
export const publicSiteContactsMax = 20;
export const publicSitePhonePattern = /^\+?[0-9][0-9 ()-]{3,28}[0-9]$/;

const longText = z.string().trim().max(publicSiteTextMax);

export const publicSiteContactBody = z
  .object({
    userId: id,
    roleSv: requiredText(200),
    roleEn: requiredText(200),
    phone: z
      .string()
      .trim()
      .max(30)
      .nullish()
      .transform((v) => (v ? v : null))
      .refine((v) => v === null || publicSitePhonePattern.test(v), { message: 'invalid_phone' }),
  })
  .strict();
export type PublicSiteContactBody = z.input<typeof publicSiteContactBody>;

/** What the administrator sends: every text in Swedish and English, and the contacts in the order shown. */
export const publicSiteSettingsBody = z
  .object({
    introSv: requiredText(publicSiteTextMax),
    introEn: requiredText(publicSiteTextMax),
    accessibilityStatus: z.enum(accessibilityStatuses),
    shortcomingsSv: longText,
    shortcomingsEn: longText,
    testingSv: longText,
    testingEn: longText,
    statementDate: isoDate,
    contacts: z
      .array(publicSiteContactBody)
      .max(publicSiteContactsMax)
      .refine((list) => new Set(list.map((c) => c.userId)).size === list.length, { message: 'duplicate_contact' }),
  })
  .strict();
export type PublicSiteSettingsBody = z.input<typeof publicSiteSettingsBody>;

export const publicSiteContact = z.object({
  userId: id,
  name: z.string(),
  email: z.string(),
  /** A deactivated user stays in the settings but is not shown on the public site. */
  active: z.boolean(),
  roleSv: z.string(),
  roleEn: z.string(),
  phone: z.string().nullable(),
});
export type PublicSiteContact = z.infer<typeof publicSiteContact>;

export const publicSiteSettings = z.object({
  introSv: z.string(),
  introEn: z.string(),
  accessibilityStatus: z.enum(accessibilityStatuses),
  shortcomingsSv: z.string(),
  shortcomingsEn: z.string(),
  testingSv: z.string(),
  testingEn: z.string(),
  statementDate: isoDate,
  contacts: z.array(publicSiteContact),
  updatedAt: z.string(),
});
export type PublicSiteSettings = z.infer<typeof publicSiteSettings>;

const bilingual = z.object({ sv: z.string(), en: z.string() });

/** The public content as JSON for other front ends: only what the public pages show. */
export const publicSiteContent = z.object({
  intro: bilingual,
  accessibility: z.object({
    status: z.enum(accessibilityStatuses),
    shortcomings: bilingual,
    testing: bilingual,
    statementDate: isoDate,
    reportUrl: z.string(),
  }),
  contacts: z.array(z.object({ name: z.string(), email: z.string(), phone: z.string().nullable(), role: bilingual })),
});
export type PublicSiteContent = z.infer<typeof publicSiteContent>;

/** An adopted plan marked public; id is the plan's series, so a link stays when a new version is adopted. */
export const publicPlanSummary = z.object({
  id,
  name: z.string(),
  description: z.string().nullable(),
  scope: z.enum(planScopes),
  /** The administration's or unit's name; null for the municipality's plans. */
  ownerName: z.string().nullable(),
  area: z.enum(planAreas),
  startYear: z.number().int(),
  endYear: z.number().int(),
  version: z.number().int(),
  adoptedOn: isoDate.nullable(),
  adoptedBy: z.string().nullable(),
});
export type PublicPlanSummary = z.infer<typeof publicPlanSummary>;

/** A public plan's goals, actions and indicators: no person (not who is responsible for an action), no follow-up notes. */
export const publicPlan = publicPlanSummary.extend({
  goals: z.array(
    z.object({
      title: z.string(),
      description: z.string().nullable(),
      actions: z.array(
        z.object({
          title: z.string(),
          description: z.string().nullable(),
          startDate: isoDate.nullable(),
          dueDate: isoDate.nullable(),
          status: z.enum(actionStatuses),
        }),
      ),
      indicators: z.array(
        z.object({
          name: z.string(),
          description: z.string().nullable(),
          measure: z.enum(indicatorMeasures),
          direction: z.enum(indicatorDirections),
          target: z.number().nullable(),
          aboutPeople: z.boolean(),
        }),
      ),
    }),
  ),
});
export type PublicPlan = z.infer<typeof publicPlan>;
export const publicPlanList = z.object({ items: z.array(publicPlanSummary) });
