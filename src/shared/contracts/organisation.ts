import { z } from 'zod';
import { email, isoDate, listQuery, optionalText, page, requiredText } from './common.js';

const booleanQuery = z.enum(['true', 'false']).transform((v) => v === 'true');

export const personRef = z.object({ id: z.uuid(), name: z.string() }).nullable();

export const administration = z.object({
  id: z.uuid(),
  name: z.string(),
  shortName: z.string().nullable(),
  description: z.string().nullable(),
  active: z.boolean(),
  processLeader: personRef,
  unitCount: z.number().int(),
  employeeCount: z.number().int(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type Administration = z.infer<typeof administration>;
export const administrationPage = page(administration);
export const administrationListQuery = listQuery.extend({ active: booleanQuery.optional() });

export const administrationBody = z.object({
  name: requiredText(200),
  shortName: optionalText(50),
  description: optionalText(2000),
  /** The user who is this administration's process leader; null for none. */
  processLeaderUserId: z.uuid().nullable().default(null),
});
export type AdministrationBody = z.input<typeof administrationBody>;
export const updateAdministrationBody = administrationBody.partial().extend({ active: z.boolean().optional() });

export const unit = z.object({
  id: z.uuid(),
  administrationId: z.uuid(),
  administrationName: z.string(),
  name: z.string(),
  code: z.string().nullable(),
  worksWithChildren: z.boolean(),
  active: z.boolean(),
  manager: personRef,
  employeeCount: z.number().int(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type Unit = z.infer<typeof unit>;
export const unitPage = page(unit);
export const unitListQuery = listQuery.extend({
  administrationId: z.uuid().optional(),
  active: booleanQuery.optional(),
  worksWithChildren: booleanQuery.optional(),
});

export const unitBody = z.object({
  administrationId: z.uuid(),
  name: requiredText(200),
  code: optionalText(50),
  worksWithChildren: z.boolean().default(false),
  /** The user who manages this unit; null for none. */
  managerUserId: z.uuid().nullable().default(null),
});
export type UnitBody = z.input<typeof unitBody>;
export const updateUnitBody = unitBody.partial().extend({ active: z.boolean().optional() });

export const genders = ['woman', 'man', 'not_stated'] as const;

export const employee = z.object({
  id: z.uuid(),
  employeeNumber: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  email: z.string().nullable(),
  unitId: z.uuid(),
  unitName: z.string(),
  administrationId: z.uuid(),
  administrationName: z.string(),
  title: z.string().nullable(),
  gender: z.enum(genders),
  startDate: isoDate,
  endDate: isoDate.nullable(),
  active: z.boolean(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type Employee = z.infer<typeof employee>;
export const employeePage = page(employee);
export const employeeListQuery = listQuery.extend({
  administrationId: z.uuid().optional(),
  unitId: z.uuid().optional(),
  /** current: no end date or one in the future; ended; all. */
  status: z.enum(['current', 'ended', 'all']).default('current'),
});

export const unitHistoryEntry = z.object({
  unitId: z.uuid(),
  unitName: z.string(),
  administrationName: z.string(),
  fromDate: isoDate,
  toDate: isoDate.nullable(),
});
export const employeeDetail = employee.extend({ unitHistory: z.array(unitHistoryEntry) });
export type EmployeeDetail = z.infer<typeof employeeDetail>;

const employeeFields = {
  employeeNumber: z.string().trim().min(1).max(50),
  firstName: requiredText(100),
  lastName: requiredText(100),
  email: z
    .union([email, z.literal('')])
    .nullish()
    .transform((v) => (v ? v : null)),
  unitId: z.uuid(),
  title: optionalText(200),
  gender: z.enum(genders).default('not_stated'),
  startDate: isoDate,
  endDate: isoDate.nullish().transform((v) => v ?? null),
};
const endNotBeforeStart = (v: { startDate?: string; endDate?: string | null }) =>
  !v.startDate || !v.endDate || v.endDate >= v.startDate;

export const employeeBody = z
  .object(employeeFields)
  .refine(endNotBeforeStart, { path: ['endDate'], message: 'end_before_start' });
export type EmployeeBody = z.input<typeof employeeBody>;

export const updateEmployeeBody = z
  .object(employeeFields)
  .partial()
  .extend({
    /** The date a unit change takes effect; today when not given. */
    movedOn: isoDate.optional(),
  })
  .refine(endNotBeforeStart, { path: ['endDate'], message: 'end_before_start' });
export type UpdateEmployeeBody = z.input<typeof updateEmployeeBody>;
