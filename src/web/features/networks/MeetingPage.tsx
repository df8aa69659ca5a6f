import { useState } from 'react';
import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { DocumentFiles } from '../../components/DocumentFiles';
import { ErrorAlert, Page } from '../../components/Page';
import { RequirePermission } from '../../components/RequirePermission';
import { formatDateTime } from '../../components/format';
import { useMeeting, useNetworkSteps } from './api';
import { MeetingForm } from './MeetingForm';
import { AnchorLink } from '../../components/links';

const routeApi = getRouteApi('/app/networks/meetings/$id');

/** A meeting of a network: when and where, its agenda, its minutes and its attachments. */
export function MeetingPage() {
  const { t } = useTranslation();
  return (
    <RequirePermission action="read" entity="network" title={t('networks.meetings')}>
      <MeetingView />
    </RequirePermission>
  );
}

function MeetingView() {
  const { t } = useTranslation();
  const { id } = routeApi.useParams();
  const query = useMeeting(id);
  const steps = useNetworkSteps();
  const navigate = useNavigate();
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const meeting = query.data;
  if (!meeting) return <Page title={t('networks.meetings')}>{<ErrorAlert error={query.error} />}</Page>;
  return (
    <Page
      title={t('networks.meetingTitle', { date: formatDateTime(meeting.startsAt) })}
      actions={
        meeting.canEdit && (
          <>
            <Button onClick={() => setEditing(true)}>{t('networks.editMeeting')}</Button>
            <Button variant="outline" color="red.9" onClick={() => setDeleting(true)}>
              {t('networks.deleteMeeting')}
            </Button>
          </>
        )
      }
    >
      <AnchorLink to="/networks/$id" params={{ id: meeting.networkId }}>
        {t('networks.toNetwork', { name: meeting.networkName })}
      </AnchorLink>
      <Text>
        {t('networks.place')}: {meeting.place}
      </Text>
      {[
        { key: 'agenda', title: t('networks.agenda'), text: meeting.agenda, empty: t('networks.noAgenda') },
        { key: 'minutes', title: t('networks.minutes'), text: meeting.minutes, empty: t('networks.noMinutes') },
      ].map((part) => (
        <Paper key={part.key} withBorder p="md" component="section" aria-labelledby={`meeting-${part.key}`}>
          <Stack gap="xs">
            <Title order={2} size="h3" id={`meeting-${part.key}`}>
              {part.title}
            </Title>
            <Text style={{ whiteSpace: 'pre-line' }}>{part.text ?? part.empty}</Text>
          </Stack>
        </Paper>
      ))}
      <Paper withBorder p="md" component="section" aria-labelledby="meeting-attachments">
        <Stack gap="xs">
          <Title order={2} size="h3" id="meeting-attachments">
            {t('networks.attachments')}
          </Title>
          <DocumentFiles
            files={meeting.files}
            hrefOf={(f) => `/api/network-files/${f.id}`}
            attach={
              meeting.canEdit
                ? {
                    name: t('networks.attachToMeeting'),
                    pending: steps.attachToMeeting.isPending,
                    error: steps.attachToMeeting.error,
                    onFile: (file) => steps.attachToMeeting.mutate({ id: meeting.id, file }),
                  }
                : undefined
            }
            mayRemove={() => meeting.canEdit}
            onRemove={(f) => steps.removeFile.mutateAsync(f.id)}
          />
        </Stack>
      </Paper>
      <MeetingForm networkId={meeting.networkId} meeting={meeting} opened={editing} onClose={() => setEditing(false)} />
      <ConfirmDialog
        opened={deleting}
        title={t('networks.deleteMeetingTitle')}
        confirmLabel={t('networks.deleteMeeting')}
        danger
        onClose={() => setDeleting(false)}
        onConfirm={async () => {
          await steps.deleteMeeting.mutateAsync(meeting.id);
          setDeleting(false);
          await navigate({ to: '/networks/$id', params: { id: meeting.networkId } });
        }}
      >
        <Text>{t('networks.deleteMeetingText')}</Text>
      </ConfirmDialog>
      <Group />
    </Page>
  );
}
