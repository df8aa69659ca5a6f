import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ActionBody,
  AdoptPlanBody,
  CopyPlanBody,
  CreatePlanBody,
  GoalBody,
  IndicatorBody,
  MunicipalGoalOption,
  Plan,
  PlanAction,
  PlanChanges,
  PlanGoal,
  PlanIndicator,
  PlanListQuery,
  PlanSummary,
  RevisePlanBody,
  UpdateActionBody,
  UpdateGoalBody,
  UpdateIndicatorBody,
  UpdatePlanBody,
} from '#shared/contracts/plans';
import type { Page } from '#shared/contracts/common';
import { api, toQuery, type ListParams } from '../../api/client';

/** Everything action plans read: any change refreshes all of it. */
export const planKeys = { all: ['plans'] as const };
const id = encodeURIComponent;

function useRefresh() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: planKeys.all });
}

export function usePlanList(params: ListParams<PlanListQuery>) {
  return useQuery({
    queryKey: [...planKeys.all, 'list', params],
    queryFn: () => api.get<Page<PlanSummary>>(`/api/action-plans${toQuery(params)}`),
    placeholderData: keepPreviousData,
  });
}

export function usePlan(planId: string) {
  return useQuery({
    queryKey: [...planKeys.all, 'one', planId],
    queryFn: () => api.get<Plan>(`/api/action-plans/${id(planId)}`),
  });
}

/** What changed since the previous version (asked only for a version after the first). */
export function usePlanChanges(planId: string, enabled: boolean) {
  return useQuery({
    queryKey: [...planKeys.all, 'changes', planId],
    queryFn: () => api.get<PlanChanges>(`/api/action-plans/${id(planId)}/changes`),
    enabled,
  });
}

/** The goals of adopted municipal plans, for a plan of an administration or a unit to serve. */
export function useMunicipalGoals(enabled = true) {
  return useQuery({
    queryKey: [...planKeys.all, 'municipal-goals'],
    queryFn: () => api.get<{ items: MunicipalGoalOption[] }>('/api/plan-goals/municipal'),
    enabled,
  });
}

export function useSavePlan() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ planId, body }: { planId?: string; body: CreatePlanBody | UpdatePlanBody }) =>
      planId ? api.patch<Plan>(`/api/action-plans/${id(planId)}`, body) : api.post<Plan>('/api/action-plans', body),
    onSuccess: refresh,
  });
}

/** The steps of a plan's life: adopt, end, revise (a new draft version), copy (a new plan), delete a draft. */
export function usePlanSteps(planId: string) {
  const refresh = useRefresh();
  const base = `/api/action-plans/${id(planId)}`;
  return {
    adopt: useMutation({ mutationFn: (body: AdoptPlanBody) => api.post<Plan>(`${base}/adopt`, body), onSuccess: refresh }),
    end: useMutation({ mutationFn: () => api.post<Plan>(`${base}/end`), onSuccess: refresh }),
    revise: useMutation({ mutationFn: (body: RevisePlanBody) => api.post<Plan>(`${base}/revise`, body), onSuccess: refresh }),
    copy: useMutation({ mutationFn: (body: CopyPlanBody) => api.post<Plan>(`${base}/copy`, body), onSuccess: refresh }),
    remove: useMutation({ mutationFn: () => api.delete<void>(base), onSuccess: refresh }),
    /** Shown on the public site (a draft or an adopted plan; shown once adopted). */
    setPublic: useMutation({
      mutationFn: (isPublic: boolean) => api.put<Plan>(`${base}/public`, { isPublic }),
      onSuccess: refresh,
    }),
  };
}

export function useSaveGoal(planId: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ goalId, body }: { goalId?: string; body: GoalBody | UpdateGoalBody }) =>
      goalId
        ? api.patch<PlanGoal>(`/api/plan-goals/${id(goalId)}`, body)
        : api.post<PlanGoal>(`/api/action-plans/${id(planId)}/goals`, body),
    onSuccess: refresh,
  });
}

export function useDeleteGoal() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (goalId: string) => api.delete<void>(`/api/plan-goals/${id(goalId)}`), onSuccess: refresh });
}

export function useSaveAction(goalId: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ actionId, body }: { actionId?: string; body: ActionBody | UpdateActionBody }) =>
      actionId
        ? api.patch<PlanAction>(`/api/plan-actions/${id(actionId)}`, body)
        : api.post<PlanAction>(`/api/plan-goals/${id(goalId)}/actions`, body),
    onSuccess: refresh,
  });
}

/** On an adopted plan only an action's status changes: its progress. */
export function useActionProgress() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ actionId, status }: { actionId: string; status: NonNullable<UpdateActionBody['status']> }) =>
      api.patch<PlanAction>(`/api/plan-actions/${id(actionId)}`, { status }),
    onSuccess: refresh,
  });
}

export function useDeleteAction() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (actionId: string) => api.delete<void>(`/api/plan-actions/${id(actionId)}`),
    onSuccess: refresh,
  });
}

export function useSaveIndicator(goalId: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ indicatorId, body }: { indicatorId?: string; body: IndicatorBody | UpdateIndicatorBody }) =>
      indicatorId
        ? api.patch<PlanIndicator>(`/api/plan-indicators/${id(indicatorId)}`, body)
        : api.post<PlanIndicator>(`/api/plan-goals/${id(goalId)}/indicators`, body),
    onSuccess: refresh,
  });
}

export function useDeleteIndicator() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (indicatorId: string) => api.delete<void>(`/api/plan-indicators/${id(indicatorId)}`),
    onSuccess: refresh,
  });
}
