import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Page } from '#shared/contracts/common';
import type {
  Administration,
  AdministrationBody,
  Employee,
  EmployeeBody,
  EmployeeDetail,
  Unit,
  UnitBody,
  UpdateEmployeeBody,
} from '#shared/contracts/organisation';
import type { User } from '#shared/contracts/users';
import { accessFor, type Action, type Entity } from '#shared/permissions';
import { api, toQuery } from '../../api/client';
import { useMe } from '../../api/session';

type Params = Record<string, string | number | boolean | null | undefined>;

/** Query keys: every organisation query starts with one of these, so that a change can refresh them all. */
export const organisationKeys = {
  administrations: ['administrations'] as const,
  units: ['units'] as const,
  employees: ['employees'] as const,
};

export function useAdministrationList(params: Params) {
  return useQuery({
    queryKey: [...organisationKeys.administrations, 'list', params],
    queryFn: () => api.get<Page<Administration>>(`/api/administrations${toQuery(params)}`),
    placeholderData: keepPreviousData,
  });
}

export function useAdministration(id: string) {
  return useQuery({
    queryKey: [...organisationKeys.administrations, 'one', id],
    queryFn: () => api.get<Administration>(`/api/administrations/${encodeURIComponent(id)}`),
  });
}

/** Administrations are few (tens): one page of 200 serves every select. */
export function useAdministrationOptions() {
  return useQuery({
    queryKey: [...organisationKeys.administrations, 'options'],
    queryFn: () => api.get<Page<Administration>>(`/api/administrations${toQuery({ pageSize: 200, sort: 'name' })}`),
    staleTime: 60_000,
  });
}

export function useUnitList(params: Params, enabled = true) {
  return useQuery({
    queryKey: [...organisationKeys.units, 'list', params],
    queryFn: () => api.get<Page<Unit>>(`/api/units${toQuery(params)}`),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useUnit(id: string) {
  return useQuery({
    queryKey: [...organisationKeys.units, 'one', id],
    queryFn: () => api.get<Unit>(`/api/units/${encodeURIComponent(id)}`),
  });
}

export function useEmployeeList(params: Params, enabled = true) {
  return useQuery({
    queryKey: [...organisationKeys.employees, 'list', params],
    queryFn: () => api.get<Page<Employee>>(`/api/employees${toQuery(params)}`),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useEmployee(id: string, enabled = true) {
  return useQuery({
    queryKey: [...organisationKeys.employees, 'one', id],
    queryFn: () => api.get<EmployeeDetail>(`/api/employees/${encodeURIComponent(id)}`),
    enabled,
  });
}

/** Users to choose from (process leader, unit manager): searched on the server, 50 at a time. */
export function useUserOptions(q: string, enabled: boolean) {
  return useQuery({
    queryKey: ['users', 'options', q],
    queryFn: () => api.get<Page<User>>(`/api/users${toQuery({ q: q || undefined, pageSize: 50, active: true })}`),
    placeholderData: keepPreviousData,
    enabled,
    staleTime: 30_000,
  });
}

/** Every change to the organisation can change counts and names shown elsewhere: refresh all three. */
function useInvalidateOrganisation() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: organisationKeys.administrations }),
      queryClient.invalidateQueries({ queryKey: organisationKeys.units }),
      queryClient.invalidateQueries({ queryKey: organisationKeys.employees }),
      queryClient.invalidateQueries({ queryKey: ['overview'] }),
    ]);
}

export type AdministrationChange = Partial<AdministrationBody> & { active?: boolean };
export type UnitChange = Partial<UnitBody> & { active?: boolean };

export function useSaveAdministration() {
  const invalidate = useInvalidateOrganisation();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: AdministrationChange }) =>
      id
        ? api.patch<Administration>(`/api/administrations/${encodeURIComponent(id)}`, body)
        : api.post<Administration>('/api/administrations', body),
    onSuccess: invalidate,
  });
}

export function useSaveUnit() {
  const invalidate = useInvalidateOrganisation();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: UnitChange }) =>
      id ? api.patch<Unit>(`/api/units/${encodeURIComponent(id)}`, body) : api.post<Unit>('/api/units', body),
    onSuccess: invalidate,
  });
}

export function useSaveEmployee() {
  const invalidate = useInvalidateOrganisation();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: EmployeeBody | UpdateEmployeeBody }) =>
      id
        ? api.patch<EmployeeDetail>(`/api/employees/${encodeURIComponent(id)}`, body)
        : api.post<EmployeeDetail>('/api/employees', body),
    onSuccess: invalidate,
  });
}

/**
 * Whether the signed-in person may act on one record, by the reach of their permission: 'any'
 * everywhere, 'administration' in the administration they lead, 'unit' in the units they manage.
 * The server decides in the end; this only hides buttons that would answer 403.
 */
export function useCanOn() {
  const { data: me } = useMe();
  const permissions = new Set(me?.permissions ?? []);
  const ledAdministrations = new Set(
    (me?.roles ?? []).filter((r) => r.role === 'process_leader' && r.administrationId).map((r) => r.administrationId!),
  );
  const managedUnits = new Set((me?.roles ?? []).filter((r) => r.role === 'unit_manager' && r.unitId).map((r) => r.unitId!));
  return (action: Action, entity: Entity, scope: { administrationId?: string | null; unitId?: string | null } = {}) =>
    accessFor(permissions, action, entity).some(
      (access) =>
        access === 'any' ||
        (access === 'administration' && !!scope.administrationId && ledAdministrations.has(scope.administrationId)) ||
        (access === 'unit' && !!scope.unitId && managedUnits.has(scope.unitId)),
    );
}
