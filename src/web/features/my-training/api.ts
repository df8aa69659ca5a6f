import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { EnrolResult, CancelResult } from '#shared/contracts/enrolments';
import type { CalendarFeedCreated, EmployeeTraining, MyTraining } from '#shared/contracts/training-records';
import { api } from '../../api/client';

export const myTrainingKey = ['my-training'] as const;
export const employeeTrainingKey = (employeeId: string) => ['employee-training', employeeId] as const;

export function useMyTraining() {
  return useQuery({ queryKey: myTrainingKey, queryFn: () => api.get<MyTraining>('/api/my-training') });
}

export function useEmployeeTraining(employeeId: string) {
  return useQuery({
    queryKey: employeeTrainingKey(employeeId),
    queryFn: () => api.get<EmployeeTraining>(`/api/employees/${encodeURIComponent(employeeId)}/training`),
  });
}

/** Signing oneself up: an empty body enrols the signed-in person's own employee record. */
export function useSignUp() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (sessionId: string) =>
      api.post<EnrolResult>(`/api/training-sessions/${encodeURIComponent(sessionId)}/enrolments`, {}),
    onSettled: () => queryClient.invalidateQueries({ queryKey: myTrainingKey }),
  });
}

export function useCancelPlace() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ sessionId, employeeId }: { sessionId: string; employeeId: string }) =>
      api.delete<CancelResult>(
        `/api/training-sessions/${encodeURIComponent(sessionId)}/enrolments/${encodeURIComponent(employeeId)}`,
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: myTrainingKey }),
  });
}

export function useCreateCalendarFeed() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<CalendarFeedCreated>('/api/calendar-feed'),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: myTrainingKey }),
  });
}

export function useDeleteCalendarFeed() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.delete<{ ok: true }>('/api/calendar-feed'),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: myTrainingKey }),
  });
}

export const certificateUrl = (enrolmentId: string) => `/api/enrolments/${encodeURIComponent(enrolmentId)}/certificate.pdf`;
export const sessionCalendarUrl = (sessionId: string) => `/api/training-sessions/${encodeURIComponent(sessionId)}/calendar.ics`;
