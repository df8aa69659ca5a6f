import { useMemo, useRef, useState } from 'react';
import { ActionIcon, Button, Group, Select, SimpleGrid, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { DataTable } from 'mantine-datatable';
import { useTranslation } from 'react-i18next';
import type { Page as ApiPage } from '#shared/contracts/common';
import type { Administration, Unit } from '#shared/contracts/organisation';
import type { AuditEntry } from '#shared/contracts/system';
import type { User } from '#shared/contracts/users';
import { api, toQuery } from '../../api/client';
import { fromMd, fromSm, useDataTableTexts, usePaginationTexts } from '../../components/dataTable';
import { formatDateTime } from '../../components/format';
import { ErrorAlert, Page } from '../../components/Page';
import { ChangeList } from './ChangeList';
import { auditActions, entityTypes, type AuditSearch } from './search';

const route = getRouteApi('/app/audit-log');
export const auditQueryKey = ['audit'] as const;

function Chevron({ open }: { open: boolean }) {
  return (
    <svg
      width="16"
      height="16"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2.5"
      aria-hidden="true"
      style={{ transform: open ? 'rotate(90deg)' : undefined, transition: 'transform 120ms ease' }}
    >
      <path d="M9 6l6 6l-6 6" />
    </svg>
  );
}

/** Names for the administrations and units a snapshot refers to by id (the first 200 of each, cached). */
function useNameLookup(enabled: boolean) {
  const administrations = useQuery({
    queryKey: ['administrations', 'options', ''],
    queryFn: () => api.get<ApiPage<Administration>>(`/api/administrations${toQuery({ pageSize: 200, sort: 'name' })}`),
    enabled,
    staleTime: 60_000,
  });
  const units = useQuery({
    queryKey: ['units', 'options', ''],
    queryFn: () => api.get<ApiPage<Unit>>(`/api/units${toQuery({ pageSize: 200, sort: 'name' })}`),
    enabled,
    staleTime: 60_000,
  });
  return useMemo(() => {
    const names = new Map<string, string>();
    for (const a of administrations.data?.items ?? []) names.set(`administration:${a.id}`, a.name);
    for (const u of units.data?.items ?? []) names.set(`unit:${u.id}`, u.name);
    return (kind: 'administration' | 'unit', id: string) => names.get(`${kind}:${id}`);
  }, [administrations.data, units.data]);
}

/** Who did it: a user, searched by name or email. */
function ActorSelect({ value, onChange }: { value: string | undefined; onChange: (id: string | undefined) => void }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  // Listing users is itself an audited read: only when the person opens the list.
  const [opened, setOpened] = useState(false);
  const labels = useRef(new Map<string, string>());
  const [q] = useDebouncedValue(search.trim(), 300);
  const selectedLabel = value ? labels.current.get(value) : undefined;
  const users = useQuery({
    queryKey: ['users', 'list', { q: search === selectedLabel ? '' : q, pageSize: 50 }],
    queryFn: () =>
      api.get<ApiPage<User>>(`/api/users${toQuery({ q: search === selectedLabel ? '' : q, pageSize: 50, sort: 'name' })}`),
    placeholderData: keepPreviousData,
    enabled: opened,
  });
  // The chosen person may not be among those found: ask for them by id once.
  const chosen = useQuery({
    queryKey: ['users', value],
    queryFn: () => api.get<User>(`/api/users/${value}`),
    enabled: !!value && !(users.data?.items ?? []).some((u) => u.id === value) && !labels.current.has(value),
  });
  const options = (users.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }));
  if (chosen.data) options.unshift({ value: chosen.data.id, label: chosen.data.name });
  for (const o of options) labels.current.set(o.value, o.label);
  if (value && !options.some((o) => o.value === value))
    options.unshift({ value, label: labels.current.get(value) ?? t('audit.someone') });
  return (
    <Select
      label={t('audit.who')}
      placeholder={t('audit.anyone')}
      searchable
      clearable
      clearButtonProps={{ 'aria-label': t('audit.clearWho') }}
      data={options.filter((o, i) => options.findIndex((x) => x.value === o.value) === i)}
      value={value ?? null}
      onChange={(next) => onChange(next ?? undefined)}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: all }) => all}
      onDropdownOpen={() => setOpened(true)}
      nothingFoundMessage={users.isFetching ? t('common.loading') : t('users.nothingFound')}
    />
  );
}

