import type { UseFormReturnType } from '@mantine/form';
import { createUserBody, roleScopeIssues, updateUserBody, type RoleInput, type User } from '#shared/contracts/users';
import { roleScope, roles as allRoles, type Role } from '#shared/permissions';
import { ApiError } from '../../api/client';
import { applyServerErrors, zodValidate } from '../../components/forms';
import { shownBesideFields } from '../../components/formErrors';
import i18n from '../../i18n';
import { employeeLabel, type Option } from '../organisation/Selects';

/**
 * The form's shape: roles as checkboxes, a process leader's administration and a unit manager's
 * units beside them; the employee record the account belongs to, if any.
 */
export type UserFormValues = {
  name: string;
  email: string;
  password: string;
  locale: 'sv' | 'en';
  employeeId: string | null;
  roles: Role[];
  administrationId: string | null;
  unitIds: string[];
};

export const emptyUser: UserFormValues = {
  name: '',
  email: '',
  password: '',
  locale: 'sv',
  employeeId: null,
  roles: [],
  administrationId: null,
  unitIds: [],
};

export function valuesOf(user: User): UserFormValues {
  return {
    name: user.name,
    email: user.email,
    password: '',
    locale: user.locale,
    employeeId: user.employeeId,
    roles: allRoles.filter((role) => user.roles.some((r) => r.role === role)),
    administrationId: user.roles.find((r) => r.role === 'process_leader')?.administrationId ?? null,
    unitIds: user.roles.filter((r) => r.role === 'unit_manager' && r.unitId).map((r) => r.unitId!),
  };
}

/** What the selects are to show before any search: the names of the user's scopes and linked employee. */
export type KnownChoices = { administration: Option | null; units: Option[]; employee: Option | null };

/** The names of the scopes a user has now, and of the employee linked (read apart: the user answers its id only). */
export function knownChoices(
  user: User | undefined,
  employee?: Parameters<typeof employeeLabel>[0] & { id: string },
): KnownChoices {
  const roles = user?.roles ?? [];
  const led = roles.find((r) => r.role === 'process_leader' && r.administrationId);
  return {
    administration: led ? { value: led.administrationId!, label: led.administrationName ?? led.administrationId! } : null,
    employee: employee ? { value: employee.id, label: employeeLabel(employee) } : null,
    units: roles
      .filter((r) => r.role === 'unit_manager' && r.unitId)
      .map((r) => ({
        value: r.unitId!,
        label: r.administrationName ? `${r.unitName} (${r.administrationName})` : (r.unitName ?? r.unitId!),
      })),
  };
}

/** The roles as the API takes them: one row per role, a unit manager's one row per unit. */
export function roleRows(values: UserFormValues): RoleInput[] {
  return values.roles.flatMap((role): RoleInput[] => {
    const scope = roleScope[role];
    if (scope === 'administration') return [{ role, administrationId: values.administrationId, unitId: null }];
    if (scope === 'units') {
      return values.unitIds.length > 0
        ? values.unitIds.map((unitId) => ({ role, administrationId: null, unitId }))
        : [{ role, administrationId: null, unitId: null }];
    }
    return [{ role, administrationId: null, unitId: null }];
  });
}

export function createBody(values: UserFormValues) {
  return {
    name: values.name,
    email: values.email,
    password: values.password,
    locale: values.locale,
    employeeId: values.employeeId,
    roles: roleRows(values),
  };
}

export function updateBody(values: UserFormValues) {
  return {
    name: values.name,
    email: values.email,
    locale: values.locale,
    employeeId: values.employeeId,
    roles: roleRows(values),
    ...(values.password ? { password: values.password } : {}),
  };
}

/** A path in the API's body ('roles.2.unitId') as the form field it belongs to. */
function fieldOf(path: string, rows: RoleInput[]): string {
  const match = /^roles\.(\d+)\.(administrationId|unitId)$/.exec(path);
  if (match) {
    const row = rows[Number(match[1])];
    if (row && roleScope[row.role] === 'administration') return 'administrationId';
    if (row && roleScope[row.role] === 'units') return 'unitIds';
    return 'roles';
  }
  if (path.startsWith('roles')) return 'roles';
  return path;
}

/** Validates with the same contract as the API, plus the scope rules of roleScopeIssues. */
export function validateUser(mode: 'create' | 'edit') {
  return (values: UserFormValues): Record<string, string> => {
    const body = mode === 'create' ? createBody(values) : updateBody(values);
    const rows = body.roles;
    const raw = zodValidate(mode === 'create' ? createUserBody : updateUserBody)(body);
    const errors: Record<string, string> = {};
    for (const [path, message] of Object.entries(raw)) errors[fieldOf(path, rows)] ??= message;
    for (const issue of roleScopeIssues(rows)) {
      errors[fieldOf(`roles.${issue.index}.${issue.field}`, rows)] ??= i18n.t(`errors.${issue.code}`);
    }
    return errors;
  };
}

/** Codes the server may answer with that belong beside a field even without details. */
const fieldOfCode: Record<string, string> = {
  email_taken: 'email',
  process_leader_taken: 'administrationId',
  unit_manager_taken: 'unitIds',
  unknown_administration: 'administrationId',
  unknown_unit: 'unitIds',
  last_administrator: 'roles',
  employee_taken: 'employeeId',
  unknown_employee: 'employeeId',
};

/** Puts the server's errors beside the form's fields; returns what is left for the alert. */
export function applyUserServerErrors(form: UseFormReturnType<UserFormValues>, error: unknown, rows: RoleInput[]): string | null {
  if (!(error instanceof ApiError)) return applyServerErrors(form, error);
  const details = error.details.map((d) => ({ ...d, path: `body.${fieldOf(d.path.replace(/^body\.?/, ''), rows)}` }));
  if (details.length === 0 && fieldOfCode[error.code]) {
    form.setFieldError(fieldOfCode[error.code], error.message);
    // The alert says it too, for last_administrator, which concerns the roles as a whole.
    return error.code === 'last_administrator' ? error.message : null;
  }
  const remapped = new ApiError(error.status, error.code, error.message, details);
  const left = applyServerErrors(form, remapped);
  // An error shown beside its field needs no alert as well.
  return shownBesideFields(remapped) ? null : left;
}
