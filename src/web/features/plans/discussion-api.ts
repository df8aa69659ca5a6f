import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CommentBody,
  DiscussionItemType,
  PlanAttachment,
  PlanComment,
  PlanDiscussion,
} from '#shared/contracts/plan-discussion';
import { api } from '../../api/client';
import { planKeys } from './api';

const id = encodeURIComponent;
const discussionKey = (planId: string) => [...planKeys.all, 'discussion', planId];

/** The plan's comments and attachments, on the plan and all its items, in one request. */
export function usePlanDiscussion(planId: string) {
  return useQuery({
    queryKey: discussionKey(planId),
    queryFn: () => api.get<PlanDiscussion>(`/api/action-plans/${id(planId)}/discussion`),
  });
}

export function useDiscussionChanges(planId: string) {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: discussionKey(planId) });
  return {
    comment: useMutation({
      mutationFn: (body: CommentBody) => api.post<PlanComment>(`/api/action-plans/${id(planId)}/comments`, body),
      onSuccess: refresh,
    }),
    change: useMutation({
      mutationFn: ({ commentId, body }: { commentId: string; body: string }) =>
        api.patch<PlanComment>(`/api/plan-comments/${id(commentId)}`, { body }),
      onSuccess: refresh,
    }),
    removeComment: useMutation({
      mutationFn: (commentId: string) => api.delete<void>(`/api/plan-comments/${id(commentId)}`),
      onSuccess: refresh,
    }),
    attach: useMutation({
      mutationFn: ({ itemType, itemId, file }: { itemType: DiscussionItemType; itemId: string; file: File }) => {
        const body = new FormData();
        body.append('file', file);
        return api.post<PlanAttachment>(
          `/api/action-plans/${id(planId)}/attachments?itemType=${itemType}&itemId=${id(itemId)}`,
          body,
        );
      },
      onSuccess: refresh,
    }),
    removeAttachment: useMutation({
      mutationFn: (attachmentId: string) => api.delete<void>(`/api/plan-attachments/${id(attachmentId)}`),
      onSuccess: refresh,
    }),
  };
}

export const attachmentUrl = (attachmentId: string) => `/api/plan-attachments/${id(attachmentId)}`;
