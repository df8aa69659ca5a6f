import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Page } from '#shared/contracts/common';
import type { z } from 'zod';
import type { EmployeeImport, employeeImportListItem, UpdateImportBody } from '#shared/contracts/imports';
import { api, toQuery } from '../../api/client';

export type ImportListItem = z.infer<typeof employeeImportListItem>;
export type ImportMode = EmployeeImport['settings']['mode'];

/** The largest file the server takes (@fastify/multipart's limit in app.ts). */
export const maxFileBytes = 50 * 1024 * 1024;

export const importKeys = {
  all: ['imports'] as const,
  list: (params: Record<string, unknown>) => ['imports', 'list', params] as const,
  one: (id: string) => ['imports', 'one', id] as const,
  update: (id: string) => ['imports', 'update', id] as const,
};

const importUrl = (id: string) => `/api/employees/imports/${encodeURIComponent(id)}`;

export function useImportList(params: { page: number; pageSize: number }) {
  return useQuery({
    queryKey: importKeys.list(params),
    queryFn: () => api.get<Page<ImportListItem>>(`/api/employees/imports${toQuery(params)}`),
    placeholderData: keepPreviousData,
  });
}

/**
 * One import. While it is being committed it is asked for again every second, so the progress
 * moves; leaving the page and coming back shows the same progress, or the result.
 */
export function useImport(id: string) {
  return useQuery({
    queryKey: importKeys.one(id),
    queryFn: () => api.get<EmployeeImport>(importUrl(id)),
    refetchInterval: (query) => (query.state.data?.status === 'committing' ? 1000 : false),
  });
}

export function useUploadImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ file, mode }: { file: File; mode: ImportMode }) => {
      const body = new FormData();
      // The fields before the file: the server reads them from the file part's fields.
      body.append('mode', mode);
      body.append('file', file, file.name);
      return api.post<EmployeeImport>('/api/employees/imports', body);
    },
    onSuccess: async (created) => {
      queryClient.setQueryData(importKeys.one(created.id), created);
      await queryClient.invalidateQueries({ queryKey: [...importKeys.all, 'list'] });
    },
  });
}

/** Changes to one import's settings run one after another, each answered by the new preview. */
export function useUpdateImport(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    scope: { id: `import-${id}` },
    mutationKey: importKeys.update(id),
    mutationFn: (body: UpdateImportBody) => api.patch<EmployeeImport>(importUrl(id), body),
    onSuccess: (updated) => queryClient.setQueryData(importKeys.one(id), updated),
  });
}

export function useCommitImport(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    scope: { id: `import-${id}` },
    // The answer follows the commit line by line: on the embedded database the commit holds the only
    // connection, and the import's own query (asked again every second, useImport) waits until it ends.
    mutationFn: () =>
      api.postFollowing<EmployeeImport>(`${importUrl(id)}/commit`, (current) =>
        queryClient.setQueryData(importKeys.one(id), current),
      ),
    onSuccess: (updated) => queryClient.setQueryData(importKeys.one(id), updated),
  });
}

export function useDiscardImport(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    scope: { id: `import-${id}` },
    mutationFn: () => api.delete<EmployeeImport>(importUrl(id)),
    onSuccess: (updated) => queryClient.setQueryData(importKeys.one(id), updated),
  });
}

/** After a commit the organisation's lists and counts are out of date. */
export function useRefreshAfterCommit() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all(
      [['employees'], ['units'], ['administrations'], ['overview'], [...importKeys.all, 'list']].map((queryKey) =>
        queryClient.invalidateQueries({ queryKey }),
      ),
    );
}
