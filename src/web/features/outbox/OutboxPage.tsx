import { useEffect, useState } from 'react';
import { Alert, Badge, Button, Code, Group, Loader, Modal, Paper, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { DataTable } from 'mantine-datatable';
import { useTranslation } from 'react-i18next';
import type { Page as ApiPage } from '#shared/contracts/common';
import type { OutboxMessage } from '#shared/contracts/system';
import { api, toQuery } from '../../api/client';
import { useCan } from '../../api/session';
import { fromMd, fromSm, useDataTableTexts, usePaginationTexts } from '../../components/dataTable';
import { formatDateTime } from '../../components/format';
import { notifyDone } from '../../components/notify';
import { ErrorAlert, Page } from '../../components/Page';
import type { OutboxSearch } from './search';

const route = getRouteApi('/app/outbox');
export const outboxQueryKey = ['outbox'] as const;

const statusColor = { pending: 'indigo.8', sent: 'green.9', failed: 'red.9' } as const;

function StatusBadge({ status }: { status: OutboxMessage['status'] }) {
  const { t } = useTranslation();
  return (
    <Badge color={statusColor[status]} variant="dot">
      {t(`outbox.status.${status}`)}
    </Badge>
  );
}

function SmtpInfo() {
  const { t } = useTranslation();
  const info = useQuery({
    queryKey: [...outboxQueryKey, 'info'],
    queryFn: () => api.get<{ smtpConfigured: boolean }>('/api/outbox/info'),
  });
  if (info.error) return <ErrorAlert error={info.error} />;
  if (!info.data) return null;
  return info.data.smtpConfigured ? (
    <Alert color="indigo" variant="light" title={t('outbox.smtpOnTitle')}>
      {t('outbox.smtpOn')}
    </Alert>
  ) : (
    <Alert
      color="orange"
      variant="light"
      styles={{ title: { color: 'var(--mantine-color-text)' } }}
      title={t('outbox.smtpOffTitle')}
    >
      <Stack gap={4}>
        <Text size="sm">{t('outbox.smtpOff')}</Text>
        <Text size="sm">
          {t('outbox.smtpHowTo')} <Code>SMTP_URL=smtp://user:password@mail.example.se:587</Code>
        </Text>
      </Stack>
    </Alert>
  );
}

function MessageDialog({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const can = useCan();
  const queryClient = useQueryClient();
  const message = useQuery({
    queryKey: [...outboxQueryKey, 'message', id],
    queryFn: () => api.get<OutboxMessage>(`/api/outbox/${id}`),
    enabled: id !== null,
  });
  const retry = useMutation({
    mutationFn: () => api.post<OutboxMessage>(`/api/outbox/${id}/retry`),
    onSuccess: async (saved) => {
      queryClient.setQueryData([...outboxQueryKey, 'message', id], saved);
      await queryClient.invalidateQueries({ queryKey: outboxQueryKey });
      await queryClient.invalidateQueries({ queryKey: ['overview'] });
      notifyDone(t('outbox.retried'), t('outbox.retriedBody'));
    },
  });
  const m = message.data;
  return (
    <Modal
      opened={id !== null}
      onClose={() => {
        retry.reset();
        onClose();
      }}
      title={m ? m.subject : t('outbox.message')}
      size="lg"
      fullScreen={typeof window !== 'undefined' && window.innerWidth < 576}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <ErrorAlert error={message.error} />
      {message.isPending && <Loader aria-label={t('common.loading')} />}
      {m && (
        <Stack gap="md">
          <Table variant="vertical" layout="fixed">
            <Table.Tbody>
              <Table.Tr>
                <Table.Th w={130}>{t('outbox.to')}</Table.Th>
                <Table.Td style={{ overflowWrap: 'anywhere' }}>{m.toAddress}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('outbox.subject')}</Table.Th>
                <Table.Td>{m.subject}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('common.status')}</Table.Th>
                <Table.Td>
                  <StatusBadge status={m.status} />
                </Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('common.createdAt')}</Table.Th>
                <Table.Td>{formatDateTime(m.createdAt)}</Table.Td>
              </Table.Tr>
              {m.sentAt && (
                <Table.Tr>
                  <Table.Th>{t('outbox.sentAt')}</Table.Th>
                  <Table.Td>{formatDateTime(m.sentAt)}</Table.Td>
                </Table.Tr>
              )}
              <Table.Tr>
                <Table.Th>{t('outbox.attempts')}</Table.Th>
                <Table.Td>{m.attempts}</Table.Td>
              </Table.Tr>
              {m.nextAttemptAt && (
                <Table.Tr>
                  <Table.Th>{t('outbox.nextAttempt')}</Table.Th>
                  <Table.Td>{formatDateTime(m.nextAttemptAt)}</Table.Td>
                </Table.Tr>
              )}
              <Table.Tr>
                <Table.Th>{t('outbox.lastError')}</Table.Th>
                <Table.Td style={{ overflowWrap: 'anywhere' }}>{m.lastError ?? t('common.none')}</Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
          <div>
            <Text fw={700} size="sm" mb={4} id="outbox-body-label">
              {t('outbox.body')}
            </Text>
            <Paper
              withBorder
              p="sm"
              bg="gray.0"
              aria-labelledby="outbox-body-label"
              role="document"
              style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
            >
              <Text size="sm">{m.body}</Text>
            </Paper>
          </div>
          <ErrorAlert error={retry.error} />
          {m.status === 'failed' && can('update', 'outbox') && (
            <Group>
              <Button onClick={() => retry.mutate()} loading={retry.isPending}>
                {t('outbox.retry')}
              </Button>
            </Group>
          )}
        </Stack>
      )}
    </Modal>
  );
}

