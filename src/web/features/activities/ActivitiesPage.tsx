import { useState } from 'react';
import { Anchor, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, Page } from '../../components/Page';
import { RequirePermission } from '../../components/RequirePermission';
import { formatDate } from '../../components/format';
import { useCanOn } from '../organisation/api';
import { ActivityForm } from './ActivityForm';
import { useActivities } from './api';
import { BreakList, useScheduleText } from './parts';
import { AnchorLink } from '../../components/links';

/** The activities: all of them for administrators, the ones they host for hosts. */
export function ActivitiesPage() {
  const { t } = useTranslation();
  return (
    <RequirePermission action="read" entity="activity" title={t('activities.title')}>
      <Activities />
    </RequirePermission>
  );
}

function Activities() {
  const { t } = useTranslation();
  const query = useActivities();
  const mayCreate = useCanOn()('create', 'activity');
  const scheduleText = useScheduleText();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const items = query.data?.items ?? [];
  return (
    <Page
      title={t('activities.title')}
      actions={mayCreate && <Button onClick={() => setCreating(true)}>{t('activities.create')}</Button>}
    >
      <Text>{mayCreate ? t('activities.intro') : t('activities.hostIntro')}</Text>
      <ErrorAlert error={query.error} />
      {query.isSuccess && items.length === 0 && <Text>{t('activities.none')}</Text>}
      <Stack>
        {items.map((a) => (
          <Paper key={a.id} withBorder p="md" component="article" aria-labelledby={`activity-${a.id}`}>
            <Stack gap={4}>
              <Title order={2} size="h4" id={`activity-${a.id}`}>
                <AnchorLink to="/activities/$id" params={{ id: a.id }}>
                  {a.name}
                </AnchorLink>
              </Title>
              <Text size="sm">
                {scheduleText(a)}, {a.place}
              </Text>
              <Text size="sm">
                {a.endsOn
                  ? t('activities.periodTo', { from: formatDate(a.startsOn), to: formatDate(a.endsOn) })
                  : t('activities.period', { from: formatDate(a.startsOn) })}
              </Text>
              <BreakList breaks={a.breaks} />
              <Text size="sm">
                {t('activities.hosts')}: {a.hosts.length > 0 ? a.hosts.map((h) => h.name).join(', ') : t('activities.noHosts')}
              </Text>
            </Stack>
          </Paper>
        ))}
      </Stack>
      <Group gap="md">
        <AnchorLink to="/activities/upcoming">{t('activities.publicPage')}</AnchorLink>
        <Anchor href="/api/public/activities.ics">{t('activities.calendar')}</Anchor>
      </Group>
      <ActivityForm
        opened={creating}
        onClose={() => setCreating(false)}
        onSaved={(saved) => navigate({ to: '/activities/$id', params: { id: saved.id } })}
      />
    </Page>
  );
}
