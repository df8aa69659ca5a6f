import { roles, type Role } from '#shared/permissions';
import { userSorts } from '#shared/contracts/users';
import { parseListSearch } from '../../components/list';
import type { UserSearch } from './api';

/** The list's state in the address bar: only what the API accepts, the rest falls back to defaults. */
export function parseUserSearch(search: Record<string, unknown>): UserSearch {
  const list = parseListSearch(search);
  return {
    ...list,
    sort: list.sort && (userSorts as readonly string[]).includes(list.sort) ? list.sort : undefined,
    role:
      typeof search.role === 'string' && (roles as readonly string[]).includes(search.role) ? (search.role as Role) : undefined,
    active: search.active === 'true' || search.active === 'false' ? search.active : undefined,
  };
}
