import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Invitation, Meeting, MeetingBody, Network, NetworkBody, NetworkFile } from '#shared/contracts/networks';
import { api } from '../../api/client';

/** Everything networks read: any change refreshes all of it. */
export const networkKeys = { all: ['networks'] as const };
const id = encodeURIComponent;

type NetworkSummary = { id: string; name: string; description: string | null; memberCount: number; nextMeetingAt: string | null };
export type Candidate = { unitId: string; unitName: string; administrationName: string; certified: boolean; hasManager: boolean };

export function useNetworks() {
  return useQuery({
    queryKey: [...networkKeys.all, 'list'],
    queryFn: () => api.get<{ items: NetworkSummary[]; canCreate: boolean }>('/api/networks'),
  });
}

export function useNetwork(networkId: string) {
  return useQuery({
    queryKey: [...networkKeys.all, 'one', networkId],
    queryFn: () => api.get<Network>(`/api/networks/${id(networkId)}`),
  });
}

export function useMeeting(meetingId: string) {
  return useQuery({
    queryKey: [...networkKeys.all, 'meeting', meetingId],
    queryFn: () => api.get<Meeting>(`/api/network-meetings/${id(meetingId)}`),
  });
}

export function useNetworkInvitations(networkId: string, enabled: boolean) {
  return useQuery({
    queryKey: [...networkKeys.all, 'invitations', networkId],
    queryFn: () => api.get<{ items: Invitation[] }>(`/api/networks/${id(networkId)}/invitations`),
    enabled,
  });
}

export function useCandidates(networkId: string, enabled: boolean) {
  return useQuery({
    queryKey: [...networkKeys.all, 'candidates', networkId],
    queryFn: () => api.get<{ items: Candidate[] }>(`/api/networks/${id(networkId)}/invitation-candidates`),
    enabled,
  });
}

export function useMyInvitations() {
  return useQuery({
    queryKey: [...networkKeys.all, 'mine'],
    queryFn: () => api.get<{ items: Invitation[] }>('/api/network-invitations'),
  });
}

export function useContactCandidates(unitId: string | null) {
  return useQuery({
    queryKey: [...networkKeys.all, 'contacts', unitId],
    queryFn: () => api.get<{ items: { userId: string; name: string }[] }>(`/api/units/${id(unitId ?? '')}/network-contacts`),
    enabled: Boolean(unitId),
  });
}

/** One write of the feature: on success, whatever networks read is fetched again. */
function useStep<A, R>(fn: (args: A) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => client.invalidateQueries({ queryKey: networkKeys.all }) });
}

const upload = (url: string, file: File) => {
  const body = new FormData();
  body.append('file', file);
  return api.post<NetworkFile>(url, body);
};

/** Every write of the feature. */
export function useNetworkSteps() {
  return {
    create: useStep((body: NetworkBody) => api.post<Network>('/api/networks', body)),
    update: useStep((a: { id: string; body: NetworkBody }) => api.put<Network>(`/api/networks/${id(a.id)}`, a.body)),
    setMember: useStep((a: { id: string; unitId: string; contactUserId: string | null }) =>
      api.post<Network>(`/api/networks/${id(a.id)}/members`, { unitId: a.unitId, contactUserId: a.contactUserId }),
    ),
    removeMember: useStep((a: { id: string; unitId: string }) => api.delete(`/api/networks/${id(a.id)}/members/${id(a.unitId)}`)),
    createMeeting: useStep((a: { id: string; body: MeetingBody }) =>
      api.post<Meeting>(`/api/networks/${id(a.id)}/meetings`, a.body),
    ),
    updateMeeting: useStep((a: { id: string; body: MeetingBody }) =>
      api.put<Meeting>(`/api/network-meetings/${id(a.id)}`, a.body),
    ),
    deleteMeeting: useStep((meetingId: string) => api.delete(`/api/network-meetings/${id(meetingId)}`)),
    attachToMeeting: useStep((a: { id: string; file: File }) => upload(`/api/network-meetings/${id(a.id)}/files`, a.file)),
    attachToNetwork: useStep((a: { id: string; file: File }) => upload(`/api/networks/${id(a.id)}/files`, a.file)),
    removeFile: useStep((fileId: string) => api.delete(`/api/network-files/${id(fileId)}`)),
    addLink: useStep((a: { id: string; title: string; url: string }) =>
      api.post(`/api/networks/${id(a.id)}/links`, { title: a.title, url: a.url }),
    ),
    removeLink: useStep((linkId: string) => api.delete(`/api/network-links/${id(linkId)}`)),
    invite: useStep((a: { id: string; unitIds: string[]; notCertified: boolean; message: string }) =>
      api.post<{ items: Invitation[] }>(`/api/networks/${id(a.id)}/invitations`, {
        unitIds: a.unitIds,
        notCertified: a.notCertified,
        message: a.message,
      }),
    ),
    withdraw: useStep((invitationId: string) => api.post<Invitation>(`/api/network-invitations/${id(invitationId)}/withdraw`)),
    accept: useStep((a: { id: string; contactUserId: string | null }) =>
      api.post<Invitation>(`/api/network-invitations/${id(a.id)}/accept`, { contactUserId: a.contactUserId }),
    ),
    decline: useStep((a: { id: string; reason: string }) =>
      api.post<Invitation>(`/api/network-invitations/${id(a.id)}/decline`, { reason: a.reason }),
    ),
  };
}
