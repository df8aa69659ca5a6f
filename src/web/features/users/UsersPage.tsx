import { useEffect, useState } from 'react';
import { Badge, Group, Select, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { DataTable } from 'mantine-datatable';
import { useTranslation } from 'react-i18next';
import type { User } from '#shared/contracts/users';
import { roles } from '#shared/permissions';
import { useCan } from '../../api/session';
import { fromMd, fromSm, useDataTableTexts, usePaginationTexts } from '../../components/dataTable';
import { formatDateTime } from '../../components/format';
import { sortStatusOf, useSortHandler } from '../../components/list';
import { ErrorAlert, Page } from '../../components/Page';
import { useRoleLabel } from '../../components/roles';
import { useUserList, type UserSearch } from './api';
import { AnchorLink, ButtonLink } from '../../components/links';

const route = getRouteApi('/app/users');

export function UsersPage() {
  const { t } = useTranslation();
  const search = route.useSearch();
  const navigate = useNavigate({ from: '/users' });
  const can = useCan();
  const texts = useDataTableTexts();
  const pagination = usePaginationTexts();
  const roleLabel = useRoleLabel();
  const users = useUserList(search);

  const setSearch = (patch: Partial<UserSearch>) =>
    navigate({ search: (prev: UserSearch) => ({ ...prev, page: undefined, ...patch }), replace: true });

  const [q, setQ] = useState(search.q ?? '');
  const [debouncedQ] = useDebouncedValue(q.trim(), 300);
  useEffect(() => {
    if ((search.q ?? '') !== debouncedQ) setSearch({ q: debouncedQ || undefined });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debouncedQ]);
  const onSort = useSortHandler<User>((sort) => setSearch({ sort: sort === 'name' ? undefined : sort }));

  return (
    <Page title={t('users.title')} actions={can('create', 'user') && <ButtonLink to="/users/new">{t('users.new')}</ButtonLink>}>
      <Group align="flex-end" gap="sm" wrap="wrap" role="search" aria-label={t('users.filters')}>
        <TextInput
          label={t('common.search')}
          description={t('users.searchHint')}
          type="search"
          value={q}
          onChange={(event) => setQ(event.currentTarget.value)}
          miw={240}
          style={{ flex: '1 1 240px' }}
        />
        <Select
          label={t('users.role')}
          data={[{ value: '', label: t('common.all') }, ...roles.map((role) => ({ value: role, label: t(`roles.${role}`) }))]}
          value={search.role ?? ''}
          onChange={(value) => setSearch({ role: (value || undefined) as UserSearch['role'] })}
          allowDeselect={false}
          w={220}
        />
        <Select
          label={t('common.status')}
          data={[
            { value: '', label: t('common.all') },
            { value: 'true', label: t('common.active') },
            { value: 'false', label: t('users.deactivated') },
          ]}
          value={search.active ?? ''}
          onChange={(value) => setSearch({ active: (value || undefined) as UserSearch['active'] })}
          allowDeselect={false}
          w={160}
        />
      </Group>
      <ErrorAlert error={users.error} />
      <DataTable<User>
        aria-label={t('users.tableLabel')}
        withTableBorder
        minHeight={users.data?.items.length ? undefined : 160}
        fetching={users.isFetching}
        records={users.data?.items ?? []}
        totalRecords={users.data?.total ?? 0}
        page={search.page ?? 1}
        onPageChange={(page) => setSearch({ page: page === 1 ? undefined : page })}
        recordsPerPage={search.pageSize ?? 25}
        onRecordsPerPageChange={(pageSize: number) => setSearch({ pageSize: pageSize === 25 ? undefined : pageSize })}
        sortStatus={sortStatusOf<User>(search.sort, 'name')}
        onSortStatusChange={onSort}
        {...texts}
        {...pagination}
        columns={[
          {
            accessor: 'name',
            title: t('common.name'),
            sortable: true,
            render: (u) => (
              <AnchorLink to="/users/$userId" params={{ userId: u.id }}>
                {u.name}
              </AnchorLink>
            ),
          },
          {
            accessor: 'email',
            title: t('auth.email'),
            sortable: true,
            visibleMediaQuery: fromSm,
            cellsStyle: () => ({ overflowWrap: 'anywhere' }),
          },
          {
            accessor: 'roles',
            title: t('users.roles'),
            visibleMediaQuery: fromMd,
            render: (u) => (u.roles.length ? u.roles.map(roleLabel).join(', ') : t('common.none')),
          },
          {
            accessor: 'active',
            title: t('common.status'),
            render: (u) =>
              u.active ? (
                <Badge color="green.9" variant="dot">
                  {t('common.active')}
                </Badge>
              ) : (
                <Badge color="gray.6" variant="dot">
                  {t('users.deactivated')}
                </Badge>
              ),
          },
          {
            accessor: 'lastLoginAt',
            title: t('users.lastLogin'),
            sortable: true,
            visibleMediaQuery: fromMd,
            render: (u) => (u.lastLoginAt ? formatDateTime(u.lastLoginAt) : t('users.neverLoggedIn')),
          },
        ]}
      />
    </Page>
  );
}
