import { useState } from 'react';
import { Alert, Anchor, Badge, Button, Card, Group, List, Loader, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { OpenSession, SessionPartSummary, UpcomingEnrolment } from '#shared/contracts/training-records';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { formatDate, todayInStockholm } from '../../components/format';
import { errorMessage } from '../../components/forms';
import { notifyDone } from '../../components/notify';
import { ErrorAlert, Page } from '../../components/Page';
import { sessionCalendarUrl, useCancelPlace, useMyTraining, useSignUp } from './api';
import { CalendarSection } from './CalendarSection';
import { Section } from './Section';
import { dateSpan, formatHours, levelName, TrainingRecordTable } from './TrainingRecordTable';

/** "My training": one's record with certificates, one's places, the sessions open to one, and the calendar address. */
export function MyTrainingPage() {
  const { t } = useTranslation();
  const query = useMyTraining();
  const data = query.data;
  const today = todayInStockholm();

  return (
    <Page title={t('myTraining.title')}>
      {query.isPending && <Loader size="sm" aria-label={t('common.loading')} />}
      <ErrorAlert error={query.error} />
      {data && !data.employee && (
        <Alert color="indigo" variant="light" title={t('myTraining.title')}>
          <Text c="var(--mantine-color-text)">{t('myTraining.noEmployee')}</Text>
        </Alert>
      )}
      {data?.employee && (
        <>
          <Section id="my-upcoming" title={t('myTraining.upcomingHeading')}>
            <Upcoming items={data.upcoming} employeeId={data.employee.id} />
          </Section>
          <Section id="my-open" title={t('myTraining.openHeading')}>
            <OpenSessions items={data.open} />
          </Section>
          <Section id="my-record" title={t('myTraining.recordHeading')}>
            <TrainingRecordTable
              items={data.record.filter((e) => e.status === 'enrolled' && e.sessionStatus === 'planned' && e.startsOn <= today)}
              labelledBy="my-record"
              emptyText={t('myTraining.recordEmpty')}
            />
          </Section>
        </>
      )}
      {data && <CalendarSection feed={data.calendarFeed} />}
    </Page>
  );
}

function Parts({ parts }: { parts: SessionPartSummary[] }) {
  const { t } = useTranslation();
  return (
    <List size="sm" spacing={2}>
      {parts.map((part) => {
        const values = { date: formatDate(part.date), start: part.startTime, end: part.endTime, place: part.place };
        return (
          <List.Item key={part.id}>{part.place ? t('myTraining.partWithPlace', values) : t('myTraining.part', values)}</List.Item>
        );
      })}
    </List>
  );
}

const sessionName = (s: { courseName: string; sessionTitle: string | null }) =>
  s.sessionTitle ? `${s.courseName}: ${s.sessionTitle}` : s.courseName;

function Upcoming({ items, employeeId }: { items: UpcomingEnrolment[]; employeeId: string }) {
  const { t } = useTranslation();
  const cancel = useCancelPlace();
  const [chosen, setChosen] = useState<UpcomingEnrolment | null>(null);
  if (items.length === 0) return <Text>{t('myTraining.upcomingEmpty')}</Text>;
  const close = () => {
    cancel.reset();
    setChosen(null);
  };
  return (
    <>
      <Stack component="ul" gap="sm" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {items.map((item) => (
          <li key={item.enrolmentId}>
            <Card withBorder radius="md" padding="md">
              <Stack gap="xs">
                <Group justify="space-between" align="flex-start" wrap="wrap">
                  <Title order={3} size="h4">
                    {sessionName(item)}
                  </Title>
                  {item.status === 'enrolled' ? (
                    <Badge color="teal.9" variant="filled" radius="sm">
                      {t('myTraining.enrolled')}
                    </Badge>
                  ) : (
                    <Badge color="gray.8" variant="outline" radius="sm">
                      {t('myTraining.waiting', { position: item.queuePosition })}
                    </Badge>
                  )}
                </Group>
                <Parts parts={item.parts} />
                <Group gap="sm">
                  <Button
                    variant="outline"
                    color="red.9"
                    size="sm"
                    onClick={() => setChosen(item)}
                    aria-label={t('myTraining.cancelLabel', { course: sessionName(item) })}
                  >
                    {t('myTraining.cancel')}
                  </Button>
                  {item.status === 'enrolled' && (
                    <Anchor
                      href={sessionCalendarUrl(item.sessionId)}
                      size="sm"
                      aria-label={t('myTraining.addToCalendarLabel', { course: sessionName(item) })}
                    >
                      {t('myTraining.addToCalendar')}
                    </Anchor>
                  )}
                </Group>
              </Stack>
            </Card>
          </li>
        ))}
      </Stack>
      <ConfirmDialog
        opened={chosen !== null}
        title={t('myTraining.cancelTitle')}
        confirmLabel={t('myTraining.cancel')}
        danger
        loading={cancel.isPending}
        error={cancel.error ? errorMessage(cancel.error) : null}
        onClose={close}
        onConfirm={() => {
          if (!chosen) return;
          cancel.mutate(
            { sessionId: chosen.sessionId, employeeId },
            {
              onSuccess: () => {
                notifyDone(t('myTraining.done'), t('myTraining.cancelled'));
                setChosen(null);
              },
            },
          );
        }}
      >
        {chosen ? t('myTraining.cancelBody', { course: sessionName(chosen), date: formatDate(chosen.startsOn) }) : ''}
      </ConfirmDialog>
    </>
  );
}

function OpenSessions({ items }: { items: OpenSession[] }) {
  const { t } = useTranslation();
  const signUp = useSignUp();
  const [error, setError] = useState<string | null>(null);
  if (items.length === 0) return <Text>{t('myTraining.openEmpty')}</Text>;
  return (
    <Stack gap="sm">
      <ErrorAlert error={error} />
      <Stack component="ul" gap="sm" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {items.map((item) => (
          <li key={item.sessionId}>
            <Card withBorder radius="md" padding="md">
              <Stack gap="xs">
                <Title order={3} size="h4">
                  {sessionName(item)}
                </Title>
                <Text size="sm">
                  {levelName(item)} · {t('myTraining.hours', { hours: formatHours(item.totalHours) })} ·{' '}
                  {dateSpan(item.startsOn, item.endsOn)}
                </Text>
                <Parts parts={item.parts} />
                <Text size="sm" fw={500}>
                  {item.freeSeats > 0
                    ? t('myTraining.freeSeats', { count: item.freeSeats })
                    : t('myTraining.full', { count: item.waitingCount })}
                </Text>
                <Group>
                  <Button
                    size="sm"
                    loading={signUp.isPending && signUp.variables === item.sessionId}
                    aria-label={t('myTraining.signUpLabel', { course: sessionName(item), date: formatDate(item.startsOn) })}
                    onClick={() => {
                      setError(null);
                      signUp.mutate(item.sessionId, {
                        onSuccess: (result) => {
                          if (result.enrolledCount > 0) notifyDone(t('myTraining.done'), t('myTraining.signedUp'));
                          else if (result.waitingCount > 0) notifyDone(t('myTraining.done'), t('myTraining.queued'));
                          else setError(t('myTraining.signUpSkipped'));
                        },
                        onError: (caught) => setError(errorMessage(caught)),
                      });
                    }}
                  >
                    {t('myTraining.signUp')}
                  </Button>
                </Group>
              </Stack>
            </Card>
          </li>
        ))}
      </Stack>
    </Stack>
  );
}
