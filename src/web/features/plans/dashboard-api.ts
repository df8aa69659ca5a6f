import { useQuery } from '@tanstack/react-query';
import type { PlanDashboard } from '#shared/contracts/plan-dashboard';
import { api } from '../../api/client';
import { planKeys } from './api';

/** The plans' dashboard of a year, under the plans' keys: any change to a plan or a report refreshes it. */
export function usePlanDashboard(year: number) {
  return useQuery({
    queryKey: [...planKeys.all, 'dashboard', year],
    queryFn: () => api.get<PlanDashboard>(`/api/plans/dashboard?year=${year}`),
  });
}
