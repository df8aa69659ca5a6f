import { Badge, Stack, Text, Title } from '@mantine/core';
import { useParams } from '@tanstack/react-router';
import { DataTable } from 'mantine-datatable';
import { useTranslation } from 'react-i18next';
import type { FollowUpProgress, PeriodStatus } from '#shared/contracts/plan-follow-up';
import { Page } from '../../components/Page';
import { RequirePermission } from '../../components/RequirePermission';
import { useDataTableTexts } from '../../components/dataTable';
import { formatDate, formatNumber } from '../../components/format';
import { RecordError } from '../organisation/parts';
import { wideOnly } from '../organisation/ListTable';
import { usePeriodStatus } from './follow-up-api';
import { usePlanOwner } from './parts';
import { AnchorLink } from '../../components/links';

/** Who has and has not reported for a period: the plans one is responsible for, and the people responsible for actions. */
export function PeriodStatusPage() {
  const { t } = useTranslation();
  return (
    <RequirePermission action="read" entity="action_plan" title={t('followUp.title')}>
      <Status />
    </RequirePermission>
  );
}

export function ProgressText({ value }: { value: FollowUpProgress }) {
  const { t } = useTranslation();
  return <>{t('followUp.status.reportedOf', { reported: formatNumber(value.reported), total: formatNumber(value.total) })}</>;
}

function BackToPeriods({ year }: { year?: number }) {
  const { t } = useTranslation();
  return (
    <AnchorLink to="/plans/periods" search={year ? { year } : {}} size="sm">
      <span aria-hidden="true">← </span>
      {t('followUp.title')}
    </AnchorLink>
  );
}

type PlanRow = PeriodStatus['plans'][number];
type PersonRow = PeriodStatus['people'][number];

function Status() {
  const { t } = useTranslation();
  const { id } = useParams({ from: '/app/plans/periods/$id' });
  const query = usePeriodStatus(id);
  const texts = useDataTableTexts();
  const owner = usePlanOwner();
  const status = query.data;
  if (!status) {
    return (
      <Page title={t('followUp.title')}>
        <BackToPeriods />
        <RecordError error={query.error} />
      </Page>
    );
  }
  const { period } = status;
  return (
    <Page title={t('followUp.status.title', { name: period.name, year: period.year })}>
      <BackToPeriods year={period.year} />
      <Text>{t('followUp.status.intro', { deadline: formatDate(period.deadline) })}</Text>
      <Stack gap="xs">
        <Title order={2} size="h3">
          {t('followUp.status.plans')}
        </Title>
        <DataTable<PlanRow>
          aria-label={t('followUp.status.plans')}
          withTableBorder
          borderRadius="sm"
          idAccessor="planId"
          minHeight={status.plans.length === 0 ? 120 : undefined}
          records={status.plans}
          {...texts}
          noRecordsText={t('followUp.status.noPlans')}
          emptyState={
            <Text size="sm" c="var(--mantine-color-text)">
              {t('followUp.status.noPlans')}
            </Text>
          }
          columns={[
            {
              accessor: 'name',
              title: t('followUp.status.plan'),
              render: (p) => (
                <AnchorLink
                  to="/plans/$id/follow-up"
                  params={{ id: p.planId }}
                  search={{ period: period.id }}
                  style={{ overflowWrap: 'anywhere' }}
                >
                  {p.name}
                </AnchorLink>
              ),
            },
            {
              accessor: 'ownerName',
              title: t('followUp.status.owner'),
              visibleMediaQuery: wideOnly,
              render: (p) => owner({ scope: p.scope, administrationName: p.ownerName, unitName: p.ownerName }),
            },
            { accessor: 'actions', title: t('followUp.status.actions'), render: (p) => <ProgressText value={p.actions} /> },
            {
              accessor: 'indicators',
              title: t('followUp.status.indicators'),
              visibleMediaQuery: wideOnly,
              render: (p) => <ProgressText value={p.indicators} />,
            },
            {
              accessor: 'goals',
              title: t('followUp.status.goals'),
              visibleMediaQuery: wideOnly,
              render: (p) => <ProgressText value={p.goals} />,
            },
            {
              accessor: 'splitMissing',
              title: t('followUp.status.splitMissing'),
              visibleMediaQuery: wideOnly,
              render: (p) => formatNumber(p.splitMissing),
            },
            {
              accessor: 'complete',
              title: t('common.status'),
              render: (p) => (
                <Badge color={p.complete ? 'teal.9' : 'gray.8'} variant="filled" miw="max-content">
                  {p.complete ? t('followUp.status.complete') : t('followUp.status.notComplete')}
                </Badge>
              ),
            },
          ]}
        />
      </Stack>
      {status.people.length > 0 && (
        <Stack gap="xs">
          <Title order={2} size="h3">
            {t('followUp.status.people')}
          </Title>
          <DataTable<PersonRow>
            aria-label={t('followUp.status.people')}
            withTableBorder
            borderRadius="sm"
            idAccessor="userId"
            records={status.people}
            {...texts}
            columns={[
              { accessor: 'name', title: t('followUp.status.person') },
              { accessor: 'actions', title: t('followUp.status.actions'), render: (p) => <ProgressText value={p.actions} /> },
              {
                accessor: 'userId',
                title: t('common.status'),
                render: (p) => (
                  <Badge color={p.actions.reported === p.actions.total ? 'teal.9' : 'gray.8'} variant="filled" miw="max-content">
                    {p.actions.reported === p.actions.total ? t('followUp.status.complete') : t('followUp.status.notComplete')}
                  </Badge>
                ),
              },
            ]}
          />
        </Stack>
      )}
    </Page>
  );
}
