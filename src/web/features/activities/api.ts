import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Activity,
  ActivityInput,
  ActivityStatistics,
  HeadcountInput,
  HostCandidate,
  Occurrence,
  OccurrenceChangeInput,
  OccurrenceWithHeadcount,
  PublicActivity,
} from '#shared/contracts/activities';
import { api, toQuery } from '../../api/client';

/** Everything activities read: any change refreshes all of it. */
export const activityKeys = { all: ['activities'] as const };
const id = encodeURIComponent;

export function useActivities() {
  return useQuery({
    queryKey: [...activityKeys.all, 'list'],
    queryFn: () => api.get<{ items: Activity[] }>('/api/activities'),
  });
}

export function useActivity(activityId: string) {
  return useQuery({
    queryKey: [...activityKeys.all, 'one', activityId],
    queryFn: () => api.get<Activity>(`/api/activities/${id(activityId)}`),
  });
}

export function useOccurrences(activityId: string, range: { from: string; to: string }) {
  return useQuery({
    queryKey: [...activityKeys.all, 'occurrences', activityId, range],
    queryFn: () =>
      api.get<{ from: string; to: string; items: OccurrenceWithHeadcount[] }>(
        `/api/activities/${id(activityId)}/occurrences${toQuery(range)}`,
      ),
  });
}

export function useHostCandidates(enabled: boolean) {
  return useQuery({
    queryKey: [...activityKeys.all, 'host-candidates'],
    queryFn: () => api.get<{ items: HostCandidate[] }>('/api/activity-host-candidates'),
    enabled,
  });
}

type StatisticsParams = { activityId?: string; period: 'week' | 'month'; from: string; to: string };

export function useActivityStatistics(params: StatisticsParams) {
  return useQuery({
    queryKey: [...activityKeys.all, 'statistics', params],
    queryFn: () => api.get<ActivityStatistics>(`/api/activity-statistics${toQuery(params)}`),
  });
}

/** The same numbers as CSV: per occurrence, period, season and year. */
export const statisticsCsvUrl = (params: StatisticsParams) => `/api/activity-statistics.csv${toQuery(params)}`;

export function usePublicActivities() {
  return useQuery({
    queryKey: [...activityKeys.all, 'public'],
    queryFn: () => api.get<{ from: string; to: string; items: PublicActivity[] }>('/api/public/activities'),
  });
}

/** Every write of the feature; each refreshes what activities read. */
export function useActivitySteps() {
  const queryClient = useQueryClient();
  const onSuccess = () => queryClient.invalidateQueries({ queryKey: activityKeys.all });
  return {
    save: useMutation({
      mutationFn: ({ activityId, body }: { activityId?: string; body: ActivityInput }) =>
        activityId ? api.put<Activity>(`/api/activities/${id(activityId)}`, body) : api.post<Activity>('/api/activities', body),
      onSuccess,
    }),
    remove: useMutation({
      mutationFn: (activityId: string) => api.delete<void>(`/api/activities/${id(activityId)}`),
      onSuccess,
    }),
    change: useMutation({
      mutationFn: ({ activityId, date, body }: { activityId: string; date: string; body: OccurrenceChangeInput }) =>
        api.put<Occurrence>(`/api/activities/${id(activityId)}/occurrences/${id(date)}/change`, body),
      onSuccess,
    }),
    restore: useMutation({
      mutationFn: ({ activityId, date }: { activityId: string; date: string }) =>
        api.delete<Occurrence>(`/api/activities/${id(activityId)}/occurrences/${id(date)}/change`),
      onSuccess,
    }),
    record: useMutation({
      mutationFn: ({ activityId, date, body }: { activityId: string; date: string; body: HeadcountInput }) =>
        api.put<OccurrenceWithHeadcount>(`/api/activities/${id(activityId)}/occurrences/${id(date)}/headcount`, body),
      onSuccess,
    }),
  };
}
