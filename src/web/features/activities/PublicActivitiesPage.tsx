import { Anchor, Group, List, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, Page } from '../../components/Page';
import { PublicLayout } from '../../components/PublicLayout';
import { formatLongDate } from '../../components/format';
import { usePublicActivities } from './api';
import { BreakList, OccurrenceStatus, useScheduleText } from './parts';

/** For anyone, without logging in: the activities with their upcoming occurrences, cancelled and moved ones marked. */
export function PublicActivitiesPage() {
  const { t } = useTranslation();
  const query = usePublicActivities();
  const scheduleText = useScheduleText();
  const items = query.data?.items ?? [];
  return (
    <PublicLayout size="lg">
      <Page title={t('activities.public.title')}>
        <Text>{t('activities.public.intro')}</Text>
        <ErrorAlert error={query.error} />
        {query.isPending && <Loader size="sm" aria-label={t('common.loading')} />}
        {query.isSuccess && items.length === 0 && <Text>{t('activities.public.none')}</Text>}
        {items.map((a) => (
          <Paper key={a.id} withBorder p="md" component="section" aria-labelledby={`public-activity-${a.id}`}>
            <Stack gap="xs">
              <Title order={2} size="h3" id={`public-activity-${a.id}`}>
                {a.name}
              </Title>
              {a.description && <Text>{a.description}</Text>}
              <Text>
                {scheduleText(a)}, {a.place}
              </Text>
              <BreakList breaks={a.breaks} />
              <Title order={3} size="h5">
                {t('activities.public.upcoming')}
              </Title>
              {a.occurrences.length === 0 ? (
                <Text size="sm">{t('activities.public.none')}</Text>
              ) : (
                <List spacing="xs" listStyleType="none" ml={0} pl={0}>
                  {a.occurrences.map((o) => (
                    <List.Item key={o.scheduledDate}>
                      <Group gap="xs" wrap="wrap" align="center">
                        <Text fw={500}>
                          {formatLongDate(o.date)} {o.startTime}–{o.endTime}
                        </Text>
                        {o.place !== a.place && <Text size="sm">{o.place}</Text>}
                        {o.status !== 'scheduled' && <OccurrenceStatus occurrence={o} />}
                      </Group>
                    </List.Item>
                  ))}
                </List>
              )}
            </Stack>
          </Paper>
        ))}
        <Group gap="md">
          <Anchor href="/api/public/activities.ics">{t('activities.public.calendar')}</Anchor>
          <Anchor href="/api/public/activities">{t('activities.public.json')}</Anchor>
        </Group>
      </Page>
    </PublicLayout>
  );
}
