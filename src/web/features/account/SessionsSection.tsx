import { useState } from 'react';
import { Badge, Button, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { DataTable } from 'mantine-datatable';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '#shared/contracts/auth';
import { api } from '../../api/client';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { fromSm, useDataTableTexts } from '../../components/dataTable';
import { formatDateTime } from '../../components/format';
import { ErrorAlert } from '../../components/Page';
import { Section } from './Section';

export const sessionsQueryKey = ['auth', 'sessions'] as const;

export function SessionsSection() {
  const { t } = useTranslation();
  const texts = useDataTableTexts();
  const queryClient = useQueryClient();
  const sessions = useQuery({ queryKey: sessionsQueryKey, queryFn: () => api.get<SessionInfo[]>('/api/auth/sessions') });
  const [ending, setEnding] = useState<SessionInfo | null>(null);
  const end = useMutation({
    mutationFn: (id: string) => api.delete(`/api/auth/sessions/${id}`),
    onSuccess: async () => {
      setEnding(null);
      await queryClient.invalidateQueries({ queryKey: sessionsQueryKey });
    },
  });

  return (
    <Section id="sessions" title={t('account.sessions.title')}>
      <Text size="sm">{t('account.sessions.intro')}</Text>
      <ErrorAlert error={sessions.error} />
      <DataTable<SessionInfo>
        aria-label={t('account.sessions.title')}
        withTableBorder
        minHeight={sessions.data?.length ? undefined : 120}
        fetching={sessions.isPending}
        records={sessions.data ?? []}
        {...texts}
        columns={[
          {
            accessor: 'createdAt',
            title: t('account.sessions.started'),
            render: (s) => (
              <>
                {formatDateTime(s.createdAt)}{' '}
                {s.current && (
                  <Badge color="indigo.8" variant="dot" ml={4}>
                    {t('account.sessions.current')}
                  </Badge>
                )}
              </>
            ),
          },
          { accessor: 'lastSeenAt', title: t('account.sessions.lastSeen'), render: (s) => formatDateTime(s.lastSeenAt) },
          {
            accessor: 'expiresAt',
            title: t('account.sessions.expires'),
            render: (s) => formatDateTime(s.expiresAt),
            visibleMediaQuery: fromSm,
          },
          {
            accessor: 'actions',
            title: t('common.actions'),
            textAlign: 'right',
            render: (s) =>
              s.current ? (
                <Text size="sm">{t('account.sessions.thisOne')}</Text>
              ) : (
                <Button
                  size="xs"
                  variant="outline"
                  color="red.9"
                  onClick={() => {
                    end.reset();
                    setEnding(s);
                  }}
                  aria-label={t('account.sessions.endLabel', { date: formatDateTime(s.createdAt) })}
                >
                  {t('account.sessions.end')}
                </Button>
              ),
          },
        ]}
      />
      <ConfirmDialog
        opened={ending !== null}
        title={t('account.sessions.confirmTitle')}
        confirmLabel={t('account.sessions.end')}
        danger
        loading={end.isPending}
        error={end.error}
        onClose={() => setEnding(null)}
        onConfirm={() => {
          if (ending) end.mutate(ending.id);
        }}
      >
        {t('account.sessions.confirmBody', { date: formatDateTime(ending?.createdAt) })}
      </ConfirmDialog>
    </Section>
  );
}
