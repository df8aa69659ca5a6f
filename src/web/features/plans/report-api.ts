import { useQuery } from '@tanstack/react-query';
import type { PlanReport, ReportFormat, ReportScope } from '#shared/contracts/plan-report';
import { api, toQuery } from '../../api/client';
import { planKeys } from './api';

export type ReportSelection = { periodId: string; scope: ReportScope; administrationId?: string; unitId?: string };

const queryOf = (selection: ReportSelection) =>
  toQuery({
    periodId: selection.periodId,
    scope: selection.scope,
    administrationId: selection.scope === 'administration' ? selection.administrationId : undefined,
    unitId: selection.scope === 'unit' ? selection.unitId : undefined,
  });

/** The follow-up report of a period and a scope (asked for once the selection is whole). */
export function usePlanReport(selection: ReportSelection | null) {
  return useQuery({
    queryKey: [...planKeys.all, 'report', selection],
    queryFn: () => api.get<PlanReport>(`/api/plan-reports${queryOf(selection!)}`),
    enabled: selection !== null,
  });
}

export const reportExportUrl = (selection: ReportSelection, format: ReportFormat, lang: string) =>
  `/api/plan-reports/export${queryOf(selection)}&format=${format}&lang=${lang === 'en' ? 'en' : 'sv'}`;