export function AuditLogPage() {
  const { t, i18n } = useTranslation();
  const search = route.useSearch();
  const navigate = useNavigate({ from: '/audit-log' });
  const texts = useDataTableTexts();
  const pagination = usePaginationTexts();
  const [expanded, setExpanded] = useState<string[]>([]);

  const entries = useQuery({
    queryKey: [...auditQueryKey, search],
    queryFn: () => api.get<ApiPage<AuditEntry>>(`/api/audit-log${toQuery({ ...search, pageSize: search.pageSize ?? 25 })}`),
    placeholderData: keepPreviousData,
  });
  const lookup = useNameLookup(expanded.length > 0);

  const setSearch = (patch: Partial<AuditSearch>) => {
    setExpanded([]);
    return navigate({ search: (prev: AuditSearch) => ({ ...prev, page: undefined, ...patch }), replace: true });
  };

  const translated = (prefix: string, value: string) => (i18n.exists(`${prefix}.${value}`) ? t(`${prefix}.${value}`) : value);
  const choices = (prefix: string, known: string[], current: string | undefined) => [
    { value: '', label: t('common.all') },
    ...[...known, ...(current && !known.includes(current) ? [current] : [])].map((value) => ({
      value,
      label: translated(prefix, value),
    })),
  ];
  const hasFilters = Boolean(search.entityType || search.action || search.actorUserId || search.from || search.to);

  const toggle = (id: string) => setExpanded((list) => (list.includes(id) ? list.filter((x) => x !== id) : [...list, id]));

  return (
    <Page title={t('audit.title')}>
      <Text>{t('audit.intro')}</Text>
      <form role="search" aria-label={t('audit.filters')} onSubmit={(event) => event.preventDefault()}>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 5 }} spacing="sm">
          <Select
            label={t('audit.entityType')}
            data={choices('audit.entities', entityTypes, search.entityType)}
            value={search.entityType ?? ''}
            onChange={(value) => setSearch({ entityType: value || undefined })}
            allowDeselect={false}
          />
          <Select
            label={t('audit.action')}
            data={choices('audit.actions', auditActions, search.action)}
            value={search.action ?? ''}
            onChange={(value) => setSearch({ action: value || undefined })}
            allowDeselect={false}
          />
          <ActorSelect value={search.actorUserId} onChange={(actorUserId) => setSearch({ actorUserId })} />
          <TextInput
            type="date"
            label={t('common.from')}
            value={search.from ?? ''}
            max={search.to}
            onChange={(event) => setSearch({ from: event.currentTarget.value || undefined })}
          />
          <TextInput
            type="date"
            label={t('common.to')}
            value={search.to ?? ''}
            min={search.from}
            onChange={(event) => setSearch({ to: event.currentTarget.value || undefined })}
          />
        </SimpleGrid>
        {hasFilters && (
          <Group mt="sm">
            <Button
              variant="subtle"
              size="compact-sm"
              onClick={() =>
                setSearch({ entityType: undefined, action: undefined, actorUserId: undefined, from: undefined, to: undefined })
              }
            >
              {t('audit.clearFilters')}
            </Button>
          </Group>
        )}
      </form>
      <ErrorAlert error={entries.error} />
      <DataTable<AuditEntry>
        aria-label={t('audit.tableLabel')}
        withTableBorder
        minHeight={entries.data?.items.length ? undefined : 160}
        fetching={entries.isFetching}
        records={entries.data?.items ?? []}
        totalRecords={entries.data?.total ?? 0}
        page={search.page ?? 1}
        onPageChange={(page) => {
          setExpanded([]);
          void navigate({ search: (prev: AuditSearch) => ({ ...prev, page: page === 1 ? undefined : page }), replace: true });
        }}
        recordsPerPage={search.pageSize ?? 25}
        onRecordsPerPageChange={(pageSize: number) => setSearch({ pageSize: pageSize === 25 ? undefined : pageSize })}
        {...texts}
        {...pagination}
        rowExpansion={{
          allowMultiple: true,
          expanded: { recordIds: expanded, onRecordIdsChange: (ids: unknown[]) => setExpanded(ids as string[]) },
          content: ({ record }) => (
            <ChangeList
              entry={record}
              lookup={lookup}
              label={t('audit.changesLabel', {
                action: translated('audit.actions', record.action),
                entity: translated('audit.entities', record.entityType),
                at: formatDateTime(record.at),
              })}
            />
          ),
        }}
        columns={[
          {
            accessor: 'expand',
            title: <VisuallyHidden>{t('audit.details')}</VisuallyHidden>,
            width: 48,
            render: (entry) => {
              const open = expanded.includes(entry.id);
              return (
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  aria-expanded={open}
                  aria-label={open ? t('audit.hideChanges') : t('audit.showChanges')}
                  onClick={(event) => {
                    event.stopPropagation();
                    toggle(entry.id);
                  }}
                >
                  <Chevron open={open} />
                </ActionIcon>
              );
            },
          },
          { accessor: 'at', title: t('audit.at'), noWrap: true, render: (e) => formatDateTime(e.at) },
          { accessor: 'actorName', title: t('audit.who'), render: (e) => e.actorName ?? t('audit.system') },
          { accessor: 'action', title: t('audit.action'), render: (e) => translated('audit.actions', e.action) },
          {
            accessor: 'entityType',
            title: t('audit.entityType'),
            render: (e) => translated('audit.entities', e.entityType),
            visibleMediaQuery: fromSm,
          },
          {
            accessor: 'entityId',
            title: t('audit.entityId'),
            visibleMediaQuery: fromMd,
            render: (e) =>
              e.entityId ? (
                <Text size="sm" ff="monospace">
                  {e.entityId.slice(0, 8)}
                </Text>
              ) : (
                t('audit.empty')
              ),
          },
        ]}
      />
    </Page>
  );
}
