import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PublicSiteSettings, PublicSiteSettingsBody } from '#shared/contracts/public-site';
import { api } from '../../api/client';

const settingsKey = ['public-site', 'settings'] as const;

export function usePublicSiteSettings() {
  return useQuery({ queryKey: settingsKey, queryFn: () => api.get<PublicSiteSettings>('/api/public-site/settings') });
}

export function useSavePublicSiteSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PublicSiteSettingsBody) => api.put<PublicSiteSettings>('/api/public-site/settings', body),
    onSuccess: (saved) => queryClient.setQueryData(settingsKey, saved),
  });
}
