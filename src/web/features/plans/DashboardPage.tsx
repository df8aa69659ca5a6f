import { Badge, List, NativeSelect, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { BarChart } from '@mantine/charts';
import { getRouteApi } from '@tanstack/react-router';
import { DataTable } from 'mantine-datatable';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { actionStatuses } from '#shared/contracts/plans';
import { goalAssessments } from '#shared/contracts/plan-follow-up';
import { nearDeadlineDays, type PlanDashboard } from '#shared/contracts/plan-dashboard';
import { ErrorAlert, Page } from '../../components/Page';
import { RequirePermission } from '../../components/RequirePermission';
import { useDataTableTexts } from '../../components/dataTable';
import { formatDate, formatNumber } from '../../components/format';
import { ChartWithTable, DataGrid, formatShare } from '../coverage/parts';
import { wideOnly } from '../organisation/ListTable';
import { usePlanDashboard } from './dashboard-api';
import { ActionStatusBadge, usePlanOwner } from './parts';
import { thisYear } from './PeriodsPage';
import { ProgressText } from './PeriodStatusPage';
import { AnchorLink } from '../../components/links';

const routeApi = getRouteApi('/app/plans/dashboard');

/** The dashboard of the plans one writes: the administrator's, a process leader's, a unit manager's. */
export function DashboardPage() {
  const { t } = useTranslation();
  return (
    <RequirePermission action="update" entity="action_plan" title={t('planDashboard.title')}>
      <Dashboard />
    </RequirePermission>
  );
}

type PlanRow = PlanDashboard['plans'][number];
type IndicatorRow = PlanDashboard['indicators']['items'][number];
type OverdueRow = PlanDashboard['overdue']['items'][number];
type DeadlineRow = PlanDashboard['deadlines'][number];

function PlanLink({ id, name }: { id: string; name: string }) {
  return (
    <AnchorLink to="/plans/$id" params={{ id }} style={{ overflowWrap: 'anywhere' }}>
      {name}
    </AnchorLink>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md" component="section" aria-label={title}>
      <Stack gap="sm">
        <Title order={2} size="h3">
          {title}
        </Title>
        {children}
      </Stack>
    </Paper>
  );
}

/** "Showing 50 of 120" under a list cut short. */
function Shown({ shown, total }: { shown: number; total: number }) {
  const { t } = useTranslation();
  if (shown >= total) return null;
  return <Text size="sm">{t('planDashboard.shownOf', { shown: formatNumber(shown), total: formatNumber(total) })}</Text>;
}

function Dashboard() {
  const { t } = useTranslation();
  const search = routeApi.useSearch();
  const navigate = routeApi.useNavigate();
  const year = search.year ?? thisYear();
  const query = usePlanDashboard(year);
  const years = [...new Set([...Array.from({ length: 7 }, (_, i) => thisYear() - 4 + i), year])].sort((a, b) => a - b);
  const d = query.data;
  return (
    <Page title={t('planDashboard.title')} actions={<AnchorLink to="/plans">{t('planDashboard.allPlans')}</AnchorLink>}>
      <NativeSelect
        label={t('followUp.year')}
        w={140}
        value={String(year)}
        onChange={(event) => navigate({ search: { year: Number(event.currentTarget.value) }, replace: true })}
        data={years.map((y) => String(y))}
      />
      <ErrorAlert error={query.error} />
      {query.isPending && <Text>{t('common.loading')}</Text>}
      {d && <DashboardBody d={d} />}
    </Page>
  );
}

function DashboardBody({ d }: { d: PlanDashboard }) {
  const { t } = useTranslation();
  const a = d.totals.actions;
  const g = d.totals.assessments;
  return (
    <Stack gap="md">
      <Text>{t('planDashboard.intro', { year: d.year, count: d.totals.plans, formatted: formatNumber(d.totals.plans) })}</Text>
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
        <Figure label={t('planDashboard.figures.plans')} value={formatNumber(d.totals.plans)} />
        <Figure
          label={t('planDashboard.figures.done')}
          value={t('followUp.status.reportedOf', { reported: formatNumber(a.done), total: formatNumber(a.total) })}
        />
        <Figure label={t('planDashboard.figures.overdue')} value={formatNumber(a.overdue)} alert={a.overdue > 0} />
        <Figure label={t('planDashboard.figures.notMet')} value={formatNumber(g.not_met)} alert={g.not_met > 0} />
      </SimpleGrid>
      <ActionsByStatus d={d} />
      <GoalsByAssessment d={d} />
      <Deadlines d={d} />
      <Overdue d={d} />
      <Indicators d={d} />
      <Plans d={d} />
    </Stack>
  );
}

function Figure({ label, value, alert = false }: { label: string; value: string; alert?: boolean }) {
  return (
    <Paper withBorder p="sm">
      <Text size="sm">{label}</Text>
      <Text size="xl" fw={700} c={alert ? 'red.9' : undefined}>
        {value}
      </Text>
    </Paper>
  );
}

function ActionsByStatus({ d }: { d: PlanDashboard }) {
  const { t } = useTranslation();
  const a = d.totals.actions;
  const rows = actionStatuses.map((status) => ({ label: t(`plans.actionStatus.${status}`), count: a[status] }));
  const title = t('planDashboard.actions.title');
  return (
    <ChartWithTable
      title={title}
      summary={t('planDashboard.actions.summary', {
        done: formatNumber(a.done),
        total: formatNumber(a.total),
        overdue: formatNumber(a.overdue),
      })}
      chart={
        <BarChart
          h={220}
          data={rows}
          dataKey="label"
          series={[{ name: 'count', label: t('plans.chart.actions'), color: 'indigo.8' }]}
          barChartProps={{ accessibilityLayer: false }}
          yAxisProps={{ allowDecimals: false }}
          withTooltip={false}
        />
      }
      table={
        <DataGrid
          caption={title}
          head={[t('plans.chart.status'), t('plans.chart.actions')]}
          rows={[
            ...rows.map((row) => [row.label, formatNumber(row.count)]),
            [t('plans.chart.total'), formatNumber(a.total)],
            [t('planDashboard.actions.overdueAmong'), formatNumber(a.overdue)],
          ]}
        />
      }
    />
  );
}

function GoalsByAssessment({ d }: { d: PlanDashboard }) {
  const { t } = useTranslation();
  const g = d.totals.assessments;
  const title = d.period
    ? t('planDashboard.goals.title', { period: d.period.name, year: d.period.year })
    : t('planDashboard.goals.titleNone');
  if (!d.period) {
    return (
      <Section title={title}>
        <Text>{t('planDashboard.goals.none', { year: d.year })}</Text>
      </Section>
    );
  }
  const rows = [
    ...goalAssessments.map((assessment) => ({ label: t(`followUp.assessment.${assessment}`), count: g[assessment] })),
    { label: t('followUp.plan.assessmentNone'), count: g.unassessed },
  ];
  return (
    <ChartWithTable
      title={title}
      summary={t('planDashboard.goals.summary', {
        met: formatNumber(g.met),
        partly: formatNumber(g.partly_met),
        notMet: formatNumber(g.not_met),
        total: formatNumber(g.total),
      })}
      chart={
        <BarChart
          h={220}
          data={rows}
          dataKey="label"
          series={[{ name: 'count', label: t('planDashboard.goals.goals'), color: 'teal.9' }]}
          barChartProps={{ accessibilityLayer: false }}
          yAxisProps={{ allowDecimals: false }}
          withTooltip={false}
        />
      }
      table={
        <Stack gap="sm">
          <DataGrid
            caption={title}
            head={[t('planDashboard.goals.assessment'), t('planDashboard.goals.goals')]}
            rows={[...rows.map((row) => [row.label, formatNumber(row.count)]), [t('plans.chart.total'), formatNumber(g.total)]]}
          />
          {d.goalsNotMet.total > 0 && (
            <Stack gap={4}>
              <Title order={3} size="h5">
                {t('planDashboard.goals.notMet')}
              </Title>
              <List size="sm" spacing={4}>
                {d.goalsNotMet.items.map((goal) => (
                  <List.Item key={goal.goalId}>
                    <AnchorLink
                      to="/plans/$id/follow-up"
                      params={{ id: goal.planId }}
                      search={{ period: d.period!.id }}
                      style={{ overflowWrap: 'anywhere' }}
                    >
                      {t('planDashboard.goals.goalOf', { goal: goal.title, plan: goal.planName })}
                    </AnchorLink>
                    {goal.analysis && <Text size="sm">{goal.analysis}</Text>}
                  </List.Item>
                ))}
              </List>
              <Shown shown={d.goalsNotMet.items.length} total={d.goalsNotMet.total} />
            </Stack>
          )}
        </Stack>
      }
    />
  );
}

function Deadlines({ d }: { d: PlanDashboard }) {
  const { t } = useTranslation();
  const texts = useDataTableTexts();
  const title = t('planDashboard.deadlines.title');
  return (
    <Section title={title}>
      {d.deadlines.length === 0 ? (
        <Text>{t('planDashboard.deadlines.none', { days: nearDeadlineDays })}</Text>
      ) : (
        <DataTable<DeadlineRow>
          aria-label={title}
          withTableBorder
          borderRadius="sm"
          records={d.deadlines}
          {...texts}
          columns={[
            {
              accessor: 'name',
              title: t('planDashboard.deadlines.period'),
              render: (p) => (
                <AnchorLink to="/plans/periods/$id" params={{ id: p.id }}>
                  {t('planDashboard.deadlines.periodName', { name: p.name, year: p.year })}
                </AnchorLink>
              ),
            },
            { accessor: 'deadline', title: t('followUp.deadline'), render: (p) => formatDate(p.deadline) },
            {
              accessor: 'plansIncomplete',
              title: t('planDashboard.deadlines.incomplete'),
              render: (p) =>
                t('followUp.status.reportedOf', { reported: formatNumber(p.plansIncomplete), total: formatNumber(p.plans) }),
            },
            {
              accessor: 'actions',
              title: t('planDashboard.deadlines.actions'),
              visibleMediaQuery: wideOnly,
              render: (p) => <ProgressText value={p.actions} />,
            },
            {
              accessor: 'indicators',
              title: t('planDashboard.deadlines.indicators'),
              visibleMediaQuery: wideOnly,
              render: (p) => <ProgressText value={p.indicators} />,
            },
            {
              accessor: 'goals',
              title: t('planDashboard.deadlines.goals'),
              visibleMediaQuery: wideOnly,
              render: (p) => <ProgressText value={p.goals} />,
            },
          ]}
        />
      )}
    </Section>
  );
}

function Overdue({ d }: { d: PlanDashboard }) {
  const { t } = useTranslation();
  const texts = useDataTableTexts();
  const title = t('planDashboard.overdue.title', { count: d.overdue.total, formatted: formatNumber(d.overdue.total) });
  return (
    <Section title={title}>
      {d.overdue.total === 0 ? (
        <Text>{t('planDashboard.overdue.none')}</Text>
      ) : (
        <>
          <DataTable<OverdueRow>
            aria-label={title}
            withTableBorder
            borderRadius="sm"
            idAccessor="actionId"
            records={d.overdue.items}
            {...texts}
            columns={[
              {
                accessor: 'title',
                title: t('planDashboard.overdue.action'),
                render: (a) => <span style={{ overflowWrap: 'anywhere' }}>{a.title}</span>,
              },
              {
                accessor: 'planName',
                title: t('followUp.status.plan'),
                render: (a) => <PlanLink id={a.planId} name={a.planName} />,
              },
              { accessor: 'dueDate', title: t('planDashboard.overdue.due'), render: (a) => formatDate(a.dueDate) },
              {
                accessor: 'responsibleName',
                title: t('followUp.status.person'),
                visibleMediaQuery: wideOnly,
                render: (a) => a.responsibleName ?? t('planDashboard.overdue.nobody'),
              },
              {
                accessor: 'status',
                title: t('common.status'),
                visibleMediaQuery: wideOnly,
                render: (a) => <ActionStatusBadge status={a.status} />,
              },
            ]}
          />
          <Shown shown={d.overdue.items.length} total={d.overdue.total} />
        </>
      )}
    </Section>
  );
}

function useOutcome() {
  const { t } = useTranslation();
  return (i: Pick<IndicatorRow, 'measure'>, value: number | null) =>
    value === null ? '–' : t(`plans.measureValue.${i.measure}`, { value: formatNumber(value) });
}

function Indicators({ d }: { d: PlanDashboard }) {
  const { t } = useTranslation();
  const texts = useDataTableTexts();
  const outcome = useOutcome();
  const title = t('planDashboard.indicators.title');
  return (
    <Section title={title}>
      <Text size="sm">{t('planDashboard.indicators.intro')}</Text>
      {d.indicators.total === 0 ? (
        <Text>{t('planDashboard.indicators.none')}</Text>
      ) : (
        <>
          <DataTable<IndicatorRow>
            aria-label={title}
            withTableBorder
            borderRadius="sm"
            idAccessor="indicatorId"
            records={d.indicators.items}
            {...texts}
            columns={[
              {
                accessor: 'name',
                title: t('planDashboard.indicators.indicator'),
                render: (i) => (
                  <Stack gap={2}>
                    <span style={{ overflowWrap: 'anywhere' }}>{i.name}</span>
                    <PlanLink id={i.planId} name={i.planName} />
                    {i.splitMissing && (
                      <Badge color="red.9" variant="filled" miw="max-content">
                        {t('followUp.plan.splitFlag')}
                      </Badge>
                    )}
                  </Stack>
                ),
              },
              {
                accessor: 'target',
                title: t('planDashboard.indicators.target'),
                visibleMediaQuery: wideOnly,
                render: (i) => (
                  <Stack gap={2}>
                    <span>{outcome(i, i.target)}</span>
                    <Text size="xs">{t(`plans.direction.${i.direction}`)}</Text>
                  </Stack>
                ),
              },
              {
                accessor: 'total',
                title: t('planDashboard.indicators.outcome'),
                render: (i) => (
                  <Stack gap={2}>
                    <span>{outcome(i, i.total)}</span>
                    {i.aboutPeople && !i.splitMissing && (
                      <Text size="xs">
                        {t('planDashboard.indicators.split', { women: outcome(i, i.women), men: outcome(i, i.men) })}
                      </Text>
                    )}
                  </Stack>
                ),
              },
              {
                accessor: 'distance',
                title: t('planDashboard.indicators.distance'),
                render: (i) => (i.target === 0 ? outcome(i, i.distance) : formatShare(i.distance)),
              },
              {
                accessor: 'period',
                title: t('planDashboard.indicators.period'),
                visibleMediaQuery: wideOnly,
                render: (i) => t('planDashboard.deadlines.periodName', { name: i.period.name, year: i.period.year }),
              },
            ]}
          />
          <Shown shown={d.indicators.items.length} total={d.indicators.total} />
        </>
      )}
      {d.splitMissing.total > 0 && (
        <Stack gap={4}>
          <Title order={3} size="h5">
            {t('planDashboard.indicators.splitMissing', {
              count: d.splitMissing.total,
              formatted: formatNumber(d.splitMissing.total),
            })}
          </Title>
          <List size="sm" spacing={4}>
            {d.splitMissing.items.map((i) => (
              <List.Item key={i.indicatorId}>
                {t('planDashboard.indicators.splitMissingItem', {
                  indicator: i.name,
                  period: t('planDashboard.deadlines.periodName', { name: i.period.name, year: i.period.year }),
                })}{' '}
                <PlanLink id={i.planId} name={i.planName} />
              </List.Item>
            ))}
          </List>
          <Shown shown={d.splitMissing.items.length} total={d.splitMissing.total} />
        </Stack>
      )}
    </Section>
  );
}

function Plans({ d }: { d: PlanDashboard }) {
  const { t } = useTranslation();
  const texts = useDataTableTexts();
  const owner = usePlanOwner();
  const title = t('planDashboard.plans.title', { year: d.year });
  return (
    <Section title={title}>
      <DataTable<PlanRow>
        aria-label={title}
        withTableBorder
        borderRadius="sm"
        minHeight={d.plans.length === 0 ? 120 : undefined}
        records={d.plans}
        {...texts}
        noRecordsText={t('followUp.status.noPlans')}
        emptyState={
          <Text size="sm" c="var(--mantine-color-text)">
            {t('followUp.status.noPlans')}
          </Text>
        }
        columns={[
          { accessor: 'name', title: t('followUp.status.plan'), render: (p) => <PlanLink id={p.id} name={p.name} /> },
          {
            accessor: 'ownerName',
            title: t('followUp.status.owner'),
            visibleMediaQuery: wideOnly,
            render: (p) => owner({ scope: p.scope, administrationName: p.ownerName, unitName: p.ownerName }),
          },
          {
            accessor: 'actions',
            title: t('planDashboard.plans.done'),
            visibleMediaQuery: wideOnly,
            render: (p) =>
              t('followUp.status.reportedOf', { reported: formatNumber(p.actions.done), total: formatNumber(p.actions.total) }),
          },
          {
            accessor: 'overdue',
            title: t('planDashboard.figures.overdue'),
            render: (p) => (
              <Text size="sm" fw={p.actions.overdue > 0 ? 700 : undefined} c={p.actions.overdue > 0 ? 'red.9' : undefined}>
                {formatNumber(p.actions.overdue)}
              </Text>
            ),
          },
          {
            accessor: 'assessments',
            title: t('planDashboard.plans.assessments'),
            visibleMediaQuery: wideOnly,
            render: (p) =>
              t('planDashboard.plans.assessmentCounts', {
                met: formatNumber(p.assessments.met),
                partly: formatNumber(p.assessments.partly_met),
                notMet: formatNumber(p.assessments.not_met),
              }),
          },
        ]}
      />
    </Section>
  );
}
