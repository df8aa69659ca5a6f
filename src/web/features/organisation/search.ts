import { administrationSorts, employeeSorts, unitSorts } from '#shared/contracts/organisation';
import { parseListSearch, type ListSearch } from '../../components/list';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const oneOf = <T extends string>(value: unknown, allowed: readonly T[]): T | undefined =>
  typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;

const uuidOf = (value: unknown): string | undefined => (typeof value === 'string' && uuidPattern.test(value) ? value : undefined);

/** The router writes booleans into the address as true/false; a hand-typed "true" is accepted too. */
const booleanOf = (value: unknown): boolean | undefined =>
  value === true || value === 'true' ? true : value === false || value === 'false' ? false : undefined;

/** Only the sorts the API accepts: anything else in the address falls back to the default. */
function parseWithSorts(search: Record<string, unknown>, sorts: readonly string[]): ListSearch {
  const list = parseListSearch(search);
  const key = list.sort?.replace(/^-/, '');
  return { ...list, sort: key && sorts.includes(key) ? list.sort : undefined };
}

/** Active administrations and units are shown unless the address says otherwise. */
export type ActiveStatus = 'active' | 'closed' | 'all';
export const activeParam = (status: ActiveStatus | undefined) =>
  status === 'all' ? undefined : status === 'closed' ? false : true;

export type AdministrationSearch = ListSearch & { status?: Exclude<ActiveStatus, 'active'> };
export function parseAdministrationSearch(search: Record<string, unknown>): AdministrationSearch {
  return { ...parseWithSorts(search, administrationSorts), status: oneOf(search.status, ['closed', 'all'] as const) };
}

export type UnitSearch = ListSearch & {
  status?: Exclude<ActiveStatus, 'active'>;
  administrationId?: string;
  worksWithChildren?: boolean;
};
export function parseUnitSearch(search: Record<string, unknown>): UnitSearch {
  return {
    ...parseWithSorts(search, unitSorts),
    status: oneOf(search.status, ['closed', 'all'] as const),
    administrationId: uuidOf(search.administrationId),
    worksWithChildren: booleanOf(search.worksWithChildren),
  };
}

export type EmployeeStatus = 'current' | 'ended' | 'all';
export type EmployeeSearch = ListSearch & {
  status?: Exclude<EmployeeStatus, 'current'>;
  administrationId?: string;
  unitId?: string;
};
export function parseEmployeeSearch(search: Record<string, unknown>): EmployeeSearch {
  return {
    ...parseWithSorts(search, employeeSorts),
    status: oneOf(search.status, ['ended', 'all'] as const),
    administrationId: uuidOf(search.administrationId),
    unitId: uuidOf(search.unitId),
  };
}
