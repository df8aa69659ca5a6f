import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ActionMessages,
  ExampleBody,
  LinkableActions,
  MessageDetail,
  MessageList,
  MessageListQuery,
  MessageStatistics,
  MessageStatisticsQuery,
  RetentionSettings,
  RetentionSettingsBody,
} from '#shared/contracts/messages';
import { api, toQuery, type ListParams } from '../../api/client';

/** Everything the inbox reads: a change to a message refreshes all of it. */
export const messageKeys = { all: ['messages'] as const };

export function useMessageList(params: ListParams<MessageListQuery>) {
  return useQuery({
    queryKey: [...messageKeys.all, 'list', params],
    queryFn: () => api.get<MessageList>(`/api/messages${toQuery(params)}`),
    placeholderData: keepPreviousData,
  });
}

export function useMessage(id: string) {
  return useQuery({
    queryKey: [...messageKeys.all, 'message', id],
    queryFn: () => api.get<MessageDetail>(`/api/messages/${encodeURIComponent(id)}`),
  });
}

/** A change to one message; the answer is the message as it now stands. */
export function useMessageChange<Body>(id: string, send: (id: string, body: Body) => Promise<MessageDetail>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Body) => send(encodeURIComponent(id), body),
    onSuccess: async (saved) => {
      queryClient.setQueryData([...messageKeys.all, 'message', id], saved);
      await queryClient.invalidateQueries({ queryKey: [...messageKeys.all, 'list'] });
    },
  });
}

export const changes = {
  acknowledge: (id: string) => api.post<MessageDetail>(`/api/messages/${id}/acknowledge`),
  assign: (id: string, userId: string | null) => api.put<MessageDetail>(`/api/messages/${id}/assignee`, { userId }),
  note: (id: string, text: string) => api.post<MessageDetail>(`/api/messages/${id}/notes`, { text }),
  answer: (id: string, text: string) => api.post<MessageDetail>(`/api/messages/${id}/answer`, { text }),
  close: (id: string) => api.post<MessageDetail>(`/api/messages/${id}/close`),
  hateful: (id: string, hateful: boolean) => api.put<MessageDetail>(`/api/messages/${id}/hateful`, { hateful }),
  link: (id: string, actionId: string) => api.post<MessageDetail>(`/api/messages/${id}/links`, { actionId }),
  unlink: (id: string, linkId: string) => api.delete<MessageDetail>(`/api/messages/${id}/links/${encodeURIComponent(linkId)}`),
  publish: (id: string, body: ExampleBody) => api.put<MessageDetail>(`/api/messages/${id}/example`, body),
  unpublish: (id: string) => api.delete<MessageDetail>(`/api/messages/${id}/example`),
};

/** Actions of draft and adopted plans a message may be linked to, found by plan, goal or action name. */
export function useLinkableActions(q: string) {
  return useQuery({
    queryKey: [...messageKeys.all, 'linkable-actions', q],
    queryFn: () => api.get<LinkableActions>(`/api/messages/linkable-actions${toQuery({ q })}`),
    enabled: q.length >= 2,
    placeholderData: keepPreviousData,
  });
}

/** The messages linked to each action of a plan version: counts, and the messages the reader may read. */
export function useActionMessages(planId: string) {
  return useQuery({
    queryKey: [...messageKeys.all, 'action-links', planId],
    queryFn: () => api.get<ActionMessages>(`/api/messages/action-links${toQuery({ planId })}`),
  });
}

export function useMessageStatistics(params: MessageStatisticsQuery) {
  return useQuery({
    queryKey: [...messageKeys.all, 'statistics', params],
    queryFn: () => api.get<MessageStatistics>(`/api/messages/statistics${toQuery(params)}`),
    placeholderData: keepPreviousData,
  });
}

/** The CSV of the same figures: a plain link, so the browser downloads it with the session cookie. */
export const statisticsCsvUrl = (params: MessageStatisticsQuery) => `/api/messages/statistics.csv${toQuery(params)}`;

const retentionKey = ['message-retention'] as const;

export function useRetentionSettings() {
  return useQuery({ queryKey: retentionKey, queryFn: () => api.get<RetentionSettings>('/api/messages/retention') });
}

export function useSaveRetentionSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RetentionSettingsBody) => api.put<RetentionSettings>('/api/messages/retention', body),
    onSuccess: (saved) => queryClient.setQueryData(retentionKey, saved),
  });
}
