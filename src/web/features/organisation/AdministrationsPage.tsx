import { Button, NativeSelect } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { Administration } from '#shared/contracts/organisation';
import { useCan } from '../../api/session';
import { Page } from '../../components/Page';
import { formatNumber } from '../../components/format';
import { AdministrationForm } from './AdministrationForm';
import { useAdministrationList } from './api';
import { defaultPageSize, ListTable, mediumOnly, wideOnly } from './ListTable';
import { ActiveBadge, FilterBar, SearchField } from './parts';
import { activeParam, type AdministrationSearch } from './search';
import { AnchorLink } from '../../components/links';

const routeApi = getRouteApi('/app/administrations');

export function AdministrationsPage() {
  const { t } = useTranslation();
  const search = routeApi.useSearch();
  const navigate = routeApi.useNavigate();
  const goTo = useNavigate();
  const can = useCan();
  const [formOpened, form] = useDisclosure(false);
  const page = search.page ?? 1;
  const pageSize = search.pageSize ?? defaultPageSize;
  const sort = search.sort ?? 'name';

  const update = (change: Partial<AdministrationSearch>, resetPage = true) =>
    navigate({ search: (prev) => ({ ...prev, ...(resetPage ? { page: undefined } : {}), ...change }), replace: true });

  const query = useAdministrationList({ page, pageSize, sort, q: search.q, active: activeParam(search.status) });

  return (
    <Page
      title={t('organisation.administrations.title')}
      actions={can('create', 'administration') && <Button onClick={form.open}>{t('organisation.administrations.create')}</Button>}
    >
      <FilterBar label={t('common.filter')}>
        <SearchField label={t('organisation.administrations.search')} value={search.q} onChange={(q) => update({ q })} />
        <NativeSelect
          label={t('common.status')}
          value={search.status ?? 'active'}
          onChange={(event) => {
            const value = event.currentTarget.value;
            update({ status: value === 'active' ? undefined : (value as 'closed' | 'all') });
          }}
          data={[
            { value: 'active', label: t('organisation.status.active') },
            { value: 'closed', label: t('organisation.status.closed') },
            { value: 'all', label: t('common.all') },
          ]}
        />
      </FilterBar>
      <ListTable<Administration>
        label={t('organisation.administrations.title')}
        query={query}
        page={page}
        pageSize={pageSize}
        sort={sort}
        onSortChange={(value) => update({ sort: value === 'name' ? undefined : value })}
        onPageChange={(value) => update({ page: value === 1 ? undefined : value }, false)}
        onPageSizeChange={(value) => update({ pageSize: value === defaultPageSize ? undefined : value })}
        columns={[
          {
            accessor: 'name',
            title: t('organisation.administrations.name'),
            sortKey: 'name',
            render: (a) => (
              <AnchorLink to="/administrations/$id" params={{ id: a.id }}>
                {a.name}
              </AnchorLink>
            ),
          },
          {
            accessor: 'shortName',
            title: t('organisation.administrations.shortName'),
            visibleMediaQuery: mediumOnly,
            render: (a) => a.shortName ?? '–',
          },
          {
            accessor: 'processLeader',
            title: t('organisation.administrations.processLeader'),
            visibleMediaQuery: wideOnly,
            render: (a) => a.processLeader?.name ?? '–',
          },
          {
            accessor: 'unitCount',
            title: t('organisation.administrations.unitCount'),
            textAlign: 'right',
            visibleMediaQuery: wideOnly,
            render: (a) => formatNumber(a.unitCount),
          },
          {
            accessor: 'employeeCount',
            title: t('organisation.administrations.employeeCount'),
            textAlign: 'right',
            visibleMediaQuery: mediumOnly,
            render: (a) => formatNumber(a.employeeCount),
          },
          { accessor: 'active', title: t('common.status'), noWrap: true, render: (a) => <ActiveBadge active={a.active} /> },
        ]}
      />
      <AdministrationForm
        opened={formOpened}
        onClose={form.close}
        onSaved={(saved) => goTo({ to: '/administrations/$id', params: { id: saved.id } })}
      />
    </Page>
  );
}
