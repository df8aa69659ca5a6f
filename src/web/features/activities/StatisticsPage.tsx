import { Button, Group, Loader, NativeSelect, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { BarChart, LineChart } from '@mantine/charts';
import { getRouteApi } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { ActivityStatistics, StatisticsFigures, StatisticsOccurrence } from '#shared/contracts/activities';
import { currentLanguage } from '../../i18n';
import { ErrorAlert, Page } from '../../components/Page';
import { RequirePermission } from '../../components/RequirePermission';
import { formatDate, formatNumber, todayInStockholm } from '../../components/format';
import { ChartWithTable, DataGrid, formatShare } from '../coverage/parts';
import { DateField } from '../organisation/EmployeeForm';
import { statisticsCsvUrl, useActivities, useActivityStatistics } from './api';

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

/**
 * Visitor statistics: the period's figures, per occurrence and per week or month; per season and
 * year over the whole history with the change from the year before. Each chart has its numbers in a
 * table beside it, and the numbers can be exported as CSV. Numbers only: nothing about who came.
 */
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
  const params = { activityId: search.activityId, period, from, to };
  const query = useActivityStatistics(params);
  const set = (patch: StatisticsSearch) => navigate({ search: { ...search, ...patch }, replace: true });
  const stats = query.data;
  return (
    <Page
      title={t('activities.statistics.title')}
      actions={
        stats && (
          <Button component="a" variant="outline" href={statisticsCsvUrl(params)} download>
            {t('activities.statistics.export')}
          </Button>
        )
      }
    >
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
      {query.isPending && <Loader aria-label={t('common.loading')} />}
      {stats && <Figures stats={stats} showActivity={new Set(stats.occurrences.map((o) => o.activityId)).size > 1} />}
    </Page>
  );
}

/** An average or a change with one decimal at most (8,3 / 8.3); a change with its sign. */
function formatDecimal(value: number | null, signed = false): string {
  if (value === null) return '–';
  return new Intl.NumberFormat(currentLanguage() === 'en' ? 'en-GB' : 'sv-SE', {
    maximumFractionDigits: 1,
    signDisplay: signed ? 'exceptZero' : 'auto',
  }).format(value);
}

/** A change as a share with its sign: +12,5 % / +12.5%. */
function formatSignedShare(value: number): string {
  return new Intl.NumberFormat(currentLanguage() === 'en' ? 'en-GB' : 'sv-SE', {
    style: 'percent',
    maximumFractionDigits: 1,
    signDisplay: 'exceptZero',
  }).format(value);
}

const round1 = (value: number | null) => (value === null ? 0 : Math.round(value * 10) / 10);

function Figures({ stats, showActivity }: { stats: ActivityStatistics; showActivity: boolean }) {
  const { t } = useTranslation();
  const totals = stats.totals;
  return (
    <Stack gap="lg">
      <Paper withBorder p="md" component="section" aria-labelledby="statistics-range">
        <Stack gap="sm">
          <Title order={2} size="h3" id="statistics-range">
            {t('activities.statistics.rangeTitle', { from: formatDate(stats.from), to: formatDate(stats.to) })}
          </Title>
          <SimpleGrid cols={{ base: 2, sm: 4, lg: 7 }}>
            <Figure label={t('activities.statistics.held')} value={formatNumber(totals.held)} />
            <Figure label={t('activities.statistics.counted')} value={formatNumber(totals.counted)} />
            <Figure label={t('activities.statistics.uncounted')} value={formatNumber(totals.uncounted)} />
            <Figure label={t('activities.statistics.cancelled')} value={formatNumber(totals.cancelled)} />
            <Figure label={t('activities.statistics.visitors')} value={formatNumber(totals.visitors)} />
            <Figure label={t('activities.statistics.average')} value={formatDecimal(totals.averageVisitors)} />
            <Figure label={t('activities.statistics.firstTimeShare')} value={formatShare(totals.firstTimeShare)} />
          </SimpleGrid>
          <Text size="sm">
            {t('activities.statistics.averageNote', {
              counted: formatNumber(totals.counted),
              held: formatNumber(totals.held),
              uncounted: formatNumber(totals.uncounted),
            })}
          </Text>
        </Stack>
      </Paper>
      {stats.occurrences.length === 0 ? (
        <Text>{t('activities.statistics.none')}</Text>
      ) : (
        <>
          <PerOccurrence stats={stats} showActivity={showActivity} />
          <PerPeriod stats={stats} />
        </>
      )}
      {stats.years.length === 0 ? (
        <Text>{t('activities.statistics.noHistory')}</Text>
      ) : (
        <>
          <PerSeason stats={stats} />
          <PerYear stats={stats} />
        </>
      )}
    </Stack>
  );
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <Paper withBorder p="sm">
      <Text size="sm">{label}</Text>
      <Text fz="xl" fw={700}>
        {value}
      </Text>
    </Paper>
  );
}

