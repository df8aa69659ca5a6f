import { planAreas, planScopes, planStatuses, type PlanArea, type PlanScope, type PlanStatus } from '#shared/contracts/plans';
import { parseListSearch, type ListSearch } from '../../components/list';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const id = (value: unknown) => (typeof value === 'string' && uuid.test(value) ? value : undefined);

export type PlansSearch = ListSearch & {
  scope?: PlanScope;
  administrationId?: string;
  area?: PlanArea;
  status?: PlanStatus;
};

/** The plans list's address: its filters and paging, dropping what is not valid. */
export function parsePlansSearch(search: Record<string, unknown>): PlansSearch {
  return {
    ...parseListSearch(search),
    scope: planScopes.find((s) => s === search.scope),
    administrationId: id(search.administrationId),
    area: planAreas.find((a) => a === search.area),
    status: planStatuses.find((s) => s === search.status),
  };
}
