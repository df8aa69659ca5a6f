import { Button, NativeSelect, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { planAreas, planScopes, planStatuses, type PlanSummary } from '#shared/contracts/plans';
import { useCan } from '../../api/session';
import { Page } from '../../components/Page';
import { RequirePermission } from '../../components/RequirePermission';
import { formatNumber } from '../../components/format';
import { defaultPageSize, ListTable, mediumOnly, wideOnly } from '../organisation/ListTable';
import { FilterBar, SearchField } from '../organisation/parts';
import { AdministrationSelect } from '../organisation/Selects';
import { usePlanList } from './api';
import { ActionsChart, periodOf, PlanStatusBadge, usePlanOwner } from './parts';
import { PlanForm } from './PlanForm';
import type { PlansSearch } from './search';
import { AnchorLink, ButtonLink } from '../../components/links';

const routeApi = getRouteApi('/app/plans');

/** The action plans in reach: the municipality's, the administrations' and the units'. */
export function PlansPage() {
  const { t } = useTranslation();
  return (
    <RequirePermission action="read" entity="action_plan" title={t('plans.title')}>
      <PlansList />
    </RequirePermission>
  );
}

function PlansList() {
  const { t } = useTranslation();
  const search = routeApi.useSearch();
  const navigate = routeApi.useNavigate();
  const goTo = useNavigate();
  const can = useCan();
  const owner = usePlanOwner();
  const [formOpened, form] = useDisclosure(false);
  const page = search.page ?? 1;
  const pageSize = search.pageSize ?? defaultPageSize;
  const sort = search.sort ?? '-startYear';
  const query = usePlanList({
    page,
    pageSize,
    sort: sort as PlanSortParam,
    q: search.q,
    scope: search.scope,
    administrationId: search.administrationId,
    area: search.area,
    status: search.status,
  });
  const update = (change: Partial<PlansSearch>, resetPage = true) =>
    navigate({ search: (prev) => ({ ...prev, ...(resetPage ? { page: undefined } : {}), ...change }), replace: true });

  return (
    <Page
      title={t('plans.title')}
      actions={
        <>
          {can('update', 'action_plan') && (
            <ButtonLink to="/plans/dashboard" variant="default">
              {t('planDashboard.nav')}
            </ButtonLink>
          )}
          {can('create', 'action_plan') && <Button onClick={form.open}>{t('plans.create')}</Button>}
        </>
      }
    >
      <Text>{t('plans.intro')}</Text>
      <FilterBar label={t('common.filter')}>
        <NativeSelect
          label={t('plans.filters.scope')}
          value={search.scope ?? ''}
          onChange={(event) => update({ scope: planScopes.find((s) => s === event.currentTarget.value) })}
          data={[{ value: '', label: t('common.all') }, ...planScopes.map((s) => ({ value: s, label: t(`plans.scope.${s}`) }))]}
        />
        <AdministrationSelect
          label={t('plans.filters.administration')}
          value={search.administrationId ?? null}
          onChange={(value) => update({ administrationId: value ?? undefined })}
          clearable
        />
        <NativeSelect
          label={t('plans.filters.area')}
          value={search.area ?? ''}
          onChange={(event) => update({ area: planAreas.find((a) => a === event.currentTarget.value) })}
          data={[{ value: '', label: t('common.all') }, ...planAreas.map((a) => ({ value: a, label: t(`plans.area.${a}`) }))]}
        />
        <NativeSelect
          label={t('plans.filters.status')}
          value={search.status ?? ''}
          onChange={(event) => update({ status: planStatuses.find((s) => s === event.currentTarget.value) })}
          data={[
            { value: '', label: t('common.all') },
            ...planStatuses.map((s) => ({ value: s, label: t(`plans.status.${s}`) })),
          ]}
        />
        <SearchField label={t('plans.filters.search')} value={search.q} onChange={(q) => update({ q })} />
      </FilterBar>
      <ListTable<PlanSummary>
        label={t('plans.title')}
        query={query}
        page={page}
        pageSize={pageSize}
        sort={sort}
        onSortChange={(value) => update({ sort: value === '-startYear' ? undefined : value })}
        onPageChange={(value) => update({ page: value === 1 ? undefined : value }, false)}
        onPageSizeChange={(value) => update({ pageSize: value === defaultPageSize ? undefined : value })}
        columns={[
          {
            accessor: 'name',
            title: t('plans.name'),
            sortKey: 'name',
            render: (plan) => (
              <AnchorLink to="/plans/$id" params={{ id: plan.id }} style={{ overflowWrap: 'anywhere' }}>
                {plan.name}
              </AnchorLink>
            ),
          },
          { accessor: 'scope', title: t('plans.owner.title'), visibleMediaQuery: wideOnly, render: (plan) => owner(plan) },
          {
            accessor: 'area',
            title: t('plans.area.title'),
            visibleMediaQuery: mediumOnly,
            render: (plan) => t(`plans.area.${plan.area}`),
          },
          { accessor: 'startYear', title: t('plans.period'), sortKey: 'startYear', render: (plan) => periodOf(plan) },
          { accessor: 'status', title: t('plans.statusTitle'), render: (plan) => <PlanStatusBadge status={plan.status} /> },
          {
            accessor: 'actionCount',
            title: t('plans.progress'),
            visibleMediaQuery: wideOnly,
            render: (plan) => <PlanProgress plan={plan} />,
          },
        ]}
      />
      {query.data && query.data.items.length > 0 && <ListedActionsChart plans={query.data.items} />}
      <PlanForm
        opened={formOpened}
        onClose={form.close}
        onSaved={(saved) => goTo({ to: '/plans/$id', params: { id: saved.id } })}
      />
    </Page>
  );
}

type PlanSortParam = 'name' | '-name' | 'startYear' | '-startYear' | 'updatedAt' | '-updatedAt';

function PlanProgress({ plan }: { plan: PlanSummary }) {
  const { t } = useTranslation();
  if (plan.actionCount === 0) return <Text size="sm">{t('plans.noActions')}</Text>;
  return (
    <Stack gap={2}>
      <Text size="sm">
        {t('plans.actionsDone', { done: formatNumber(plan.actionsDone), total: formatNumber(plan.actionCount) })}
      </Text>
      {plan.actionsOverdue > 0 && (
        <Text size="sm" fw={700} c="red.9">
          {t('plans.actionsOverdue', { count: plan.actionsOverdue, formatted: formatNumber(plan.actionsOverdue) })}
        </Text>
      )}
    </Stack>
  );
}

/** The listed plans' actions: done, overdue, and the rest still in time. */
function ListedActionsChart({ plans }: { plans: PlanSummary[] }) {
  const { t } = useTranslation();
  const done = plans.reduce((sum, p) => sum + p.actionsDone, 0);
  const overdue = plans.reduce((sum, p) => sum + p.actionsOverdue, 0);
  const total = plans.reduce((sum, p) => sum + p.actionCount, 0);
  return (
    <ActionsChart
      title={t('plans.chart.listedTitle')}
      summary={t('plans.chart.listedSummary', {
        done: formatNumber(done),
        total: formatNumber(total),
        overdue: formatNumber(overdue),
      })}
      rows={[
        { label: t('plans.chart.done'), count: done },
        { label: t('plans.chart.overdue'), count: overdue },
        { label: t('plans.chart.inTime'), count: Math.max(0, total - done - overdue) },
      ]}
    />
  );
}