function PerOccurrence({ stats, showActivity }: { stats: ActivityStatistics; showActivity: boolean }) {
  const { t } = useTranslation();
  const counted = stats.occurrences.filter((o) => o.visitors !== null);
  const status = (o: StatisticsOccurrence) =>
    o.status === 'cancelled'
      ? o.reason
        ? t('activities.statistics.cancelledBecause', { reason: o.reason })
        : t('activities.statuses.cancelled')
      : o.status === 'moved'
        ? t('activities.statistics.movedFrom', { date: formatDate(o.scheduledDate) })
        : t('activities.statuses.scheduled');
  const visitors = (o: StatisticsOccurrence) =>
    o.status === 'cancelled' ? '–' : o.visitors === null ? t('activities.statistics.notRecorded') : formatNumber(o.visitors);
  const firstTime = (o: StatisticsOccurrence) =>
    o.status === 'cancelled' || o.firstTimeVisitors === null ? '–' : formatNumber(o.firstTimeVisitors);
  return (
    <ChartWithTable
      stacked
      title={t('activities.statistics.perOccurrence')}
      note={t('activities.statistics.perOccurrenceNote')}
      summary={t('activities.statistics.perOccurrenceSummary', {
        items: counted.map((o) => `${formatDate(o.date)} ${formatNumber(o.visitors ?? 0)}`).join(', '),
      })}
      chart={
        <VisitorsChart
          h={260}
          dataKey="date"
          data={counted.map((o) => ({
            date: formatDate(o.date),
            visitors: o.visitors,
            firstTimeVisitors: o.firstTimeVisitors ?? 0,
          }))}
        />
      }
      table={
        <DataGrid
          caption={t('activities.statistics.perOccurrence')}
          minWidth={showActivity ? 520 : 420}
          head={[
            t('activities.statistics.date'),
            ...(showActivity ? [t('activities.statistics.activityColumn')] : []),
            t('activities.statistics.status'),
            t('activities.statistics.visitors'),
            t('activities.statistics.firstTime'),
          ]}
          rows={stats.occurrences.map((o) => [
            formatDate(o.date),
            ...(showActivity ? [o.activityName] : []),
            status(o),
            visitors(o),
            firstTime(o),
          ])}
        />
      }
    />
  );
}

/** Visitors and first-time visitors as bars, one pair per group (its name under dataKey). */
function VisitorsChart({ h, dataKey, data }: { h: number; dataKey: string; data: Record<string, unknown>[] }) {
  const { t } = useTranslation();
  return (
    <BarChart
      h={h}
      data={data}
      dataKey={dataKey}
      series={[
        { name: 'visitors', label: t('activities.statistics.visitors'), color: 'indigo.8' },
        { name: 'firstTimeVisitors', label: t('activities.statistics.firstTime'), color: 'teal.8' },
      ]}
      barChartProps={{ accessibilityLayer: false }}
      withTooltip={false}
      withLegend
    />
  );
}

function PerPeriod({ stats }: { stats: ActivityStatistics }) {
  const { t } = useTranslation();
  const title = t('activities.statistics.chartTitle', {
    period: stats.period === 'week' ? t('activities.statistics.weekWord') : t('activities.statistics.monthWord'),
  });
  return (
    <ChartWithTable
      stacked
      title={title}
      summary={t('activities.statistics.summary', {
        items: stats.rows.map((r) => `${r.period} ${formatNumber(r.visitors)}`).join(', '),
      })}
      chart={<VisitorsChart h={260} dataKey="period" data={stats.rows} />}
      table={
        <FiguresTable
          caption={t('activities.statistics.tableCaption')}
          first={t('activities.statistics.periodColumn')}
          rows={[
            ...stats.rows.map((r) => ({ label: r.period, figures: r })),
            { label: t('activities.statistics.total'), figures: stats.totals },
          ]}
        />
      }
    />
  );
}

