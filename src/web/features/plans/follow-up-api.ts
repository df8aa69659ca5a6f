import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CreatePeriodBody,
  FollowUpBody,
  FollowUpPeriod,
  FollowUpPeriodList,
  PeriodStatus,
  PlanFollowUp,
  UpdatePeriodBody,
} from '#shared/contracts/plan-follow-up';
import { api } from '../../api/client';
import { planKeys } from './api';

/** Everything the follow-up reads, under the plans' keys: a report changes an action's status in the plan too. */
const followUpKeys = { all: [...planKeys.all, 'follow-up'] as const };
const id = encodeURIComponent;

function useRefresh() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: planKeys.all });
}

export function usePeriods(year: number) {
  return useQuery({
    queryKey: [...followUpKeys.all, 'periods', year],
    queryFn: () => api.get<FollowUpPeriodList>(`/api/plans/periods?year=${year}`),
  });
}

export function usePeriodStatus(periodId: string) {
  return useQuery({
    queryKey: [...followUpKeys.all, 'status', periodId],
    queryFn: () => api.get<PeriodStatus>(`/api/plans/periods/${id(periodId)}/status`),
  });
}

export function usePlanPeriods(planId: string) {
  return useQuery({
    queryKey: [...followUpKeys.all, 'plan-periods', planId],
    queryFn: () => api.get<FollowUpPeriodList>(`/api/action-plans/${id(planId)}/periods`),
  });
}

export function usePlanFollowUp(planId: string, periodId: string | undefined) {
  return useQuery({
    queryKey: [...followUpKeys.all, 'plan', planId, periodId],
    queryFn: () => api.get<PlanFollowUp>(`/api/action-plans/${id(planId)}/follow-ups/${id(periodId!)}`),
    enabled: Boolean(periodId),
  });
}

export function useSaveFollowUp(planId: string, periodId: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: FollowUpBody) => api.put<PlanFollowUp>(`/api/action-plans/${id(planId)}/follow-ups/${id(periodId)}`, body),
    onSuccess: refresh,
  });
}

export function usePeriodSteps() {
  const refresh = useRefresh();
  return {
    save: useMutation({
      mutationFn: ({ periodId, body }: { periodId?: string; body: CreatePeriodBody | UpdatePeriodBody }) =>
        periodId
          ? api.patch<FollowUpPeriod>(`/api/plans/periods/${id(periodId)}`, body)
          : api.post<FollowUpPeriod>('/api/plans/periods', body),
      onSuccess: refresh,
    }),
    defaults: useMutation({
      mutationFn: (year: number) => api.post<FollowUpPeriodList>('/api/plans/periods/defaults', { year }),
      onSuccess: refresh,
    }),
    remove: useMutation({
      mutationFn: (periodId: string) => api.delete<void>(`/api/plans/periods/${id(periodId)}`),
      onSuccess: refresh,
    }),
  };
}
