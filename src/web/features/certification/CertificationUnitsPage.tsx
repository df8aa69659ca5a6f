import { useState } from 'react';
import { Button, List, NativeSelect, Stack, Text } from '@mantine/core';
import { BarChart } from '@mantine/charts';
import { getRouteApi } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { unitCertificationStatuses, type CertificationUnit } from '#shared/contracts/certification';
import { useCan } from '../../api/session';
import { Page } from '../../components/Page';
import { RequirePermission } from '../../components/RequirePermission';
import { formatDate, formatNumber } from '../../components/format';
import { defaultPageSize, ListTable, mediumOnly, wideOnly } from '../organisation/ListTable';
import { FilterBar, SearchField } from '../organisation/parts';
import { AdministrationSelect } from '../organisation/Selects';
import { ChartWithTable, DataGrid } from '../coverage/parts';
import { useSchemes, useUnitStatuses } from './api';
import { OpenProcessDialog } from './OpenProcessDialog';
import { UnitStatusBadge, useCriterionValueText } from './parts';
import type { CertificationSearch } from './search';
import { AnchorLink, ButtonLink } from '../../components/links';

const routeApi = getRouteApi('/app/certification');

/** Where every unit stands with certification; first the units that work with children and youth, which must be certified. */
export function CertificationUnitsPage() {
  const { t } = useTranslation();
  return (
    <RequirePermission action="read" entity="certification" title={t('certification.title')}>
      <CertificationUnits />
    </RequirePermission>
  );
}

function CertificationUnits() {
  const { t } = useTranslation();
  const search = routeApi.useSearch();
  const navigate = routeApi.useNavigate();
  const can = useCan();
  const schemes = useSchemes();
  const [opening, setOpening] = useState<{ unitId: string; unitName: string } | null>(null);
  const page = search.page ?? 1;
  const pageSize = search.pageSize ?? defaultPageSize;
  const query = useUnitStatuses({
    page,
    pageSize,
    q: search.q,
    sort: search.sort,
    status: search.status,
    schemeId: search.schemeId,
    administrationId: search.administrationId,
    worksWithChildren: search.units === 'all' ? undefined : 'true',
  });
  const update = (change: Partial<CertificationSearch>, resetPage = true) =>
    navigate({ search: (prev) => ({ ...prev, ...(resetPage ? { page: undefined } : {}), ...change }), replace: true });
  const rows = query.data && { ...query.data, items: query.data.items.map((unit) => ({ ...unit, id: unit.unitId })) };

  return (
    <Page
      title={t('certification.title')}
      actions={
        <>
          {can('create', 'certificate') && (
            <ButtonLink to="/certification/certify">{t('certification.certify.title')}</ButtonLink>
          )}
          {can('read', 'certification_scheme') && (
            <ButtonLink to="/certification/schemes" variant="default">
              {t('certification.schemes.title')}
            </ButtonLink>
          )}
        </>
      }
    >
      <Text>{search.units === 'all' ? t('certification.introAll') : t('certification.intro')}</Text>
      <FilterBar label={t('common.filter')}>
        <NativeSelect
          label={t('certification.filters.units')}
          value={search.units ?? 'children'}
          onChange={(event) => update({ units: event.currentTarget.value === 'all' ? 'all' : undefined })}
          data={[
            { value: 'children', label: t('certification.filters.childrenUnits') },
            { value: 'all', label: t('certification.filters.allUnits') },
          ]}
        />
        <NativeSelect
          label={t('certification.filters.status')}
          value={search.status ?? ''}
          onChange={(event) => update({ status: unitCertificationStatuses.find((s) => s === event.currentTarget.value) })}
          data={[
            { value: '', label: t('common.all') },
            ...unitCertificationStatuses.map((s) => ({ value: s, label: t(`certification.unitStatus.${s}`) })),
          ]}
        />
        <NativeSelect
          label={t('certification.filters.scheme')}
          value={search.schemeId ?? ''}
          onChange={(event) => update({ schemeId: event.currentTarget.value || undefined })}
          data={[
            { value: '', label: t('certification.filters.anyScheme') },
            ...(schemes.data?.items ?? []).map((s) => ({ value: s.id, label: s.name })),
          ]}
        />
        <AdministrationSelect
          label={t('certification.filters.administration')}
          value={search.administrationId ?? null}
          onChange={(value) => update({ administrationId: value ?? undefined })}
          clearable
        />
        <SearchField label={t('certification.filters.search')} value={search.q} onChange={(q) => update({ q })} />
      </FilterBar>
      {query.data && <StatusChart counts={query.data.counts} />}
      <ListTable<CertificationUnit & { id: string }>
        label={t('certification.unitsTable')}
        query={{ ...query, data: rows }}
        page={page}
        pageSize={pageSize}
        onPageChange={(value) => update({ page: value === 1 ? undefined : value }, false)}
        onPageSizeChange={(value) => update({ pageSize: value === defaultPageSize ? undefined : value })}
        sort={search.sort}
        onSortChange={(sort) => update({ sort })}
        columns={[
          {
            accessor: 'unitName',
            sortKey: 'unitName',
            title: t('certification.unit'),
            render: (unit) => (
              <AnchorLink to="/units/$id" params={{ id: unit.unitId }}>
                {unit.unitName}
              </AnchorLink>
            ),
          },
          {
            accessor: 'administrationName',
            sortKey: 'administrationName',
            title: t('certification.administration'),
            visibleMediaQuery: mediumOnly,
          },
          {
            accessor: 'status',
            sortKey: 'status',
            title: t('certification.status'),
            render: (unit) => (
              <Stack gap={4} align="flex-start">
                <UnitStatusBadge status={unit.status} />
                {unit.belowThreshold.length > 0 && <BelowThresholdFlag unit={unit} />}
              </Stack>
            ),
          },
          {
            accessor: 'validUntil',
            sortKey: 'validUntil',
            title: t('certification.validUntil'),
            visibleMediaQuery: wideOnly,
            render: (unit) =>
              unit.certificateId && unit.validUntil ? (
                <AnchorLink to="/certificates/$id" params={{ id: unit.certificateId }}>
                  {t('certification.validUntilOf', { date: formatDate(unit.validUntil), scheme: unit.schemeName })}
                </AnchorLink>
              ) : (
                '–'
              ),
          },
          {
            accessor: 'openProcessId',
            title: t('certification.processColumn'),
            render: (unit) =>
              unit.openProcessId ? (
                <AnchorLink to="/certification/processes/$id" params={{ id: unit.openProcessId }}>
                  {t('certification.showProcess', { unit: unit.unitName })}
                </AnchorLink>
              ) : can('create', 'certification') ? (
                <Button
                  size="xs"
                  variant="outline"
                  onClick={() => setOpening({ unitId: unit.unitId, unitName: unit.unitName })}
                  aria-label={t('certification.startFor', { unit: unit.unitName })}
                >
                  {unit.certificateId ? t('certification.renew') : t('certification.start')}
                </Button>
              ) : (
                '–'
              ),
          },
        ]}
      />
      <OpenProcessDialog unit={opening} onClose={() => setOpening(null)} />
    </Page>
  );
}

