import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Page } from '#shared/contracts/common';
import type { Coverage, NewUntrainedPerson, RefresherDuePerson } from '#shared/contracts/coverage';
import { api, toQuery } from '../../api/client';

export type CoverageParams = { administrationId?: string; unitId?: string; courseId?: string };

export const coverageKeys = { all: ['coverage'] as const };

export function useCoverage(params: CoverageParams) {
  return useQuery({
    queryKey: [...coverageKeys.all, 'figures', params],
    queryFn: () => api.get<Coverage>(`/api/coverage${toQuery(params)}`),
    placeholderData: keepPreviousData,
  });
}

export function useNewUntrained(params: CoverageParams & { page: number; pageSize: number }) {
  return useQuery({
    queryKey: [...coverageKeys.all, 'new-untrained', params],
    queryFn: () => api.get<Page<NewUntrainedPerson> & { lastSessionEndedOn: string | null }>(`/api/coverage/new-untrained${toQuery(params)}`),
    placeholderData: keepPreviousData,
  });
}

export function useRefresherDue(params: CoverageParams & { page: number; pageSize: number }) {
  return useQuery({
    queryKey: [...coverageKeys.all, 'refresher-due', params],
    queryFn: () => api.get<Page<RefresherDuePerson>>(`/api/coverage/refresher-due${toQuery(params)}`),
    placeholderData: keepPreviousData,
  });
}

/** Where the export of these figures is downloaded from: a plain link, so the browser saves the file. */
export const exportUrl = (format: 'xlsx' | 'csv', params: CoverageParams) => `/api/coverage/export${toQuery({ format, ...params })}`;
