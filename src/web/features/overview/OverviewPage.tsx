import { Card, List, SimpleGrid, Skeleton, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Overview } from '#shared/contracts/system';
import type { Action, Entity } from '#shared/permissions';
import { api } from '../../api/client';
import { useCan, useMe } from '../../api/session';
import { formatNumber } from '../../components/format';
import { ErrorAlert, Page } from '../../components/Page';
import { AnchorLink } from '../../components/links';
import './overview.css';

export const overviewQueryKey = ['overview'] as const;

type CountKey = keyof Overview['counts'];

/** Each count, and the page it links to for those who may see that page. */
const cards: { key: CountKey; to: string; permission: [Action, Entity] }[] = [
  { key: 'administrations', to: '/administrations', permission: ['read', 'administration'] },
  { key: 'units', to: '/units', permission: ['read', 'unit'] },
  { key: 'unitsWorkingWithChildren', to: '/units?worksWithChildren=true', permission: ['read', 'unit'] },
  { key: 'employees', to: '/employees', permission: ['read', 'employee'] },
  { key: 'users', to: '/users', permission: ['read', 'user'] },
  { key: 'pendingMail', to: '/outbox?status=pending', permission: ['read', 'outbox'] },
];

export function OverviewPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const can = useCan();
  const overview = useQuery({ queryKey: overviewQueryKey, queryFn: () => api.get<Overview>('/api/overview') });

  return (
    <Page title={me ? t('overview.greeting', { name: me.name }) : t('overview.title')}>
      <Text>{t('overview.intro')}</Text>
      {/* A host's work is the activities they host: the way there, first. */}
      {can('read', 'activity') && !can('update', 'activity') && (
        <AnchorLink to="/activities" fw={500}>
          {t('activities.hostStart')}
        </AnchorLink>
      )}
      <ErrorAlert error={overview.error} />
      <section aria-labelledby="overview-counts">
        <Text component="h2" id="overview-counts" fw={700} size="lg" mb="sm">
          {t('overview.countsHeading')}
        </Text>
        {overview.isPending ? (
          <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} aria-busy="true" aria-label={t('common.loading')}>
            {cards.slice(0, 3).map((card) => (
              <Skeleton key={card.key} height={104} radius="md" />
            ))}
          </SimpleGrid>
        ) : overview.data ? (
          <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {cards.map((card) => {
              const value = overview.data.counts[card.key];
              if (value === null || value === undefined) return null;
              const linked = can(...card.permission);
              const content = (
                <>
                  <Text size="2rem" fw={700} lh={1.2} c="indigo.8">
                    {formatNumber(value)}
                  </Text>
                  <Text fw={500} td={linked ? 'underline' : undefined} c={linked ? 'indigo.8' : undefined}>
                    {t(`overview.counts.${card.key}`)}
                  </Text>
                </>
              );
              return (
                <li key={card.key}>
                  {linked ? (
                    <Card
                      component={Link}
                      to={card.to as '/'}
                      withBorder
                      radius="md"
                      padding="lg"
                      h="100%"
                      className="overview-card"
                    >
                      {content}
                    </Card>
                  ) : (
                    <Card withBorder radius="md" padding="lg" h="100%">
                      {content}
                    </Card>
                  )}
                </li>
              );
            })}
          </SimpleGrid>
        ) : null}
      </section>
      {overview.data?.training && <TrainingToPlan training={overview.data.training} />}
      {overview.data?.certification && <CertificationRule certification={overview.data.certification} />}
    </Page>
  );
}

/** For those who plan training: the yearly rule (courses without a session this year) and new employees without training. */
function TrainingToPlan({ training }: { training: NonNullable<Overview['training']> }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="overview-training">
      <Text component="h2" id="overview-training" fw={700} size="lg" mb="sm">
        {t('overview.training.heading')}
      </Text>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Card withBorder radius="md" padding="lg">
          <Text fw={500} mb="xs">
            {t('overview.training.coursesWithoutSession')}
          </Text>
          {training.coursesWithoutSession.length === 0 ? (
            <Text>{t('overview.training.allPlanned')}</Text>
          ) : (
            <>
              <List mb="sm">
                {training.coursesWithoutSession.map((course) => (
                  <List.Item key={course.id}>{course.name}</List.Item>
                ))}
              </List>
              <AnchorLink to="/training-sessions">{t('overview.training.planSession')}</AnchorLink>
            </>
          )}
        </Card>
        <Card withBorder radius="md" padding="lg">
          <Text size="2rem" fw={700} lh={1.2} c="indigo.8">
            {formatNumber(training.newUntrained.count)}
          </Text>
          <Text fw={500}>{t('overview.training.newUntrained')}</Text>
          <Text size="sm" mb="xs">
            {t('overview.training.newUntrainedHint', { months: training.newUntrained.months })}
          </Text>
          {training.newUntrained.count > 0 && <AnchorLink to="/coverage">{t('overview.training.showAll')}</AnchorLink>}
        </Card>
      </SimpleGrid>
    </section>
  );
}

/** The rule that every unit working with children and youth be certified: how many are not, and how many have slipped. */
function CertificationRule({ certification }: { certification: NonNullable<Overview['certification']> }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="overview-certification">
      <Text component="h2" id="overview-certification" fw={700} size="lg" mb="sm">
        {t('overview.certification.heading')}
      </Text>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Card withBorder radius="md" padding="lg">
          <Text size="2rem" fw={700} lh={1.2} c="indigo.8">
            {formatNumber(certification.missing)}
          </Text>
          <Text fw={500}>{t('overview.certification.missing', { total: formatNumber(certification.childrenUnits) })}</Text>
          <AnchorLink to="/certification" mt="xs">
            {t('overview.certification.show')}
          </AnchorLink>
        </Card>
        <Card withBorder radius="md" padding="lg">
          <Text size="2rem" fw={700} lh={1.2} c="indigo.8">
            {formatNumber(certification.belowThreshold)}
          </Text>
          <Text fw={500}>{t('overview.certification.belowThreshold')}</Text>
          <Text size="sm">{t('overview.certification.belowThresholdHint')}</Text>
        </Card>
      </SimpleGrid>
    </section>
  );
}
