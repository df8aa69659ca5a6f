import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Page } from '#shared/contracts/common';
import type {
  Course,
  CourseBody,
  TrainingLevel,
  TrainingLevelBody,
  TrainingSettings,
  UpdateCourseBody,
  UpdateTrainingLevelBody,
  UpdateTrainingSettingsBody,
} from '#shared/contracts/courses';
import type { SessionBody, TrainerList, TrainingSession, UpdateSessionBody } from '#shared/contracts/training-sessions';
import { api, toQuery } from '../../api/client';

type Params = Record<string, string | number | boolean | null | undefined>;

/** Query keys: every query of courses, levels, sessions and settings starts with one of these. */
export const trainingKeys = {
  courses: ['courses'] as const,
  levels: ['training-levels'] as const,
  sessions: ['training-sessions'] as const,
  trainers: ['trainers'] as const,
  settings: ['training-settings'] as const,
};

export function useCourseList(params: Params) {
  return useQuery({
    queryKey: [...trainingKeys.courses, 'list', params],
    queryFn: () => api.get<Page<Course>>(`/api/courses${toQuery(params)}`),
    placeholderData: keepPreviousData,
  });
}

/** Courses for a select: the first 200 by name (a municipality offers tens). */
export function useCourseOptions(activeOnly = false) {
  return useQuery({
    queryKey: [...trainingKeys.courses, 'options', activeOnly],
    queryFn: () =>
      api.get<Page<Course>>(`/api/courses${toQuery({ pageSize: 200, sort: 'name', active: activeOnly ? true : undefined })}`),
    staleTime: 60_000,
  });
}

export function useCourse(id: string | undefined) {
  return useQuery({
    queryKey: [...trainingKeys.courses, 'one', id],
    queryFn: () => api.get<Course>(`/api/courses/${encodeURIComponent(id!)}`),
    enabled: !!id,
  });
}

export function useSaveCourse() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: CourseBody | UpdateCourseBody }) =>
      id ? api.patch<Course>(`/api/courses/${encodeURIComponent(id)}`, body) : api.post<Course>('/api/courses', body),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: trainingKeys.courses }),
        // Sessions show the course's name.
        queryClient.invalidateQueries({ queryKey: trainingKeys.sessions }),
      ]),
  });
}

export function useLevels() {
  return useQuery({
    queryKey: trainingKeys.levels,
    queryFn: () => api.get<{ items: TrainingLevel[] }>('/api/training-levels'),
    staleTime: 60_000,
  });
}

export function useSaveLevel() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: TrainingLevelBody | UpdateTrainingLevelBody }) =>
      id
        ? api.patch<TrainingLevel>(`/api/training-levels/${encodeURIComponent(id)}`, body)
        : api.post<TrainingLevel>('/api/training-levels', body),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: trainingKeys.levels }),
        queryClient.invalidateQueries({ queryKey: trainingKeys.courses }),
      ]),
  });
}

export function useSessionList(params: Params) {
  return useQuery({
    queryKey: [...trainingKeys.sessions, 'list', params],
    queryFn: () => api.get<Page<TrainingSession>>(`/api/training-sessions${toQuery(params)}`),
    placeholderData: keepPreviousData,
  });
}

export function useSession(id: string) {
  return useQuery({
    queryKey: [...trainingKeys.sessions, 'one', id],
    queryFn: () => api.get<TrainingSession>(`/api/training-sessions/${encodeURIComponent(id)}`),
  });
}

/** Refreshes sessions and whatever shows their seats (the enrolment lists of the session pages). */
function useInvalidateSessions() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: trainingKeys.sessions });
}

export function useSaveSession() {
  const invalidate = useInvalidateSessions();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: SessionBody | UpdateSessionBody }) =>
      id
        ? api.patch<TrainingSession>(`/api/training-sessions/${encodeURIComponent(id)}`, body)
        : api.post<TrainingSession>('/api/training-sessions', body),
    onSuccess: invalidate,
  });
}

export function useCancelSession() {
  const invalidate = useInvalidateSessions();
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) =>
      api.post<TrainingSession>(`/api/training-sessions/${encodeURIComponent(id)}/cancel`, { reason }),
    onSuccess: invalidate,
  });
}

/** The users who may lead sessions (active, with the trainer role). */
export function useTrainers(enabled = true) {
  return useQuery({
    queryKey: trainingKeys.trainers,
    queryFn: () => api.get<TrainerList>('/api/trainers'),
    staleTime: 60_000,
    enabled,
  });
}

export function useTrainingSettings() {
  return useQuery({ queryKey: trainingKeys.settings, queryFn: () => api.get<TrainingSettings>('/api/training-settings') });
}

export function useSaveTrainingSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateTrainingSettingsBody) => api.patch<TrainingSettings>('/api/training-settings', body),
    onSuccess: (saved) => queryClient.setQueryData(trainingKeys.settings, saved),
  });
}
