import { Button, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { ProgrammeSummary } from '#shared/contracts/programmes';
import { useCan } from '../../api/session';
import { Page } from '../../components/Page';
import { RequirePermission } from '../../components/RequirePermission';
import { formatDate, formatNumber } from '../../components/format';
import type { ListSearch } from '../../components/list';
import { defaultPageSize, ListTable, mediumOnly, wideOnly } from '../organisation/ListTable';
import { FilterBar, SearchField } from '../organisation/parts';
import { useProgrammeList } from './api';
import { ProgrammeForm } from './ProgrammeForm';
import { AnchorLink } from '../../components/links';

const routeApi = getRouteApi('/app/programmes');

export function ProgrammesPage() {
  const { t } = useTranslation();
  return (
    <RequirePermission action="read" entity="programme" title={t('programmes.title')}>
      <ProgrammesList />
    </RequirePermission>
  );
}

function ProgrammesList() {
  const { t } = useTranslation();
  const search = routeApi.useSearch();
  const navigate = routeApi.useNavigate();
  const goTo = useNavigate();
  const can = useCan();
  const [formOpened, form] = useDisclosure(false);
  const page = search.page ?? 1;
  const pageSize = search.pageSize ?? defaultPageSize;
  const sort = search.sort ?? '-startDate';
  const query = useProgrammeList({ page, pageSize, sort, q: search.q });
  const update = (change: Partial<ListSearch>, resetPage = true) =>
    navigate({ search: (prev) => ({ ...prev, ...(resetPage ? { page: undefined } : {}), ...change }), replace: true });

  return (
    <Page
      title={t('programmes.title')}
      actions={can('create', 'programme') && <Button onClick={form.open}>{t('programmes.create')}</Button>}
    >
      <Text>{t('programmes.intro')}</Text>
      <FilterBar label={t('common.filter')}>
        <SearchField label={t('programmes.search')} value={search.q} onChange={(q) => update({ q })} />
      </FilterBar>
      <ListTable<ProgrammeSummary>
        label={t('programmes.title')}
        query={query}
        page={page}
        pageSize={pageSize}
        sort={sort}
        onSortChange={(value) => update({ sort: value === '-startDate' ? undefined : value })}
        onPageChange={(value) => update({ page: value === 1 ? undefined : value }, false)}
        onPageSizeChange={(value) => update({ pageSize: value === defaultPageSize ? undefined : value })}
        columns={[
          {
            accessor: 'name',
            title: t('programmes.name'),
            sortKey: 'name',
            render: (p) => (
              <AnchorLink to="/programmes/$id" params={{ id: p.id }}>
                {p.name}
              </AnchorLink>
            ),
          },
          {
            accessor: 'startDate',
            title: t('programmes.period'),
            sortKey: 'startDate',
            render: (p) => `${formatDate(p.startDate)} – ${formatDate(p.endDate)}`,
          },
          { accessor: 'targetCount', title: t('programmes.targetCount'), textAlign: 'right', visibleMediaQuery: wideOnly },
          {
            accessor: 'appliedTotal',
            title: t('programmes.applied'),
            textAlign: 'right',
            visibleMediaQuery: mediumOnly,
            render: (p) => formatNumber(p.appliedTotal),
          },
          {
            accessor: 'receivedTotal',
            title: t('programmes.received'),
            textAlign: 'right',
            visibleMediaQuery: mediumOnly,
            render: (p) => formatNumber(p.receivedTotal),
          },
        ]}
      />
      <ProgrammeForm
        opened={formOpened}
        onClose={form.close}
        onSaved={(saved) => goTo({ to: '/programmes/$id', params: { id: saved.id } })}
      />
    </Page>
  );
}