/** A certified unit that no longer meets a computed criterion: the certificate stays valid; this says what to mend. */
function BelowThresholdFlag({ unit }: { unit: CertificationUnit }) {
  const { t } = useTranslation();
  const valueText = useCriterionValueText();
  return (
    <div>
      <Text size="sm" fw={700} c="red.9">
        {t('certification.belowThreshold.flag')}
      </Text>
      <List size="sm">
        {unit.belowThreshold.map((item) => (
          <List.Item key={item.criterionId}>
            {item.label}: {valueText(item)}
          </List.Item>
        ))}
      </List>
    </div>
  );
}

function StatusChart({ counts }: { counts: Record<(typeof unitCertificationStatuses)[number], number> }) {
  const { t } = useTranslation();
  const data = unitCertificationStatuses.map((status) => ({
    status: t(`certification.unitStatus.${status}`),
    count: counts[status],
  }));
  const total = unitCertificationStatuses.reduce((sum, status) => sum + counts[status], 0);
  return (
    <ChartWithTable
      title={t('certification.chart.title')}
      summary={t('certification.chart.summary', {
        certified: formatNumber(counts.certified),
        total: formatNumber(total),
      })}
      chart={
        <BarChart
          h={220}
          data={data}
          dataKey="status"
          series={[{ name: 'count', label: t('certification.chart.units'), color: 'indigo.8' }]}
          barChartProps={{ accessibilityLayer: false }}
          withTooltip={false}
        />
      }
      table={
        <DataGrid
          caption={t('certification.chart.title')}
          head={[t('certification.status'), t('certification.chart.units')]}
          rows={[
            ...data.map((row) => [row.status, formatNumber(row.count)]),
            [t('certification.chart.total'), formatNumber(total)],
          ]}
        />
      }
    />
  );
}
