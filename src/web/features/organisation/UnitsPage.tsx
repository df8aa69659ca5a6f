import { Button, NativeSelect } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { Unit } from '#shared/contracts/organisation';
import { useCan } from '../../api/session';
import { Page } from '../../components/Page';
import { formatNumber } from '../../components/format';
import { useUnitList } from './api';
import { defaultPageSize, ListTable, mediumOnly, wideOnly, type SortableColumn } from './ListTable';
import { ActiveBadge, FilterBar, SearchField } from './parts';
import { activeParam, type UnitSearch } from './search';
import { AdministrationSelect } from './Selects';
import { UnitForm } from './UnitForm';
import { AnchorLink } from '../../components/links';

const routeApi = getRouteApi('/app/units');

/** The columns of a unit list; on a phone only the name, the employees and the status. */
export function useUnitColumns({ withAdministration }: { withAdministration: boolean }): SortableColumn<Unit>[] {
  const { t } = useTranslation();
  return [
    {
      accessor: 'name',
      title: t('organisation.units.name'),
      sortKey: 'name',
      render: (u) => (
        <AnchorLink to="/units/$id" params={{ id: u.id }}>
          {u.name}
        </AnchorLink>
      ),
    },
    {
      accessor: 'code',
      title: t('organisation.units.code'),
      sortKey: 'code',
      visibleMediaQuery: mediumOnly,
      render: (u) => u.code ?? '–',
    },
    ...(withAdministration
      ? [
          {
            accessor: 'administrationName',
            title: t('organisation.units.administration'),
            sortKey: 'administrationName',
            visibleMediaQuery: wideOnly,
          } satisfies SortableColumn<Unit>,
        ]
      : []),
    {
      accessor: 'manager',
      title: t('organisation.units.manager'),
      visibleMediaQuery: mediumOnly,
      render: (u) => u.manager?.name ?? '–',
    },
    {
      accessor: 'worksWithChildren',
      title: t('organisation.units.childrenShort'),
      visibleMediaQuery: wideOnly,
      render: (u) => (u.worksWithChildren ? t('common.yes') : t('common.no')),
    },
    {
      accessor: 'employeeCount',
      title: t('organisation.units.employeeCount'),
      textAlign: 'right',
      render: (u) => formatNumber(u.employeeCount),
    },
    { accessor: 'active', title: t('common.status'), noWrap: true, render: (u) => <ActiveBadge active={u.active} /> },
  ];
}

export function UnitsPage() {
  const { t } = useTranslation();
  const search = routeApi.useSearch();
  const navigate = routeApi.useNavigate();
  const goTo = useNavigate();
  const can = useCan();
  const [formOpened, form] = useDisclosure(false);
  const columns = useUnitColumns({ withAdministration: true });
  const page = search.page ?? 1;
  const pageSize = search.pageSize ?? defaultPageSize;
  const sort = search.sort ?? 'name';

  const update = (change: Partial<UnitSearch>, resetPage = true) =>
    navigate({ search: (prev) => ({ ...prev, ...(resetPage ? { page: undefined } : {}), ...change }), replace: true });

  const query = useUnitList({
    page,
    pageSize,
    sort,
    q: search.q,
    administrationId: search.administrationId,
    worksWithChildren: search.worksWithChildren,
    active: activeParam(search.status),
  });

  return (
    <Page
      title={t('organisation.units.title')}
      actions={can('create', 'unit') && <Button onClick={form.open}>{t('organisation.units.create')}</Button>}
    >
      <FilterBar label={t('common.filter')}>
        <SearchField label={t('organisation.units.search')} value={search.q} onChange={(q) => update({ q })} />
        <AdministrationSelect
          label={t('organisation.units.administration')}
          includeClosed
          clearable
          value={search.administrationId ?? null}
          onChange={(administrationId) => update({ administrationId: administrationId ?? undefined })}
        />
        <NativeSelect
          label={t('organisation.units.worksWithChildren')}
          value={search.worksWithChildren === undefined ? '' : String(search.worksWithChildren)}
          onChange={(event) => {
            const value = event.currentTarget.value;
            update({ worksWithChildren: value === '' ? undefined : value === 'true' });
          }}
          data={[
            { value: '', label: t('common.all') },
            { value: 'true', label: t('common.yes') },
            { value: 'false', label: t('common.no') },
          ]}
        />
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
      <ListTable<Unit>
        label={t('organisation.units.title')}
        query={query}
        page={page}
        pageSize={pageSize}
        sort={sort}
        onSortChange={(value) => update({ sort: value === 'name' ? undefined : value })}
        onPageChange={(value) => update({ page: value === 1 ? undefined : value }, false)}
        onPageSizeChange={(value) => update({ pageSize: value === defaultPageSize ? undefined : value })}
        columns={columns}
      />
      <UnitForm
        opened={formOpened}
        onClose={form.close}
        administrationId={search.administrationId}
        onSaved={(saved) => goTo({ to: '/units/$id', params: { id: saved.id } })}
      />
    </Page>
  );
}