export function OutboxPage() {
  const { t } = useTranslation();
  const search = route.useSearch();
  const navigate = useNavigate({ from: '/outbox' });
  const texts = useDataTableTexts();
  const pagination = usePaginationTexts();
  const [openId, setOpenId] = useState<string | null>(null);

  const messages = useQuery({
    queryKey: [...outboxQueryKey, 'list', search],
    queryFn: () => api.get<ApiPage<OutboxMessage>>(`/api/outbox${toQuery({ ...search, pageSize: search.pageSize ?? 25 })}`),
    placeholderData: keepPreviousData,
  });

  const setSearch = (patch: Partial<OutboxSearch>) =>
    navigate({ search: (prev: OutboxSearch) => ({ ...prev, page: undefined, ...patch }), replace: true });

  const [q, setQ] = useState(search.q ?? '');
  const [debouncedQ] = useDebouncedValue(q.trim(), 300);
  useEffect(() => {
    if ((search.q ?? '') !== debouncedQ) setSearch({ q: debouncedQ || undefined });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debouncedQ]);

  return (
    <Page title={t('outbox.title')}>
      <Text>{t('outbox.intro')}</Text>
      <SmtpInfo />
      <Group align="flex-end" gap="sm" wrap="wrap" role="search" aria-label={t('outbox.filters')}>
        <TextInput
          label={t('common.search')}
          description={t('outbox.searchHint')}
          type="search"
          value={q}
          onChange={(event) => setQ(event.currentTarget.value)}
          style={{ flex: '1 1 240px' }}
        />
        <Select
          label={t('common.status')}
          data={[
            { value: '', label: t('common.all') },
            { value: 'pending', label: t('outbox.status.pending') },
            { value: 'sent', label: t('outbox.status.sent') },
            { value: 'failed', label: t('outbox.status.failed') },
          ]}
          value={search.status ?? ''}
          onChange={(value) => setSearch({ status: (value || undefined) as OutboxSearch['status'] })}
          allowDeselect={false}
          w={180}
        />
      </Group>
      <ErrorAlert error={messages.error} />
      <DataTable<OutboxMessage>
        aria-label={t('outbox.tableLabel')}
        withTableBorder
        minHeight={messages.data?.items.length ? undefined : 160}
        fetching={messages.isFetching}
        records={messages.data?.items ?? []}
        totalRecords={messages.data?.total ?? 0}
        page={search.page ?? 1}
        onPageChange={(page) => setSearch({ page: page === 1 ? undefined : page })}
        recordsPerPage={search.pageSize ?? 25}
        onRecordsPerPageChange={(pageSize: number) => setSearch({ pageSize: pageSize === 25 ? undefined : pageSize })}
        {...texts}
        {...pagination}
        columns={[
          {
            accessor: 'createdAt',
            title: t('common.createdAt'),
            render: (m) => formatDateTime(m.createdAt),
            visibleMediaQuery: fromSm,
            noWrap: true,
          },
          {
            accessor: 'toAddress',
            title: t('outbox.to'),
            visibleMediaQuery: fromMd,
            cellsStyle: () => ({ overflowWrap: 'anywhere' }),
          },
          {
            accessor: 'subject',
            title: t('outbox.subject'),
            render: (m) => (
              <Button
                variant="subtle"
                size="compact-sm"
                px={4}
                onClick={() => setOpenId(m.id)}
                styles={{ label: { whiteSpace: 'normal', textAlign: 'left' } }}
                h="auto"
              >
                {m.subject}
              </Button>
            ),
          },
          { accessor: 'status', title: t('common.status'), render: (m) => <StatusBadge status={m.status} /> },
          { accessor: 'attempts', title: t('outbox.attempts'), textAlign: 'right', visibleMediaQuery: fromMd },
        ]}
      />
      <MessageDialog id={openId} onClose={() => setOpenId(null)} />
    </Page>
  );
}
