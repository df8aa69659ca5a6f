import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Page } from '#shared/contracts/common';
import type { TrainingLevel } from '#shared/contracts/courses';
import type {
  Programme,
  ProgrammeBody,
  ProgrammeProgress,
  ProgrammeSummary,
  UpdateProgrammeBody,
} from '#shared/contracts/programmes';
import { api, toQuery } from '../../api/client';

export const programmeKeys = { all: ['programmes'] as const };

export function useProgrammeList(params: { page: number; pageSize: number; q?: string; sort?: string }) {
  return useQuery({
    queryKey: [...programmeKeys.all, 'list', params],
    queryFn: () => api.get<Page<ProgrammeSummary>>(`/api/programmes${toQuery(params)}`),
    placeholderData: keepPreviousData,
  });
}

export function useProgramme(id: string) {
  return useQuery({
    queryKey: [...programmeKeys.all, 'one', id],
    queryFn: () => api.get<Programme>(`/api/programmes/${encodeURIComponent(id)}`),
  });
}

export function useProgrammeProgress(id: string) {
  return useQuery({
    queryKey: [...programmeKeys.all, 'progress', id],
    queryFn: () => api.get<ProgrammeProgress>(`/api/programmes/${encodeURIComponent(id)}/progress`),
  });
}

/** The training levels (a handful), for the targets. */
export function useTrainingLevels() {
  return useQuery({
    queryKey: ['training-levels'],
    queryFn: () => api.get<{ items: TrainingLevel[] }>('/api/training-levels'),
    staleTime: 60_000,
  });
}

export function useSaveProgramme() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: ProgrammeBody | UpdateProgrammeBody }) =>
      id ? api.patch<Programme>(`/api/programmes/${encodeURIComponent(id)}`, body) : api.post<Programme>('/api/programmes', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: programmeKeys.all }),
  });
}

export function useDeleteProgramme() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete<void>(`/api/programmes/${encodeURIComponent(id)}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: programmeKeys.all }),
  });
}
