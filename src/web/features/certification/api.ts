import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Certificate,
  CertificationProcess,
  CertificationSettings,
  CertificationSettingsBody,
  CertificationUnitPage,
  CertificationUnitsQuery,
  CertifyBody,
  OpenProcessBody,
  ProcessStatus,
  ProcessListItem,
  PublicRegister,
  Scheme,
  SchemeBody,
  SchemeSummary,
  UnitCertificateVerification,
  UpdateSchemeBody,
} from '#shared/contracts/certification';
import type { EvidenceFile } from '#shared/contracts/certification-evidence';
import { api, toQuery, type ListParams } from '../../api/client';
import { overviewQueryKey } from '../overview/OverviewPage';

/** Everything certification reads: any change refreshes all of it (and the start page's counts). */
export const certificationKeys = { all: ['certification'] as const };
const id = encodeURIComponent;

function useRefresh() {
  const queryClient = useQueryClient();
  return async () => {
    await queryClient.invalidateQueries({ queryKey: certificationKeys.all });
    await queryClient.invalidateQueries({ queryKey: overviewQueryKey });
  };
}

export function useUnitStatuses(params: ListParams<CertificationUnitsQuery>) {
  return useQuery({
    queryKey: [...certificationKeys.all, 'units', params],
    queryFn: () => api.get<CertificationUnitPage>(`/api/certification/units${toQuery(params)}`),
    placeholderData: keepPreviousData,
  });
}

export function useSchemes(activeOnly = false) {
  return useQuery({
    queryKey: [...certificationKeys.all, 'schemes', activeOnly],
    queryFn: () =>
      api.get<{ items: SchemeSummary[] }>(`/api/certification-schemes${toQuery({ active: activeOnly ? 'true' : undefined })}`),
  });
}

export function useScheme(schemeId: string) {
  return useQuery({
    queryKey: [...certificationKeys.all, 'scheme', schemeId],
    queryFn: () => api.get<Scheme>(`/api/certification-schemes/${id(schemeId)}`),
  });
}

export function useSaveScheme() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ schemeId, body }: { schemeId?: string; body: SchemeBody | UpdateSchemeBody }) =>
      schemeId
        ? api.patch<Scheme>(`/api/certification-schemes/${id(schemeId)}`, body)
        : api.post<Scheme>('/api/certification-schemes', body),
    onSuccess: refresh,
  });
}

export function useDeleteScheme() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (schemeId: string) => api.delete<void>(`/api/certification-schemes/${id(schemeId)}`),
    onSuccess: refresh,
  });
}

export function useCertificationSettings() {
  return useQuery({
    queryKey: [...certificationKeys.all, 'settings'],
    queryFn: () => api.get<CertificationSettings>('/api/certification/settings'),
  });
}

export function useSaveCertificationSettings() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: CertificationSettingsBody) => api.put<CertificationSettings>('/api/certification/settings', body),
    onSuccess: refresh,
  });
}

export function useProcesses(params: { unitId?: string; status?: ProcessStatus }, enabled = true) {
  return useQuery({
    queryKey: [...certificationKeys.all, 'processes', params],
    queryFn: () => api.get<{ items: ProcessListItem[] }>(`/api/certification/processes${toQuery(params)}`),
    enabled,
  });
}

export function useProcess(processId: string) {
  return useQuery({
    queryKey: [...certificationKeys.all, 'process', processId],
    queryFn: () => api.get<CertificationProcess>(`/api/certification/processes/${id(processId)}`),
  });
}

export function useOpenProcess() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: OpenProcessBody) => api.post<CertificationProcess>('/api/certification/processes', body),
    onSuccess: refresh,
  });
}

/** The changes made to a process: its group, a confirmation given or taken back, cancelling it. */
export function useProcessChanges(processId: string) {
  const refresh = useRefresh();
  const base = `/api/certification/processes/${id(processId)}`;
  const options = { onSuccess: refresh };
  return {
    setGroup: useMutation({
      mutationFn: (employeeIds: string[]) => api.put<CertificationProcess>(`${base}/group`, { employeeIds }),
      ...options,
    }),
    confirm: useMutation({
      mutationFn: ({ criterionId, evidence }: { criterionId: string; evidence: string }) =>
        api.put<CertificationProcess>(`${base}/criteria/${id(criterionId)}/confirmation`, { evidence }),
      ...options,
    }),
    unconfirm: useMutation({
      mutationFn: (criterionId: string) => api.delete<CertificationProcess>(`${base}/criteria/${id(criterionId)}/confirmation`),
      ...options,
    }),
    cancel: useMutation({ mutationFn: () => api.post<CertificationProcess>(`${base}/cancel`), ...options }),
  };
}

export function useCertify() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: CertifyBody) => api.post<{ items: Certificate[] }>('/api/certificates', body),
    onSuccess: refresh,
  });
}

export function useCertificates(unitId: string | undefined) {
  return useQuery({
    queryKey: [...certificationKeys.all, 'certificates', unitId],
    queryFn: () => api.get<{ items: Certificate[] }>(`/api/certificates${toQuery({ unitId })}`),
    enabled: unitId !== undefined,
  });
}

export function useCertificate(certificateId: string) {
  return useQuery({
    queryKey: [...certificationKeys.all, 'certificate', certificateId],
    queryFn: () => api.get<Certificate>(`/api/certificates/${id(certificateId)}`),
  });
}

export function useRevoke(certificateId: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (reason: string) => api.post<Certificate>(`/api/certificates/${id(certificateId)}/revoke`, { reason }),
    onSuccess: refresh,
  });
}

export const certificatePdfUrl = (certificateId: string) => `/api/certificates/${id(certificateId)}/certificate.pdf`;

export function usePublicRegister() {
  return useQuery({
    queryKey: ['public-register'],
    queryFn: () => api.get<PublicRegister>('/api/public/certificates'),
  });
}

export function useCertificateCheck(code: string) {
  return useQuery({
    queryKey: ['unit-certificate-check', code],
    queryFn: () => api.get<UnitCertificateVerification>(`/api/public/unit-certificates/${id(code)}`),
    retry: false,
  });
}

/** The evidence files of a process, for its confirmed criteria. */
export function useEvidence(processId: string) {
  return useQuery({
    queryKey: [...certificationKeys.all, 'evidence', processId],
    queryFn: () => api.get<{ items: EvidenceFile[] }>(`/api/certification/processes/${id(processId)}/evidence`),
  });
}

export function useEvidenceChanges(processId: string) {
  const refresh = useRefresh();
  const base = `/api/certification/processes/${id(processId)}`;
  return {
    attach: useMutation({
      mutationFn: ({ criterionId, file }: { criterionId: string; file: File }) => {
        const body = new FormData();
        body.append('file', file);
        return api.post<EvidenceFile>(`${base}/criteria/${id(criterionId)}/evidence`, body);
      },
      onSuccess: refresh,
    }),
    remove: useMutation({
      mutationFn: (fileId: string) => api.delete<void>(`${base}/evidence/${id(fileId)}`),
      onSuccess: refresh,
    }),
  };
}

export const evidenceFileUrl = (processId: string, fileId: string) =>
  `/api/certification/processes/${id(processId)}/evidence/${id(fileId)}`;
