import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Page } from '#shared/contracts/common';
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
