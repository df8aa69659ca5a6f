import { Badge, Button, NativeSelect } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { Employee } from '#shared/contracts/organisation';
import { useCan } from '../../api/session';
import { Page } from '../../components/Page';
import { formatDate } from '../../components/format';
import { useEmployeeList } from './api';
import { EmployeeForm } from './EmployeeForm';
import { defaultPageSize, extraLargeOnly, largeOnly, ListTable, mediumOnly, wideOnly, type SortableColumn } from './ListTable';
import { FilterBar, SearchField } from './parts';
import type { EmployeeSearch } from './search';
import { AdministrationSelect, UnitSelect } from './Selects';
import { AnchorLink, ButtonLink } from '../../components/links';

const routeApi = getRouteApi('/app/employees');

export function EmploymentBadge({ active }: { active: boolean }) {
  const { t } = useTranslation();
  return (
    <Badge color={active ? 'teal.9' : 'gray.8'} variant={active ? 'filled' : 'outline'} radius="sm" miw="max-content">
      {active ? t('organisation.employees.statusCurrentOne') : t('organisation.employees.statusEndedOne')}
    </Badge>
  );
}

/** The columns of an employee list; on a phone only the name and the status. */
export function useEmployeeColumns({ withUnit }: { withUnit: boolean }): SortableColumn<Employee>[] {
  const { t } = useTranslation();
  return [
    {
      accessor: 'lastName',
      title: t('organisation.employees.name'),
      sortKey: 'lastName',
      render: (e) => (
        <AnchorLink to="/employees/$id" params={{ id: e.id }}>
          {e.lastName}, {e.firstName}
        </AnchorLink>
      ),
    },
    {
      accessor: 'employeeNumber',
      title: t('organisation.employees.employeeNumber'),
      sortKey: 'employeeNumber',
      visibleMediaQuery: wideOnly,
    },
    ...(withUnit
      ? [
          { accessor: 'unitName', title: t('organisation.employees.unit'), sortKey: 'unitName', visibleMediaQuery: wideOnly },
          {
            accessor: 'administrationName',
            title: t('organisation.employees.administration'),
            visibleMediaQuery: extraLargeOnly,
          },
        ]
      : []),
    {
      accessor: 'title',
      title: t('organisation.employees.jobTitle'),
      visibleMediaQuery: largeOnly,
      render: (e) => e.title ?? '–',
    },
    {
      accessor: 'startDate',
      title: t('organisation.employees.startDate'),
      sortKey: 'startDate',
      visibleMediaQuery: mediumOnly,
      render: (e) => formatDate(e.startDate),
    },
    {
      accessor: 'active',
      title: t('common.status'),
      noWrap: true,
      render: (e) => <EmploymentBadge active={e.active} />,
    },
  ];
}

export function EmployeesPage() {
  const { t } = useTranslation();
  const search = routeApi.useSearch();
  const navigate = routeApi.useNavigate();
  const goTo = useNavigate();
  const can = useCan();
  const [formOpened, form] = useDisclosure(false);
  const columns = useEmployeeColumns({ withUnit: true });
  const page = search.page ?? 1;
  const pageSize = search.pageSize ?? defaultPageSize;
  const sort = search.sort ?? 'lastName';

  const update = (change: Partial<EmployeeSearch>, resetPage = true) =>
    navigate({ search: (prev) => ({ ...prev, ...(resetPage ? { page: undefined } : {}), ...change }), replace: true });

  const query = useEmployeeList({
    page,
    pageSize,
    sort,
    q: search.q,
    administrationId: search.administrationId,
    unitId: search.unitId,
    status: search.status ?? 'current',
  });

  return (
    <Page
      title={t('organisation.employees.title')}
      actions={
        can('create', 'employee') && (
          <>
            <ButtonLink to="/employees/imports" variant="default">
              {t('imports.employeesButton')}
            </ButtonLink>
            <Button onClick={form.open}>{t('organisation.employees.create')}</Button>
          </>
        )
      }
    >
      <FilterBar label={t('common.filter')}>
        <SearchField label={t('organisation.employees.search')} value={search.q} onChange={(q) => update({ q })} />
        <AdministrationSelect
          label={t('organisation.employees.administration')}
          includeClosed
          clearable
          value={search.administrationId ?? null}
          // A unit from another administration would leave the list empty: choosing an administration clears the unit.
          onChange={(administrationId) => update({ administrationId: administrationId ?? undefined, unitId: undefined })}
        />
        <UnitSelect
          key={search.administrationId ?? 'all'}
          label={t('organisation.employees.unit')}
          includeClosed
          clearable
          administrationId={search.administrationId}
          value={search.unitId ?? null}
          onChange={(unitId) => update({ unitId: unitId ?? undefined })}
        />
        <NativeSelect
          label={t('organisation.employees.status')}
          value={search.status ?? 'current'}
          onChange={(event) => {
            const value = event.currentTarget.value;
            update({ status: value === 'current' ? undefined : (value as 'ended' | 'all') });
          }}
          data={[
            { value: 'current', label: t('organisation.employees.statusCurrent') },
            { value: 'ended', label: t('organisation.employees.statusEnded') },
            { value: 'all', label: t('common.all') },
          ]}
        />
      </FilterBar>
      <ListTable<Employee>
        label={t('organisation.employees.title')}
        query={query}
        page={page}
        pageSize={pageSize}
        sort={sort}
        onSortChange={(value) => update({ sort: value === 'lastName' ? undefined : value })}
        onPageChange={(value) => update({ page: value === 1 ? undefined : value }, false)}
        onPageSizeChange={(value) => update({ pageSize: value === defaultPageSize ? undefined : value })}
        columns={columns}
      />
      <EmployeeForm
        opened={formOpened}
        onClose={form.close}
        onSaved={(saved) => goTo({ to: '/employees/$id', params: { id: saved.id } })}
      />
    </Page>
  );
}
