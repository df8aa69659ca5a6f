import { Badge } from '@mantine/core';
import { BarChart } from '@mantine/charts';
import { useTranslation } from 'react-i18next';
import type { ActionStatus, PlanStatus, PlanSummary } from '#shared/contracts/plans';
import { formatNumber } from '../../components/format';
import { ChartWithTable, DataGrid } from '../coverage/parts';
import { AnchorLink } from '../../components/links';

/** Colours at shade 9 (gray 8) against white text: every badge keeps a contrast of at least 4.5:1. */
const planStatusColour: Record<PlanStatus, string> = {
  draft: 'indigo.9',
  adopted: 'teal.9',
  ended: 'gray.8',
  replaced: 'grape.9',
};

export function PlanStatusBadge({ status }: { status: PlanStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={planStatusColour[status]} variant="filled" miw="max-content">
      {t(`plans.status.${status}`)}
    </Badge>
  );
}

const actionStatusColour: Record<ActionStatus, string> = {
  not_started: 'gray.8',
  ongoing: 'indigo.9',
  done: 'teal.9',
  postponed: 'grape.9',
  cancelled: 'dark.6',
};

export function ActionStatusBadge({ status }: { status: ActionStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={actionStatusColour[status]} variant="filled" miw="max-content">
      {t(`plans.actionStatus.${status}`)}
    </Badge>
  );
}

export function OverdueBadge() {
  const { t } = useTranslation();
  return (
    <Badge color="red.9" variant="filled" miw="max-content">
      {t('plans.actions.overdue')}
    </Badge>
  );
}

/** Whose plan it is: the municipality's, an administration's or a unit's. */
export function usePlanOwner() {
  const { t } = useTranslation();
  return (plan: Pick<PlanSummary, 'scope' | 'administrationName' | 'unitName'>) =>
    plan.scope === 'municipality'
      ? t('plans.owner.municipality')
      : plan.scope === 'administration'
        ? (plan.administrationName ?? t('plans.scope.administration'))
        : (plan.unitName ?? t('plans.scope.unit'));
}

export const periodOf = (plan: { startYear: number; endYear: number }) =>
  plan.startYear === plan.endYear ? String(plan.startYear) : `${plan.startYear}–${plan.endYear}`;

/** The way back from a plan to the list. */
export function BackToPlans() {
  const { t } = useTranslation();
  return (
    <AnchorLink to="/plans" size="sm">
      <span aria-hidden="true">← </span>
      {t('plans.title')}
    </AnchorLink>
  );
}

/** Actions counted by a label each, as a bar chart with its table beside it. */
export function ActionsChart({
  title,
  summary,
  rows,
}: {
  title: string;
  summary: string;
  rows: { label: string; count: number }[];
}) {
  const { t } = useTranslation();
  const total = rows.reduce((sum, row) => sum + row.count, 0);
  return (
    <ChartWithTable
      title={title}
      summary={summary}
      chart={
        <BarChart
          h={220}
          data={rows}
          dataKey="label"
          series={[{ name: 'count', label: t('plans.chart.actions'), color: 'indigo.8' }]}
          barChartProps={{ accessibilityLayer: false }}
          withTooltip={false}
        />
      }
      table={
        <DataGrid
          caption={title}
          head={[t('plans.chart.status'), t('plans.chart.actions')]}
          rows={[...rows.map((row) => [row.label, formatNumber(row.count)]), [t('plans.chart.total'), formatNumber(total)]]}
        />
      }
    />
  );
}
