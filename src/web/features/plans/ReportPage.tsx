import { useState } from 'react';
import { BarChart } from '@mantine/charts';
import { Alert, Badge, Button, Group, List, NativeSelect, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { goalAssessments, type GoalAssessment } from '#shared/contracts/plan-follow-up';
import { actionStatuses } from '#shared/contracts/plans';
import {
  reportFormats,
  reportScopes,
  type PlanReport,
  type ReportExport,
  type ReportGoal,
  type ReportIndicator,
  type ReportScope,
} from '#shared/contracts/plan-report';
import { ErrorAlert, Page } from '../../components/Page';
import { RequirePermission } from '../../components/RequirePermission';
import { formatDate, formatNumber, todayInStockholm } from '../../components/format';
import { ChartWithTable, DataGrid } from '../coverage/parts';
import { AdministrationSelect, UnitSelect } from '../organisation/Selects';
import { usePeriods } from './follow-up-api';
import { formatEta, ProgressBar } from '../../components/ProgressBar';
import { reportExportFileUrl, usePlanReport, useReportExports, useStartReportExport, type ReportSelection } from './report-api';
import { AnchorLink } from '../../components/links';

/**
 * The follow-up report: choose a period and a selection, read it here, download it as PDF, Word or
 * Excel. The page shows the same sections as the documents (report-documents.ts), from the same model.
 */
export function ReportPage() {
  const { t } = useTranslation();
  return (
    <RequirePermission action="read" entity="action_plan" title={t('planReport.title')}>
      <Report />
    </RequirePermission>
  );
}

const assessmentColour: Record<GoalAssessment, string> = { met: 'green.9', partly_met: 'yellow.9', not_met: 'red.9' };

function Report() {
  const { t } = useTranslation();
  const thisYear = Number(todayInStockholm().slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const periods = usePeriods(year);
  const [periodId, setPeriodId] = useState<string | null>(null);
  const [scope, setScope] = useState<ReportScope>('municipality');
  const [administrationId, setAdministrationId] = useState<string | null>(null);
  const [unitId, setUnitId] = useState<string | null>(null);
  const items = periods.data?.items ?? [];
  // Until a period is chosen: the year's last period whose deadline has passed, else its first.
  const today = todayInStockholm();
  const chosen = items.find((p) => p.id === periodId) ?? [...items].reverse().find((p) => p.deadline < today) ?? items[0] ?? null;
  const whole =
    chosen && (scope === 'municipality' || (scope === 'administration' && administrationId) || (scope === 'unit' && unitId));
  const selection: ReportSelection | null = whole
    ? { periodId: chosen.id, scope, administrationId: administrationId ?? undefined, unitId: unitId ?? undefined }
    : null;
  const report = usePlanReport(selection);
  const years = Array.from({ length: 6 }, (_, i) => thisYear + 1 - i);

  return (
    <Page title={t('planReport.title')}>
      <Text>{t('planReport.intro')}</Text>
      <Paper withBorder p="md" component="section" aria-label={t('planReport.choose')}>
        <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
          <NativeSelect
            label={t('planReport.year')}
            value={String(year)}
            data={years.map((y) => String(y))}
            onChange={(event) => {
              setYear(Number(event.currentTarget.value));
              setPeriodId(null);
            }}
          />
          <NativeSelect
            label={t('planReport.period')}
            value={chosen?.id ?? ''}
            disabled={items.length === 0}
            data={
              items.length === 0
                ? [{ value: '', label: t('planReport.noPeriods') }]
                : items.map((p) => ({ value: p.id, label: p.name }))
            }
            onChange={(event) => setPeriodId(event.currentTarget.value)}
          />
          <NativeSelect
            label={t('planReport.scope')}
            value={scope}
            data={reportScopes.map((s) => ({ value: s, label: t(`planReport.scopes.${s}`) }))}
            onChange={(event) => setScope(event.currentTarget.value as ReportScope)}
          />
          {scope === 'administration' && (
            <AdministrationSelect
              label={t('planReport.administration')}
              required
              value={administrationId}
              onChange={setAdministrationId}
            />
          )}
          {scope === 'unit' && <UnitSelect label={t('planReport.unit')} required value={unitId} onChange={setUnitId} />}
        </SimpleGrid>
      </Paper>
      <ErrorAlert error={periods.error ?? report.error} />
      {items.length === 0 && periods.data && <Text>{t('planReport.noPeriods')}</Text>}
      {report.isFetching && !report.data && <Text role="status">{t('common.loading')}</Text>}
      <ReportExports />
      {report.data && selection && <ReportView report={report.data} selection={selection} />}
    </Page>
  );
}

function ReportView({ report, selection }: { report: PlanReport; selection: ReportSelection }) {
  const { t } = useTranslation();
  const s = report.summary;
  const title = `${t('planReport.heading', { period: report.period.name, year: report.period.year })}: ${
    report.scope.name ?? t('planReport.scopeMunicipality')
  }`;
  const goalRows = [...goalAssessments, 'unassessed' as const].map((key) => ({
    label: key === 'unassessed' ? t('planReport.unassessed') : t(`followUp.assessment.${key}`),
    count: s.goals[key] ?? 0,
  }));
  const actionRows = actionStatuses.map((key) => ({ label: t(`plans.actionStatus.${key}`), count: s.actions[key] ?? 0 }));
  return (
    <Stack gap="md">
      <Paper withBorder p="md" component="section" aria-labelledby="report-title">
        <Stack gap="xs">
          <Title order={2} id="report-title">
            {title}
          </Title>
          <Text size="sm">
            {t('planReport.periodDates', {
              from: formatDate(report.period.startsOn),
              to: formatDate(report.period.endsOn),
              deadline: formatDate(report.period.deadline),
            })}
          </Text>
          <ExportButtons selection={selection} />
          <Title order={3}>{t('planReport.summary')}</Title>
          <List size="sm">
            <List.Item>
              {t(s.plans === 1 ? 'planReport.plansCount_one' : 'planReport.plansCount_other', { count: s.plans })}
            </List.Item>
            <List.Item>
              {t('planReport.goalsLine', {
                met: s.goals.met ?? 0,
                partly: s.goals.partly_met ?? 0,
                notMet: s.goals.not_met ?? 0,
                unassessed: s.goals.unassessed ?? 0,
              })}
            </List.Item>
            <List.Item>
              {t('planReport.actionsLine', {
                done: s.actions.done ?? 0,
                ongoing: s.actions.ongoing ?? 0,
                notStarted: s.actions.not_started ?? 0,
                postponed: s.actions.postponed ?? 0,
                cancelled: s.actions.cancelled ?? 0,
                unreported: s.actionsUnreported,
              })}
            </List.Item>
            <List.Item>
              {t('planReport.indicatorsLine', {
                count: s.indicators,
                unreported: s.indicatorsUnreported,
                missingSplit: s.indicatorsMissingSplit,
              })}
            </List.Item>
          </List>
        </Stack>
      </Paper>
      <CountChart title={t('planReport.goalsChart')} rows={goalRows} column={t('planReport.columns.assessment')} />
      <CountChart title={t('planReport.actionsChart')} rows={actionRows} column={t('planReport.columns.status')} />
      {report.plans.length === 0 && <Text>{t('planReport.noPlans')}</Text>}
      {report.plans.map((plan) => (
        <Paper key={plan.id} withBorder p="md" component="section" aria-labelledby={`report-plan-${plan.id}`}>
          <Stack gap="sm">
            <Title order={2} size="h3" id={`report-plan-${plan.id}`} style={{ overflowWrap: 'anywhere' }}>
              <AnchorLink to="/plans/$id" params={{ id: plan.id }} inherit>
                {plan.name}
              </AnchorLink>
            </Title>
            <Text size="sm">
              {t('planReport.planMeta', {
                owner: plan.ownerName ?? t('planReport.scopeMunicipality'),
                area: t(`plans.area.${plan.area}`),
                from: plan.startYear,
                to: plan.endYear,
                version: plan.version,
              })}
            </Text>
            <Text size="sm">
              {plan.adoptedOn
                ? t('planReport.adopted', { date: formatDate(plan.adoptedOn), body: plan.adoptedBy ?? '' })
                : t('planReport.notAdopted')}
            </Text>
            {plan.goals.map((goal) => (
              <GoalView key={goal.id} goal={goal} />
            ))}
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}

function CountChart({ title, rows, column }: { title: string; rows: { label: string; count: number }[]; column: string }) {
  const { t } = useTranslation();
  return (
    <ChartWithTable
      title={title}
      summary={rows.map((r) => `${r.label}: ${formatNumber(r.count)}`).join(', ')}
      chart={
        <BarChart
          h={200}
          data={rows}
          dataKey="label"
          series={[{ name: 'count', label: t('planReport.count'), color: 'indigo.8' }]}
          barChartProps={{ accessibilityLayer: false }}
          withTooltip={false}
        />
      }
      table={
        <DataGrid
          caption={title}
          head={[column, t('planReport.count')]}
          rows={rows.map((r) => [r.label, formatNumber(r.count)])}
        />
      }
    />
  );
}

function GoalView({ goal }: { goal: ReportGoal }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs" component="section" aria-labelledby={`report-goal-${goal.id}`}>
      <Title order={3} size="h4" id={`report-goal-${goal.id}`} style={{ overflowWrap: 'anywhere' }}>
        {goal.title}
      </Title>
      <Group gap="xs">
        {goal.assessment ? (
          <Badge color={assessmentColour[goal.assessment]} variant="filled" autoContrast>
            {t('planReport.assessment', { value: t(`followUp.assessment.${goal.assessment}`) })}
          </Badge>
        ) : (
          <Text size="sm" fw={700}>
            {t('planReport.unassessed')}
          </Text>
        )}
      </Group>
      {goal.analysis && (
        <>
          <Title order={4} size="h5">
            {t('planReport.analysis')}
          </Title>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {goal.analysis}
          </Text>
        </>
      )}
      <Title order={4} size="h5">
        {t('planReport.actions')}
      </Title>
      {goal.actions.length === 0 ? (
        <Text size="sm">{t('planReport.noActions')}</Text>
      ) : (
        <DataGrid
          caption={`${t('planReport.actions')}: ${goal.title}`}
          minWidth={560}
          head={[
            t('planReport.columns.action'),
            t('planReport.columns.status'),
            t('planReport.columns.responsible'),
            t('planReport.columns.due'),
            t('planReport.columns.comment'),
          ]}
          rows={goal.actions.map((a) => [
            a.title,
            a.reported
              ? t(`plans.actionStatus.${a.status}`)
              : `${t(`plans.actionStatus.${a.status}`)} (${t('planReport.notReported')})`,
            a.responsibleName ?? '',
            a.dueDate ? formatDate(a.dueDate) : '',
            a.comment ?? '',
          ])}
        />
      )}
      <Title order={4} size="h5">
        {t('planReport.indicators')}
      </Title>
      {goal.indicators.length === 0 && <Text size="sm">{t('planReport.noIndicators')}</Text>}
      {goal.indicators.map((indicator) => (
        <IndicatorView key={indicator.id} indicator={indicator} />
      ))}
    </Stack>
  );
}

function IndicatorView({ indicator }: { indicator: ReportIndicator }) {
  const { t } = useTranslation();
  const value = (n: number | null) =>
    n === null ? '–' : t(`plans.measureValue.${indicator.measure}`, { value: formatNumber(n) });
  const o = indicator.outcome;
  const series = indicator.aboutPeople
    ? [
        { key: 'women' as const, label: t('planReport.women'), color: 'grape.9' },
        { key: 'men' as const, label: t('planReport.men'), color: 'teal.9' },
        { key: 'total' as const, label: t('planReport.total'), color: 'indigo.8' },
      ]
    : [{ key: 'total' as const, label: t('planReport.total'), color: 'indigo.8' }];
  return (
    <Stack gap={4}>
      <Text size="sm" fw={700}>
        {indicator.name}
      </Text>
      <Text size="sm">
        {t('planReport.target')}: {indicator.target === null ? t('planReport.noTarget') : value(indicator.target)} (
        {t(`planReport.better.${indicator.direction}`)}).{' '}
        {o
          ? `${t('planReport.outcome')}: ${
              indicator.aboutPeople
                ? `${t('planReport.women')} ${value(o.women)}, ${t('planReport.men')} ${value(o.men)}, ${t('planReport.total')} ${value(o.total)}`
                : value(o.total)
            }.`
          : t('planReport.noOutcome')}{' '}
        {indicator.onTarget !== null && t(indicator.onTarget ? 'planReport.onTarget' : 'planReport.offTarget')}
      </Text>
      {indicator.missingSplit && (
        <Text size="sm" fw={700} c="red.9">
          {o?.missingSplitReason
            ? t('planReport.missingSplitReason', { reason: o.missingSplitReason })
            : t('planReport.missingSplit')}
        </Text>
      )}
      {indicator.trend.length > 0 && (
        <ChartWithTable
          level={5}
          title={t('planReport.trendOf', { name: indicator.name })}
          summary={indicator.trend
            .map((p) => `${p.label}: ${series.map((s) => `${s.label} ${value(p[s.key])}`).join(', ')}`)
            .join('; ')}
          chart={
            <BarChart
              h={200}
              data={indicator.trend.map((p) => ({ label: p.label, women: p.women, men: p.men, total: p.total }))}
              dataKey="label"
              series={series.map((s) => ({ name: s.key, label: s.label, color: s.color }))}
              withLegend
              barChartProps={{ accessibilityLayer: false }}
              withTooltip={false}
            />
          }
          table={
            <DataGrid
              caption={t('planReport.trendOf', { name: indicator.name })}
              head={[t('planReport.columns.period'), ...series.map((s) => s.label)]}
              rows={indicator.trend.map((p) => [p.label, ...series.map((s) => value(p[s.key]))])}
            />
          }
        />
      )}
    </Stack>
  );
}

/**
 * The report as PDF, Word or Excel: each button starts writing the file on the server; its progress
 * and then its download are shown under Exports (ReportExports).
 */
function ExportButtons({ selection }: { selection: ReportSelection }) {
  const { t, i18n } = useTranslation();
  const start = useStartReportExport();
  return (
    <Stack gap={4}>
      <Group gap="xs">
        {reportFormats.map((format) => (
          <Button
            key={format}
            variant="outline"
            size="xs"
            loading={start.isPending && start.variables?.format === format}
            aria-label={t('planReport.exports.startAs', { format: t(`planReport.formats.${format}`) })}
            onClick={() => start.mutate({ selection, format, lang: i18n.language })}
          >
            {t(`planReport.formats.${format}`)}
          </Button>
        ))}
      </Group>
      <ErrorAlert error={start.error} />
    </Stack>
  );
}

function megabytes(bytes: number) {
  return formatNumber(Math.max(0.1, Math.round(bytes / 104857.6) / 10));
}

/** The person's exports: a bar with plans written of all, pages and the time left; then the file, or why it failed. */
function ReportExports() {
  const { t } = useTranslation();
  const exports = useReportExports();
  const items = exports.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="report-exports">
      <Stack gap="sm">
        <Title order={2} size="h4" id="report-exports">
          {t('planReport.exports.heading')}
        </Title>
        <Text size="sm">{t('planReport.exports.leave')}</Text>
        {items.map((job) => (
          <ExportItem key={job.id} job={job} />
        ))}
      </Stack>
    </Paper>
  );
}

function ExportItem({ job }: { job: ReportExport }) {
  const { t } = useTranslation();
  const format = t(`planReport.formats.${job.format}`);
  const name = `${job.title ?? t('planReport.title')} (${format})`;
  const writing = job.phase === 'writing';
  const numbers =
    job.phase === 'gathering'
      ? t('planReport.exports.gathering')
      : writing
        ? t('planReport.exports.written', { done: formatNumber(job.done), total: formatNumber(job.total) })
        : t(`planReport.exports.phase.${job.phase}`);
  return (
    <Stack gap={4} component="article" aria-label={name}>
      <Text fw={700} style={{ overflowWrap: 'anywhere' }}>
        {name}
      </Text>
      {(job.phase === 'gathering' || writing) && (
        <>
          <ProgressBar
            label={t('planReport.exports.progressOf', { name })}
            done={job.done}
            total={writing ? job.total : null}
            valueText={numbers}
          />
          <Group justify="space-between" gap="xs">
            <Text size="sm">
              {numbers}
              {job.pages > 0 && ` · ${t('planReport.exports.pages', { count: job.pages, formatted: formatNumber(job.pages) })}`}
            </Text>
            {job.etaSeconds !== null && <Text size="sm">{formatEta(job.etaSeconds, t, 'planReport.exports')}</Text>}
          </Group>
        </>
      )}
      {/* Said once when it changes, not every second: started, finished or failed. */}
      <Text size="sm" role="status">
        {job.phase === 'done'
          ? t('planReport.exports.ready', { name })
          : job.phase === 'failed'
            ? ''
            : t('planReport.exports.running', { name })}
      </Text>
      {job.phase === 'done' && (
        <Group gap="xs">
          <Button component="a" href={reportExportFileUrl(job.id)} download={job.fileName ?? true} size="xs">
            {t('planReport.exports.download', { format, size: megabytes(job.fileSize ?? 0) })}
          </Button>
          {job.pages > 0 && (
            <Text size="sm">{t('planReport.exports.pages', { count: job.pages, formatted: formatNumber(job.pages) })}</Text>
          )}
        </Group>
      )}
      {job.phase === 'failed' && (
        <Alert color="red" variant="light" role="alert" title={t('planReport.exports.failed', { name })}>
          {t(`errors.${job.error ?? 'export_failed'}`)}
        </Alert>
      )}
    </Stack>
  );
}
