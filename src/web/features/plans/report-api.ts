import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PlanReport, ReportExport, ReportFormat, ReportScope } from '#shared/contracts/plan-report';
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

const exportsKey = [...planKeys.all, 'report-exports'] as const;
const running = (job: ReportExport) => job.phase === 'gathering' || job.phase === 'writing';

/**
 * The person's exports the server holds, newest first. While one is being written they are asked
 * for again every second, so its progress moves; leaving the page and coming back shows them again.
 */
export function useReportExports() {
  return useQuery({
    queryKey: exportsKey,
    queryFn: () => api.get<{ items: ReportExport[] }>('/api/plan-reports/exports'),
    refetchInterval: (query) => (query.state.data?.items.some(running) ? 1000 : false),
  });
}

/** Starts writing the report as a file on the server. */
export function useStartReportExport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ selection, format, lang }: { selection: ReportSelection; format: ReportFormat; lang: string }) =>
      api.post<ReportExport>('/api/plan-reports/exports', {
        periodId: selection.periodId,
        scope: selection.scope,
        administrationId: selection.scope === 'administration' ? selection.administrationId : undefined,
        unitId: selection.scope === 'unit' ? selection.unitId : undefined,
        format,
        lang: lang === 'en' ? 'en' : 'sv',
      }),
    onSuccess: async (job) => {
      queryClient.setQueryData<{ items: ReportExport[] }>(exportsKey, (old) => ({
        items: [job, ...(old?.items ?? []).filter((j) => j.id !== job.id)],
      }));
      await queryClient.invalidateQueries({ queryKey: exportsKey });
    },
  });
}

export const reportExportFileUrl = (id: string) => `/api/plan-reports/exports/${encodeURIComponent(id)}/file`;
