import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AttendanceBody,
  CancelResult,
  EnrolBody,
  EnrolResult,
  PartAttendance,
  SessionEnrolments,
} from '#shared/contracts/enrolments';
import { api } from '../../api/client';
import { trainingKeys } from '../training/api';

const base = (sessionId: string) => `/api/training-sessions/${encodeURIComponent(sessionId)}`;

/** Query keys: the participants and the attendance of a session, under the session's own key so both refresh together. */
export const enrolmentKeys = {
  participants: (sessionId: string) => [...trainingKeys.sessions, 'enrolments', sessionId] as const,
  attendance: (sessionId: string, partId: string) => [...trainingKeys.sessions, 'attendance', sessionId, partId] as const,
};

export function useParticipants(sessionId: string) {
  return useQuery({
    queryKey: enrolmentKeys.participants(sessionId),
    queryFn: () => api.get<SessionEnrolments>(`${base(sessionId)}/enrolments`),
  });
}

/** A change of who holds a seat changes the session's counts too: refresh every session query. */
function useRefreshSessions() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: trainingKeys.sessions });
}

export function useEnrol(sessionId: string) {
  const refresh = useRefreshSessions();
  return useMutation({
    mutationFn: (body: EnrolBody) => api.post<EnrolResult>(`${base(sessionId)}/enrolments`, body),
    onSuccess: refresh,
  });
}

export function useCancelEnrolment(sessionId: string) {
  const refresh = useRefreshSessions();
  return useMutation({
    mutationFn: (employeeId: string) =>
      api.delete<CancelResult>(`${base(sessionId)}/enrolments/${encodeURIComponent(employeeId)}`),
    onSuccess: refresh,
  });
}

export function useAttendance(sessionId: string, partId: string | null) {
  return useQuery({
    queryKey: enrolmentKeys.attendance(sessionId, partId ?? ''),
    queryFn: () => api.get<PartAttendance>(`${base(sessionId)}/parts/${encodeURIComponent(partId!)}/attendance`),
    enabled: !!partId,
  });
}

export function useSaveAttendance(sessionId: string, partId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: AttendanceBody) =>
      api.put<PartAttendance>(`${base(sessionId)}/parts/${encodeURIComponent(partId)}/attendance`, body),
    onSuccess: async (answer) => {
      queryClient.setQueryData(enrolmentKeys.attendance(sessionId, partId), answer);
      await queryClient.invalidateQueries({ queryKey: trainingKeys.sessions });
    },
  });
}
