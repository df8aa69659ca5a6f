import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Page } from '#shared/contracts/common';
import type { Administration, Unit } from '#shared/contracts/organisation';
import type { User } from '#shared/contracts/users';
import type { Role } from '#shared/permissions';
import { api, toQuery } from '../../api/client';

export const usersQueryKey = ['users'] as const;

export type UserSearch = {
  page?: number;
  pageSize?: number;
  q?: string;
  sort?: string;
  role?: Role;
  active?: 'true' | 'false';
};

export function useUserList(search: UserSearch) {
  return useQuery({
    queryKey: [...usersQueryKey, 'list', search],
    queryFn: () => api.get<Page<User>>(`/api/users${toQuery({ ...search, pageSize: search.pageSize ?? 25 })}`),
    placeholderData: keepPreviousData,
  });
}

export function useUser(id: string) {
  return useQuery({ queryKey: [...usersQueryKey, id], queryFn: () => api.get<User>(`/api/users/${id}`) });
}

/** Options for the scope of a role: searched on the server, up to 200 at a time. */
export function useAdministrationOptions(q: string) {
  return useQuery({
    queryKey: ['administrations', 'options', q],
    queryFn: () => api.get<Page<Administration>>(`/api/administrations${toQuery({ pageSize: 200, q, sort: 'name' })}`),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

export function useUnitOptions(q: string) {
  return useQuery({
    queryKey: ['units', 'options', q],
    queryFn: () => api.get<Page<Unit>>(`/api/units${toQuery({ pageSize: 200, q, sort: 'name' })}`),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}
