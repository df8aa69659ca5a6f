import { useState } from 'react';
import { Button, Loader, Paper, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { BarChart } from '@mantine/charts';
import { useTranslation } from 'react-i18next';
import { answerWithinWorkingDays, isoMonth, type MessageStatistics } from '#shared/contracts/messages';
import { ErrorAlert, Page } from '../../components/Page';
import { RequirePermission } from '../../components/RequirePermission';
import { formatNumber } from '../../components/format';
import { FilterBar } from '../organisation/parts';
import { ChartWithTable, DataGrid, formatShare } from '../coverage/parts';
import { statisticsCsvUrl, useMessageStatistics } from './api';

/** Counts of citizens' messages with charts and their tables: administrators all, a process leader their administration's. */
export function StatisticsPage() {
  const { t } = useTranslation();
  return (
    <RequirePermission action="read" entity="citizen_message" title={t('messages.statistics.title')}>
      <Statistics />
    </RequirePermission>
  );
}

/** A month typed or picked: only a whole YYYY-MM is sent. */
const validMonth = (value: string) => (isoMonth.safeParse(value).success ? value : undefined);

function Statistics() {
  const { t } = useTranslation();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const params = { from: validMonth(from), to: validMonth(to) };
  const query = useMessageStatistics(params);
  const stats = query.data;
  return (
    <Page
      title={t('messages.statistics.title')}
      actions={
        stats && (
          <Button component="a" variant="outline" href={statisticsCsvUrl({ from: stats.from, to: stats.to })} download>
            {t('messages.statistics.export')}
          </Button>
        )
      }
    >
      <Text>{t('messages.statistics.intro', { days: answerWithinWorkingDays })}</Text>
      <FilterBar label={t('common.filter')}>
        <TextInput
          type="month"
          label={t('messages.statistics.from')}
          value={from || stats?.from || ''}
          onChange={(event) => setFrom(event.currentTarget.value)}
        />
        <TextInput
          type="month"
          label={t('messages.statistics.to')}
          value={to || stats?.to || ''}
          onChange={(event) => setTo(event.currentTarget.value)}
        />
      </FilterBar>
      <ErrorAlert error={query.error} />
      {query.isPending && <Loader aria-label={t('common.loading')} />}
      {stats && <Figures stats={stats} />}
    </Page>
  );
}

function Figures({ stats }: { stats: MessageStatistics }) {
  const { t } = useTranslation();
  const summary = (title: string, items: { label: string; value: number }[]) =>
    t('messages.statistics.chartSummary', {
      title,
      items: items.map((item) => `${item.label} ${formatNumber(item.value)}`).join(', '),
    });
  const kinds = stats.byKind.map((k) => ({ label: t(`messages.kinds.${k.kind}`), value: k.count }));
  const subjects = stats.bySubject.map((s) => ({ label: t(`messages.subjects.${s.subject}`), value: s.count }));
  const administrations = stats.byAdministration.map((a) => ({
    label: a.name ?? t('messages.statistics.noAdministration'),
    value: a.count,
    row: a,
  }));
  const share = (part: number, whole: number, value: number | null) =>
    `${formatShare(value)} (${t('messages.statistics.shareOf', { part: formatNumber(part), whole: formatNumber(whole) })})`;

  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
        <Figure label={t('messages.statistics.total')} value={formatNumber(stats.total)} />
        <Figure label={t('messages.statistics.hateful')} value={formatNumber(stats.hateful)} />
        <Figure
          label={t('messages.statistics.answeredOnTime')}
          value={formatShare(stats.answeredOnTimeShare)}
          detail={t('messages.statistics.shareOf', {
            part: formatNumber(stats.answeredOnTime),
            whole: formatNumber(stats.answerDue),
          })}
        />
        <Figure
          label={t('messages.statistics.acknowledgedOnTime')}
          value={formatShare(stats.acknowledgedOnTimeShare)}
          detail={t('messages.statistics.shareOf', {
            part: formatNumber(stats.acknowledgedOnTime),
            whole: formatNumber(stats.acknowledgeDue),
          })}
        />
      </SimpleGrid>

      <ChartWithTable
        title={t('messages.statistics.byMonth')}
        summary={summary(
          t('messages.statistics.byMonth'),
          stats.byMonth.map((m) => ({ label: m.month, value: m.count })),
        )}
        note={t('messages.statistics.targetNote')}
        chart={
          <BarChart
            h={260}
            data={stats.byMonth.map((m) => ({ month: m.month, count: m.count, onTime: m.answeredOnTime }))}
            dataKey="month"
            withLegend
            series={[
              { name: 'count', label: t('messages.statistics.count'), color: 'indigo.8' },
              { name: 'onTime', label: t('messages.statistics.onTime'), color: 'teal.8' },
            ]}
            barChartProps={{ accessibilityLayer: false }}
            withTooltip={false}
          />
        }
        table={
          <DataGrid
            caption={t('messages.statistics.byMonth')}
            minWidth={460}
            head={[
              t('messages.statistics.month'),
              t('messages.statistics.count'),
              t('messages.statistics.answerDue'),
              t('messages.statistics.onTime'),
              t('messages.statistics.share'),
            ]}
            rows={stats.byMonth.map((m) => [
              m.month,
              formatNumber(m.count),
              formatNumber(m.answerDue),
              formatNumber(m.answeredOnTime),
              formatShare(m.answeredOnTimeShare),
            ])}
          />
        }
      />

      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
        <CountChart
          title={t('messages.statistics.byKind')}
          head={t('messages.statistics.kind')}
          items={kinds}
          summary={summary}
        />
        <CountChart
          title={t('messages.statistics.bySubject')}
          head={t('messages.statistics.subject')}
          items={subjects}
          summary={summary}
        />
      </SimpleGrid>

      <ChartWithTable
        title={t('messages.statistics.byAdministration')}
        summary={summary(t('messages.statistics.byAdministration'), administrations)}
        chart={
          <BarChart
            h={Math.max(200, administrations.length * 36)}
            data={administrations.map((a) => ({ name: a.label, count: a.value }))}
            dataKey="name"
            orientation="vertical"
            yAxisProps={{ width: 160 }}
            series={[{ name: 'count', label: t('messages.statistics.count'), color: 'indigo.8' }]}
            barChartProps={{ accessibilityLayer: false }}
            withTooltip={false}
          />
        }
        table={
          <DataGrid
            caption={t('messages.statistics.byAdministration')}
            minWidth={460}
            head={[
              t('messages.statistics.administration'),
              t('messages.statistics.count'),
              t('messages.statistics.answeredOnTime'),
            ]}
            rows={administrations.map((a) => [
              a.label,
              formatNumber(a.row.count),
              share(a.row.answeredOnTime, a.row.answerDue, a.row.answeredOnTimeShare),
            ])}
          />
        }
      />
    </Stack>
  );
}

function Figure({ label, value, detail }: { label: string; value: string; detail?: string }) {
  return (
    <Paper withBorder p="md">
      <Text size="sm">{label}</Text>
      <Text fz="xl" fw={700}>
        {value}
      </Text>
      {detail && <Text size="sm">{detail}</Text>}
    </Paper>
  );
}

function CountChart({
  title,
  head,
  items,
  summary,
}: {
  title: string;
  head: string;
  items: { label: string; value: number }[];
  summary: (title: string, items: { label: string; value: number }[]) => string;
}) {
  const { t } = useTranslation();
  return (
    <ChartWithTable
      title={title}
      summary={summary(title, items)}
      chart={
        <BarChart
          h={220}
          data={items.map((i) => ({ label: i.label, count: i.value }))}
          dataKey="label"
          series={[{ name: 'count', label: t('messages.statistics.count'), color: 'indigo.8' }]}
          barChartProps={{ accessibilityLayer: false }}
          withTooltip={false}
        />
      }
      table={
        <DataGrid
          caption={title}
          head={[head, t('messages.statistics.count')]}
          rows={items.map((i) => [i.label, formatNumber(i.value)])}
        />
      }
    />
  );
}
