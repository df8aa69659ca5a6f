import { useMemo } from 'react';
import { Button, NativeSelect, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { BarChart, LineChart } from '@mantine/charts';
import { getRouteApi } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { Coverage, NewUntrainedPerson, RefresherDuePerson } from '#shared/contracts/coverage';
import { accessFor } from '#shared/permissions';
import { useMe } from '../../api/session';
import { ErrorAlert, Page } from '../../components/Page';
import { RequirePermission } from '../../components/RequirePermission';
import { formatDate, formatNumber } from '../../components/format';
import { FilterBar } from '../organisation/parts';
import { ListTable, mediumOnly, wideOnly } from '../organisation/ListTable';
import { AdministrationSelect, UnitSelect } from '../organisation/Selects';
import { useCourseOptions } from '../training/api';
import { exportUrl, useCoverage, useNewUntrained, useRefresherDue, type CoverageParams } from './api';
import { ChartWithTable, Count, DataGrid, formatShare, levelName, seriesColours } from './parts';
import type { CoverageSearch } from './search';
import { AnchorLink } from '../../components/links';

const routeApi = getRouteApi('/app/coverage');
const listPageSize = 10;

export function CoveragePage() {
  const { t } = useTranslation();
  return (
    <RequirePermission action="read" entity="coverage" title={t('coverage.title')}>
      <CoverageContent />
    </RequirePermission>
  );
}

function CoverageContent() {
  const { t } = useTranslation();
  const search = routeApi.useSearch();
  const navigate = routeApi.useNavigate();
  const params: CoverageParams = { administrationId: search.administrationId, unitId: search.unitId, courseId: search.courseId };
  const query = useCoverage(params);
  const coverage = query.data;
  const update = (change: Partial<CoverageSearch>) =>
    navigate({ search: (prev) => ({ ...prev, newPage: undefined, duePage: undefined, ...change }), replace: true });

  return (
    <Page
      title={t('coverage.title')}
      actions={
        <>
          <Button component="a" href={exportUrl('xlsx', params)} download variant="default">
            {t('coverage.export.xlsx')}
          </Button>
          <Button component="a" href={exportUrl('csv', params)} download variant="default">
            {t('coverage.export.csv')}
          </Button>
        </>
      }
    >
      <Text>{t('coverage.intro')}</Text>
      <ScopePicker search={search} coverage={coverage} onChange={update} />
      <ErrorAlert error={query.error} />
      {coverage && (
        <>
          <Title order={2} size="h3">
            {scopeTitle(coverage, t)} · {t('coverage.scope.countedOn', { date: formatDate(coverage.date) })}
          </Title>
          <KeyFigures coverage={coverage} />
          <LevelsSection coverage={coverage} />
          <GenderSection coverage={coverage} />
          <TrendSection coverage={coverage} />
          <Breakdown coverage={coverage} search={search} />
          <Lists params={params} search={search} onPage={update} />
        </>
      )}
    </Page>
  );
}

type T = ReturnType<typeof useTranslation>['t'];

function scopeTitle(coverage: Coverage, t: T): string {
  const { scope } = coverage;
  if (scope.kind === 'unit') return `${scope.unitName} (${scope.administrationName})`;
  if (scope.kind === 'administration') return scope.administrationName ?? '';
  if (scope.kind === 'units') return t('coverage.scope.myUnits');
  return t('coverage.scope.municipality');
}

/**
 * Which scopes the person may choose: administrators and coordinators any administration and unit;
 * a process leader their administration's units; a unit manager their units.
 */
function ScopePicker({
  search,
  coverage,
  onChange,
}: {
  search: CoverageSearch;
  coverage: Coverage | undefined;
  onChange: (change: Partial<CoverageSearch>) => void;
}) {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const courses = useCourseOptions();
  const levels = accessFor(new Set(me?.permissions ?? []), 'read', 'coverage');
  const led = (me?.roles ?? []).filter((r) => r.role === 'process_leader' && r.administrationId).map((r) => r.administrationId!);
  const managed = (me?.roles ?? []).filter((r) => r.role === 'unit_manager' && r.unitId).map((r) => r.unitId!);
  const wide = levels.includes('any');
  const leads = !wide && levels.includes('administration') && led.length > 0;
  // A unit manager's own units, named by the answer for all of them together (fetched once, cached).
  const own = useCoverage({});
  const ownUnits = useMemo(() => {
    const scope = own.data?.scope;
    if (!scope) return [];
    if (scope.kind === 'unit') return [{ value: scope.unitId!, label: scope.unitName ?? '' }];
    return (own.data?.children ?? []).map((c) => ({ value: c.id, label: c.name }));
  }, [own.data]);
  const administrationId = search.administrationId ?? (leads ? led[0] : undefined) ?? coverage?.scope.administrationId ?? null;

  return (
    <FilterBar label={t('coverage.scope.label')}>
      {(wide || leads) && (
        <AdministrationSelect
          label={t('coverage.scope.administration')}
          clearable={wide}
          allowed={wide ? undefined : (id) => led.includes(id)}
          value={wide ? (search.administrationId ?? coverage?.scope.administrationId ?? null) : administrationId}
          onChange={(value) => onChange({ administrationId: value ?? undefined, unitId: undefined })}
        />
      )}
      {(wide || leads) && (
        <UnitSelect
          key={administrationId ?? 'all'}
          label={t('coverage.scope.unit')}
          clearable
          administrationId={administrationId}
          includeClosed
          current={coverage?.scope.unitId ? { value: coverage.scope.unitId, label: coverage.scope.unitName ?? '' } : null}
          value={search.unitId ?? null}
          onChange={(value) => onChange({ unitId: value ?? undefined, administrationId: search.administrationId })}
        />
      )}
      {!wide && !leads && managed.length > 1 && (
        <NativeSelect
          label={t('coverage.scope.unit')}
          value={search.unitId ?? ''}
          onChange={(event) => onChange({ unitId: event.currentTarget.value || undefined })}
          data={[{ value: '', label: t('coverage.scope.myUnits') }, ...ownUnits]}
        />
      )}
      <NativeSelect
        label={t('coverage.scope.course')}
        value={search.courseId ?? ''}
        onChange={(event) => onChange({ courseId: event.currentTarget.value || undefined })}
        data={[
          { value: '', label: t('coverage.scope.anyCourse') },
          ...(courses.data?.items ?? []).map((c) => ({ value: c.id, label: c.name })),
        ]}
      />
    </FilterBar>
  );
}

function KeyFigures({ coverage }: { coverage: Coverage }) {
  const { t } = useTranslation();
  const lecture = coverage.levels.find((l) => l.key === 'lecture');
  const figures = [
    { label: t('coverage.kpi.staff'), value: formatNumber(coverage.staff) },
    { label: t('coverage.kpi.trained'), value: `${formatNumber(coverage.trained)} (${formatShare(coverage.staff ? coverage.trained / coverage.staff : 0)})` },
    { label: t('coverage.kpi.untrained'), value: `${formatNumber(coverage.untrained)} (${formatShare(coverage.untrainedShare)})` },
    ...(lecture ? [{ label: t('coverage.kpi.atLeastLecture'), value: formatShare(lecture.atLeastShare) }] : []),
    { label: t('coverage.kpi.newUntrained'), value: formatNumber(coverage.newUntrainedCount) },
    { label: t('coverage.kpi.refresherDue'), value: formatNumber(coverage.refresherDueCount) },
  ];
  return (
    <section aria-label={t('coverage.kpi.label')}>
      <SimpleGrid component="dl" cols={{ base: 2, sm: 3, lg: 6 }} spacing="sm" m={0}>
        {figures.map((f) => (
          <Paper key={f.label} withBorder p="sm">
            <Text component="dt" size="sm">
              {f.label}
            </Text>
            <Text component="dd" m={0} fw={700} fz="xl">
              {f.value}
            </Text>
          </Paper>
        ))}
      </SimpleGrid>
    </section>
  );
}

function LevelsSection({ coverage }: { coverage: Coverage }) {
  const { t } = useTranslation();
  const data = [
    { level: t('coverage.levels.none'), count: coverage.untrained },
    ...coverage.levels.map((l) => ({ level: levelName(l), count: l.highest })),
  ];
  return (
    <ChartWithTable
      title={t('coverage.levels.title')}
      summary={t('coverage.levels.chartLabel')}
      chart={
        <BarChart
          h={260}
          data={data}
          dataKey="level"
          series={[{ name: 'count', label: t('coverage.levels.count'), color: 'indigo.8' }]}
          barChartProps={{ accessibilityLayer: false }}
          withTooltip={false}
        />
      }
      table={
        <DataGrid
          caption={t('coverage.levels.title')}
          minWidth={420}
          head={[t('coverage.levels.level'), t('coverage.levels.highest'), t('coverage.levels.highestShare'), t('coverage.levels.atLeastShare')]}
          rows={[
            [t('coverage.levels.none'), formatNumber(coverage.untrained), formatShare(coverage.untrainedShare), '–'],
            ...coverage.levels.map((l) => [
              levelName(l),
              formatNumber(l.highest),
              formatShare(l.highestShare),
              `${formatShare(l.atLeastShare)} (${formatNumber(l.atLeast)})`,
            ]),
          ]}
        />
      }
    />
  );
}

function GenderSection({ coverage }: { coverage: Coverage }) {
  const { t } = useTranslation();
  const genders = coverage.byGender;
  // The chart shows shares of each gender's staff; a masked group has no share and is left out (0).
  const data = [
    { level: t('coverage.levels.none'), ...Object.fromEntries(genders.map((g) => [g.gender, pct(g.untrainedShare)])) },
    ...coverage.levels.map((level, index) => ({
      level: levelName(level),
      ...Object.fromEntries(genders.map((g) => [g.gender, pct(g.levels[index].share)])),
    })),
  ];
  return (
    <ChartWithTable
      title={t('coverage.gender.title')}
      summary={t('coverage.gender.chartLabel')}
      note={t('coverage.gender.note')}
      chart={
        <BarChart
          h={260}
          data={data}
          dataKey="level"
          unit=" %"
          withLegend
          series={genders.map((g, i) => ({ name: g.gender, label: t(`gender.${g.gender}`), color: seriesColours[i] }))}
          barChartProps={{ accessibilityLayer: false }}
          withTooltip={false}
        />
      }
      table={
        <DataGrid
          caption={t('coverage.gender.title')}
          minWidth={520}
          head={[
            t('coverage.gender.gender'),
            t('coverage.gender.staff'),
            t('coverage.levels.none'),
            ...coverage.levels.map((l) => levelName(l)),
          ]}
          rows={genders.map((g) => [
            t(`gender.${g.gender}`),
            <Count key="staff" value={g.staff} />,
            <Count key="none" value={g.untrained} />,
            ...g.levels.map((l) => <Count key={l.levelId} value={l.highest} />),
          ])}
        />
      }
    />
  );
}

const pct = (share: number | null) => (share === null ? 0 : Math.round(share * 1000) / 10);

function TrendSection({ coverage }: { coverage: Coverage }) {
  const { t } = useTranslation();
  const years = coverage.trend.years;
  const shareData = years.map((y) => ({ year: String(y.year), share: pct(y.share) }));
  const completionData = years.map((y) => ({
    year: String(y.year),
    ...Object.fromEntries(y.completions.map((c) => [c.levelId, c.count])),
  }));
  return (
    <>
      <ChartWithTable
        title={t('coverage.trend.title')}
        summary={t('coverage.trend.chartLabel')}
        note={t('coverage.trend.note')}
        chart={
          <Stack gap="lg">
            <LineChart
              h={220}
              data={shareData}
              dataKey="year"
              unit=" %"
              yAxisProps={{ domain: [0, 100] }}
              series={[{ name: 'share', label: t('coverage.trend.share'), color: 'indigo.8' }]}
              lineChartProps={{ accessibilityLayer: false }}
              withTooltip={false}
            />
            <BarChart
              h={220}
              data={completionData}
              dataKey="year"
              type="stacked"
              withLegend
              series={coverage.levels.map((l, i) => ({ name: l.levelId, label: levelName(l), color: seriesColours[i % seriesColours.length] }))}
              barChartProps={{ accessibilityLayer: false }}
              withTooltip={false}
            />
          </Stack>
        }
        table={
          <DataGrid
            caption={t('coverage.trend.title')}
            minWidth={560}
            head={[
              t('coverage.trend.year'),
              t('coverage.trend.staff'),
              t('coverage.trend.trained'),
              t('coverage.trend.share'),
              ...coverage.levels.map((l) => t('coverage.trend.completionsOf', { level: levelName(l) })),
            ]}
            rows={years.map((y) => [
              String(y.year),
              formatNumber(y.staff),
              formatNumber(y.trained),
              formatShare(y.share),
              ...y.completions.map((c) => formatNumber(c.count)),
            ])}
          />
        }
      />
    </>
  );
}

function Breakdown({ coverage, search }: { coverage: Coverage; search: CoverageSearch }) {
  const { t } = useTranslation();
  if (coverage.children.length === 0) return null;
  const byAdministration = coverage.scope.kind === 'municipality';
  const title = byAdministration ? t('coverage.breakdown.titleAdministrations') : t('coverage.breakdown.titleUnits');
  return (
    <Paper withBorder p="md" component="section" aria-label={title}>
      <Title order={2} size="h3" mb="sm">
        {title}
      </Title>
      <DataGrid
        caption={title}
        minWidth={360}
        head={[
          byAdministration ? t('coverage.breakdown.administration') : t('coverage.breakdown.unit'),
          t('coverage.breakdown.staff'),
          t('coverage.breakdown.trained'),
          t('coverage.breakdown.share'),
        ]}
        rows={coverage.children.map((child) => [
          <AnchorLink
            key={child.id}
            to="/coverage"
            search={
              byAdministration
                ? { administrationId: child.id, courseId: search.courseId }
                : { administrationId: search.administrationId, unitId: child.id, courseId: search.courseId }
            }
            aria-label={t('coverage.breakdown.drillDown', { name: child.name })}
          >
            {child.name}
          </AnchorLink>,
          formatNumber(child.staff),
          formatNumber(child.trained),
          formatShare(child.share),
        ])}
      />
    </Paper>
  );
}

function Lists({
  params,
  search,
  onPage,
}: {
  params: CoverageParams;
  search: CoverageSearch;
  onPage: (change: Partial<CoverageSearch>) => void;
}) {
  const { t } = useTranslation();
  const newPage = search.newPage ?? 1;
  const duePage = search.duePage ?? 1;
  const newUntrained = useNewUntrained({ ...params, page: newPage, pageSize: listPageSize });
  const due = useRefresherDue({ ...params, page: duePage, pageSize: listPageSize });
  const since = newUntrained.data?.lastSessionEndedOn;
  const newQuery = { ...newUntrained, data: newUntrained.data && { ...newUntrained.data, items: newUntrained.data.items.map((p) => ({ ...p, id: p.employeeId })) } };
  const dueQuery = { ...due, data: due.data && { ...due.data, items: due.data.items.map((p) => ({ ...p, id: `${p.employeeId}/${p.courseId}` })) } };
  const name = (p: { firstName: string; lastName: string }) => `${p.lastName}, ${p.firstName}`;
  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
      <Paper withBorder p="md" component="section" aria-label={t('coverage.lists.newUntrained')}>
        <Stack gap="sm">
          <Title order={2} size="h3">
            {t('coverage.lists.newUntrained')}
          </Title>
          <Text size="sm">
            {since ? t('coverage.lists.newUntrainedSince', { date: formatDate(since) }) : t('coverage.lists.newUntrainedNoSession')}{' '}
            {t('coverage.lists.personalData')}
          </Text>
          <ListTable<NewUntrainedPerson & { id: string }>
            label={t('coverage.lists.newUntrained')}
            query={newQuery}
            page={newPage}
            pageSize={listPageSize}
            onPageChange={(page) => onPage({ newPage: page === 1 ? undefined : page, duePage: search.duePage })}
            columns={[
              { accessor: 'lastName', title: t('coverage.lists.name'), render: name },
              { accessor: 'unitName', title: t('coverage.lists.unit'), visibleMediaQuery: wideOnly },
              { accessor: 'startDate', title: t('coverage.lists.startDate'), render: (p) => formatDate(p.startDate) },
            ]}
          />
        </Stack>
      </Paper>
      <Paper withBorder p="md" component="section" aria-label={t('coverage.lists.refresherDue')}>
        <Stack gap="sm">
          <Title order={2} size="h3">
            {t('coverage.lists.refresherDue')}
          </Title>
          <Text size="sm">
            {t('coverage.lists.refresherDueNote')} {t('coverage.lists.personalData')}
          </Text>
          <ListTable<RefresherDuePerson & { id: string }>
            label={t('coverage.lists.refresherDue')}
            query={dueQuery}
            page={duePage}
            pageSize={listPageSize}
            onPageChange={(page) => onPage({ duePage: page === 1 ? undefined : page, newPage: search.newPage })}
            columns={[
              { accessor: 'lastName', title: t('coverage.lists.name'), render: name },
              { accessor: 'courseName', title: t('coverage.lists.course') },
              { accessor: 'completedOn', title: t('coverage.lists.completedOn'), visibleMediaQuery: mediumOnly, render: (p) => formatDate(p.completedOn) },
              { accessor: 'dueOn', title: t('coverage.lists.dueOn'), render: (p) => formatDate(p.dueOn) },
            ]}
          />
        </Stack>
      </Paper>
    </SimpleGrid>
  );
}

