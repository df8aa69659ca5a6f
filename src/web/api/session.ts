import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Me } from '#shared/contracts/auth';
import type { Action, Entity } from '#shared/permissions';
import { hasPermission } from '#shared/permissions';
import { api, ApiError } from './client';

export const meQueryKey = ['auth', 'me'] as const;

export async function fetchMe(): Promise<Me | null> {
  try {
    return await api.get<Me>('/api/auth/me');
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

/** The signed-in person, or null. */
export function useMe() {
  return useQuery({ queryKey: meQueryKey, queryFn: fetchMe, staleTime: 60_000 });
}

export function useCan() {
  const { data: me } = useMe();
  const permissions = new Set(me?.permissions ?? []);
  return (action: Action, entity: Entity) => hasPermission(permissions, action, entity);
}

export function useRefreshMe() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: meQueryKey });
}
