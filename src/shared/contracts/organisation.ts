import { z } from 'zod';
import { email, isoDate, listQuery, optionalText, page, requiredText } from './common.js';

const booleanQuery = z.enum(['true', 'false']).transform((v) => v === 'true');

/** A list's sort: one of the keys, with '-' in front for descending. Unknown keys are a 400, not silently ignored. */
function sortQuery<const K extends string>(keys: readonly [K, ...K[]], fallback: K) {
  type Sort = K | `-${K}`;
  const values = keys.flatMap((key) => [key, `-${key}`]) as [Sort, ...Sort[]];
  return z.enum(values).default(fallback as never) as unknown as z.ZodDefault<z.ZodEnum<{ [S in Sort]: S }>>;
}

export const personRef = z.object({ id: z.uuid(), name: z.string() }).nullable();

// ---------------------------------------------------------------------------------------------
// Administrations (förvaltningar)

export const administration = z.object({
  id: z.uuid(),
  name: z.string(),
  shortName: z.string().nullable(),
  description: z.string().nullable(),
  active: z.boolean(),
  closedAt: z.iso.datetime().nullable(),
  processLeader: personRef,
  /** Active units. */
  unitCount: z.number().int(),
  /** Current employees (not ended) in the administration's units. */
  employeeCount: z.number().int(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type Administration = z.infer<typeof administration>;
export const administrationPage = page(administration);
export const administrationSorts = ['name', 'createdAt', 'updatedAt'] as const;
export const administrationListQuery = listQuery.extend({
  active: booleanQuery.optional(),
  sort: sortQuery(administrationSorts, 'name'),
});
export type AdministrationListQuery = z.infer<typeof administrationListQuery>;

const administrationFields = {
  name: requiredText(200),
  shortName: optionalText(50),
  description: optionalText(2000),
  /** The user who is this administration's process leader; null for none. */
  processLeaderUserId: z.uuid().nullable(),
};

export const administrationBody = z.object({
  ...administrationFields,
  processLeaderUserId: administrationFields.processLeaderUserId.default(null),
});
export type AdministrationBody = z.input<typeof administrationBody>;

/**
 * Only the fields sent are changed. Built from fields without defaults: zod 4 applies a default
 * inside .partial(), which would silently remove the process leader on every rename.
 * active: false closes the administration (only when it has no active units), true reopens it.
 */
export const updateAdministrationBody = z.object(administrationFields).partial().extend({ active: z.boolean().optional() });
export type UpdateAdministrationBody = z.input<typeof updateAdministrationBody>;

// ---------------------------------------------------------------------------------------------
// Units (verksamheter)

export const unit = z.object({
  id: z.uuid(),
  administrationId: z.uuid(),
  administrationName: z.string(),
  name: z.string(),
  code: z.string().nullable(),
  worksWithChildren: z.boolean(),
  active: z.boolean(),
  closedAt: z.iso.datetime().nullable(),
  manager: personRef,
  /** Current employees (not ended). */
  employeeCount: z.number().int(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type Unit = z.infer<typeof unit>;
export const unitPage = page(unit);
export const unitSorts = ['name', 'code', 'administrationName', 'createdAt'] as const;
export const unitListQuery = listQuery.extend({
  administrationId: z.uuid().optional(),
  active: booleanQuery.optional(),
  worksWithChildren: booleanQuery.optional(),
  sort: sortQuery(unitSorts, 'name'),
});
export type UnitListQuery = z.infer<typeof unitListQuery>;

const unitFields = {
  administrationId: z.uuid(),
  name: requiredText(200),
  code: optionalText(50),
  worksWithChildren: z.boolean(),
  /** The user who manages this unit; null for none. */
  managerUserId: z.uuid().nullable(),
};

export const unitBody = z.object({
  ...unitFields,
  worksWithChildren: unitFields.worksWithChildren.default(false),
  managerUserId: unitFields.managerUserId.default(null),
});
export type UnitBody = z.input<typeof unitBody>;

/**
 * Only the fields sent are changed (no defaults, see updateAdministrationBody).
 * active: false closes the unit (only when it has no current employees), true reopens it.
 * A unit manager may change name, code and worksWithChildren of their own units; closing,
 * reopening, moving to another administration and choosing the manager are for the process
 * leader of the administration and administrators.
 */
export const updateUnitBody = z.object(unitFields).partial().extend({ active: z.boolean().optional() });
export type UpdateUnitBody = z.input<typeof updateUnitBody>;

// ---------------------------------------------------------------------------------------------
// Employees (medarbetare)

export const genders = ['woman', 'man', 'not_stated'] as const;
export type Gender = (typeof genders)[number];

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
  /**
   * For statistics only. An individual's gender is shown to administrators and training
   * coordinators; everyone else gets null.
   */
  gender: z.enum(genders).nullable(),
  startDate: isoDate,
  /** The last day of employment; null while employed until further notice. */
  endDate: isoDate.nullable(),
  /** Not ended: no end date, or one that has not passed (today in Europe/Stockholm). */
  active: z.boolean(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type Employee = z.infer<typeof employee>;
export const employeePage = page(employee);
export const employeeSorts = ['lastName', 'firstName', 'employeeNumber', 'startDate', 'unitName'] as const;
export const employeeListQuery = listQuery.extend({
  administrationId: z.uuid().optional(),
  unitId: z.uuid().optional(),
  /** current: no end date or one that has not passed; ended: the end date has passed; all. */
  status: z.enum(['current', 'ended', 'all']).default('current'),
  sort: sortQuery(employeeSorts, 'lastName'),
});
export type EmployeeListQuery = z.infer<typeof employeeListQuery>;

export const unitHistoryEntry = z.object({
  unitId: z.uuid(),
  unitName: z.string(),
  administrationId: z.uuid(),
  administrationName: z.string(),
  fromDate: isoDate,
  /** The last day in the unit; null for the current unit. */
  toDate: isoDate.nullable(),
});
export type UnitHistoryEntry = z.infer<typeof unitHistoryEntry>;
/** unitHistory is oldest first. */
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
  gender: z.enum(genders),
  startDate: isoDate,
  endDate: isoDate.nullish().transform((v) => v ?? null),
};
const endNotBeforeStart = (v: { startDate?: string; endDate?: string | null }) =>
  !v.startDate || !v.endDate || v.endDate >= v.startDate;

export const employeeBody = z
  .object({ ...employeeFields, gender: employeeFields.gender.default('not_stated') })
  .refine(endNotBeforeStart, { path: ['endDate'], message: 'end_before_start' });
export type EmployeeBody = z.input<typeof employeeBody>;

/**
 * Only the fields sent are changed (no defaults, see updateAdministrationBody). A new unitId moves
 * the employee: the current unit ends the day before movedOn and the new one starts on movedOn
 * (today in Europe/Stockholm when not given; not in the future, not before employment started,
 * and after the day the employee joined the current unit). movedOn is ignored without a new unitId.
 * endDate ends the employment; null undoes that.
 */
export const updateEmployeeBody = z
  .object(employeeFields)
  .partial()
  .extend({
    movedOn: isoDate.optional(),
  })
  .refine(endNotBeforeStart, { path: ['endDate'], message: 'end_before_start' });
export type UpdateEmployeeBody = z.input<typeof updateEmployeeBody>;
