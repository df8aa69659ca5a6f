import { Group, NativeSelect, Text } from '@mantine/core';
import { BarChart } from '@mantine/charts';
import { getRouteApi } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, Page } from '../../components/Page';
import { RequirePermission } from '../../components/RequirePermission';
import { formatNumber, todayInStockholm } from '../../components/format';
import { ChartWithTable, DataGrid } from '../coverage/parts';
import { DateField } from '../organisation/EmployeeForm';
import { useActivities, useActivityStatistics } from './api';

const routeApi = getRouteApi('/app/activities/statistics');

export type StatisticsSearch = { activityId?: string; period?: 'week' | 'month'; from?: string; to?: string };
const isoDate = /^\d{4}-\d{2}-\d{2}$/;
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function parseStatisticsSearch(search: Record<string, unknown>): StatisticsSearch {
  const result: StatisticsSearch = {};
  if (typeof search.activityId === 'string' && uuid.test(search.activityId)) result.activityId = search.activityId;
  if (search.period === 'week' || search.period === 'month') result.period = search.period;
  if (typeof search.from === 'string' && isoDate.test(search.from)) result.from = search.from;
  if (typeof search.to === 'string' && isoDate.test(search.to)) result.to = search.to;
  return result;
}

/** Visitors per week or month, as a chart with its numbers in a table beside it: numbers only. */
export function StatisticsPage() {
  const { t } = useTranslation();
  return (
    <RequirePermission action="read" entity="headcount" title={t('activities.statistics.title')}>
      <Statistics />
    </RequirePermission>
  );
}

function Statistics() {
  const { t } = useTranslation();
  const search = routeApi.useSearch();
  const navigate = routeApi.useNavigate();
  const today = todayInStockholm();
  const period = search.period ?? 'month';
  const to = search.to ?? today;
  const from = search.from ?? `${Number(to.slice(0, 4)) - 1}${to.slice(4, 8)}01`;
  const activities = useActivities();
  const query = useActivityStatistics({ activityId: search.activityId, period, from, to });
  const set = (patch: StatisticsSearch) => navigate({ search: { ...search, ...patch }, replace: true });
  const rows = query.data?.rows ?? [];
  const title = t('activities.statistics.chartTitle', {
    period: period === 'week' ? t('activities.statistics.weekWord') : t('activities.statistics.monthWord'),
  });
  return (
    <Page title={t('activities.statistics.title')}>
      <Text>{t('activities.statistics.intro')}</Text>
      <Group align="flex-end" wrap="wrap">
        <NativeSelect
          label={t('activities.statistics.activity')}
          value={search.activityId ?? ''}
          onChange={(event) => set({ activityId: event.currentTarget.value || undefined })}
          data={[
            { value: '', label: t('activities.statistics.all') },
            ...(activities.data?.items ?? []).map((a) => ({ value: a.id, label: a.name })),
          ]}
        />
        <NativeSelect
          label={t('activities.statistics.period')}
          value={period}
          onChange={(event) => set({ period: event.currentTarget.value as 'week' | 'month' })}
          data={[
            { value: 'month', label: t('activities.statistics.month') },
            { value: 'week', label: t('activities.statistics.week') },
          ]}
        />
        <DateField
          label={t('activities.statistics.from')}
          value={from}
          onChange={(value) => value && set({ from: String(value) })}
        />
        <DateField label={t('activities.statistics.to')} value={to} onChange={(value) => value && set({ to: String(value) })} />
      </Group>
      <ErrorAlert error={query.error ?? activities.error} />
      {query.isSuccess && rows.length === 0 && <Text>{t('activities.statistics.none')}</Text>}
      {query.data && rows.length > 0 && (
        <ChartWithTable
          title={title}
          summary={t('activities.statistics.summary', {
            items: rows.map((r) => `${r.period} ${formatNumber(r.visitors)}`).join(', '),
          })}
          chart={
            <BarChart
              h={260}
              data={rows}
              dataKey="period"
              series={[
                { name: 'visitors', label: t('activities.statistics.visitors'), color: 'indigo.8' },
                { name: 'firstTimeVisitors', label: t('activities.statistics.firstTime'), color: 'teal.8' },
              ]}
              barChartProps={{ accessibilityLayer: false }}
              withTooltip={false}
              withLegend
            />
          }
          table={
            <DataGrid
              caption={t('activities.statistics.tableCaption')}
              head={[
                t('activities.statistics.periodColumn'),
                t('activities.statistics.occurrences'),
                t('activities.statistics.visitors'),
                t('activities.statistics.firstTime'),
              ]}
              rows={[
                ...rows.map((r) => [
                  r.period,
                  formatNumber(r.occurrences),
                  formatNumber(r.visitors),
                  formatNumber(r.firstTimeVisitors),
                ]),
                [
                  t('activities.statistics.total'),
                  formatNumber(query.data.totals.occurrences),
                  formatNumber(query.data.totals.visitors),
                  formatNumber(query.data.totals.firstTimeVisitors),
                ],
              ]}
            />
          }
        />
      )}
    </Page>
  );
}