/** The figures of groups of occurrences as a table: held, counted, without a count, cancelled, visitors, average, first-time share. */
function FiguresTable({
  caption,
  first,
  rows,
  extra,
}: {
  caption: string;
  first: string;
  rows: { label: string; figures: StatisticsFigures; extra?: string[] }[];
  extra?: string[];
}) {
  const { t } = useTranslation();
  return (
    <DataGrid
      caption={caption}
      minWidth={extra ? 760 : 600}
      head={[
        first,
        t('activities.statistics.held'),
        t('activities.statistics.uncounted'),
        t('activities.statistics.cancelled'),
        t('activities.statistics.visitors'),
        t('activities.statistics.average'),
        t('activities.statistics.firstTimeShare'),
        ...(extra ?? []),
      ]}
      rows={rows.map(({ label, figures, extra: cells }) => [
        label,
        formatNumber(figures.held),
        formatNumber(figures.uncounted),
        formatNumber(figures.cancelled),
        formatNumber(figures.visitors),
        formatDecimal(figures.averageVisitors),
        formatShare(figures.firstTimeShare),
        ...(cells ?? []),
      ])}
    />
  );
}

function PerSeason({ stats }: { stats: ActivityStatistics }) {
  const { t } = useTranslation();
  const name = (s: ActivityStatistics['seasons'][number]) => t(`activities.statistics.seasonName.${s.season}`, { year: s.year });
  const short = (s: ActivityStatistics['seasons'][number]) =>
    t(`activities.statistics.seasonShort.${s.season}`, { year: s.year });
  return (
    <ChartWithTable
      stacked
      title={t('activities.statistics.seasonsTitle')}
      note={t('activities.statistics.seasonsNote', {
        from: formatDate(stats.history.from),
        to: formatDate(stats.history.to),
      })}
      summary={t('activities.statistics.seasonsSummary', {
        items: stats.seasons.map((s) => `${name(s)} ${formatDecimal(s.averageVisitors)}`).join(', '),
      })}
      chart={
        <BarChart
          h={260}
          data={stats.seasons.map((s) => ({ season: short(s), average: round1(s.averageVisitors) }))}
          dataKey="season"
          series={[{ name: 'average', label: t('activities.statistics.average'), color: 'indigo.8' }]}
          barChartProps={{ accessibilityLayer: false }}
          withTooltip={false}
          withLegend
        />
      }
      table={
        <FiguresTable
          caption={t('activities.statistics.seasonsTitle')}
          first={t('activities.statistics.season')}
          rows={stats.seasons.map((s) => ({ label: name(s), figures: s }))}
        />
      }
    />
  );
}

function PerYear({ stats }: { stats: ActivityStatistics }) {
  const { t } = useTranslation();
  const label = (y: ActivityStatistics['years'][number]) =>
    y.partial ? t('activities.statistics.partialYear', { year: y.year }) : String(y.year);
  const change = (y: ActivityStatistics['years'][number]) => {
    if (!y.change) return '–';
    const share = y.change.visitorsShare === null ? '' : ` (${formatSignedShare(y.change.visitorsShare)})`;
    return `${formatDecimal(y.change.visitors, true)}${share}`;
  };
  return (
    <ChartWithTable
      stacked
      title={t('activities.statistics.yearsTitle')}
      note={t('activities.statistics.yearsNote', {
        from: formatDate(stats.history.from),
        to: formatDate(stats.history.to),
      })}
      summary={t('activities.statistics.yearsSummary', {
        items: stats.years
          .map(
            (y) =>
              `${label(y)} ${formatNumber(y.visitors)}, ${t('activities.statistics.average')} ${formatDecimal(y.averageVisitors)}`,
          )
          .join('; '),
      })}
      chart={
        <Stack gap="lg">
          <VisitorsChart
            h={220}
            dataKey="year"
            data={stats.years.map((y) => ({
              year: String(y.year),
              visitors: y.visitors,
              firstTimeVisitors: y.firstTimeVisitors,
            }))}
          />
          <LineChart
            h={200}
            data={stats.years.map((y) => ({ year: String(y.year), average: round1(y.averageVisitors) }))}
            dataKey="year"
            series={[{ name: 'average', label: t('activities.statistics.average'), color: 'orange.8' }]}
            lineChartProps={{ accessibilityLayer: false }}
            withTooltip={false}
            withLegend
          />
        </Stack>
      }
      table={
        <FiguresTable
          caption={t('activities.statistics.yearsTitle')}
          first={t('activities.statistics.year')}
          extra={[t('activities.statistics.change'), t('activities.statistics.changeAverage')]}
          rows={stats.years.map((y) => ({
            label: label(y),
            figures: y,
            extra: [change(y), y.change ? formatDecimal(y.change.averageVisitors, true) : '–'],
          }))}
        />
      }
    />
  );
}
