import { Badge, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Occurrence } from '#shared/contracts/activities';
import { formatDate } from '../../components/format';

/** "Every Wednesday 17:00–20:00" in the person's language. */
export function useScheduleText() {
  const { t } = useTranslation();
  return (a: { weekday: number; startTime: string; endTime: string }) =>
    t('activities.schedule', { weekday: t(`activities.weekdays.${a.weekday}`), start: a.startTime, end: a.endTime });
}

/** The breaks as a short list: "Sommaruppehåll: 2026-06-15 – 2026-08-16". */
export function BreakList({ breaks }: { breaks: { fromDate: string; toDate: string; label: string | null }[] }) {
  const { t } = useTranslation();
  if (breaks.length === 0) return null;
  return (
    <Text size="sm">
      {breaks
        .map((b) =>
          t('activities.breakItem', {
            label: b.label ?? t('activities.breakDefault'),
            from: formatDate(b.fromDate),
            to: formatDate(b.toDate),
          }),
        )
        .join('; ')}
    </Text>
  );
}

/** An occurrence's status as a badge with words (never colour alone), with the reason or where it came from. */
export function OccurrenceStatus({ occurrence }: { occurrence: Occurrence }) {
  const { t } = useTranslation();
  const colour = occurrence.status === 'cancelled' ? 'red.9' : occurrence.status === 'moved' ? 'orange.9' : 'teal.9';
  return (
    <>
      <Badge color={colour} variant="light">
        {t(`activities.statuses.${occurrence.status}`)}
      </Badge>
      {occurrence.status === 'moved' && (
        <Text size="xs">{t('activities.movedFrom', { date: formatDate(occurrence.scheduledDate) })}</Text>
      )}
      {occurrence.reason && <Text size="xs">{occurrence.reason}</Text>}
    </>
  );
}
