import type { ReactNode } from 'react';
import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TrainingSession } from '#shared/contracts/training-sessions';
import { formatDate, formatNumber } from '../../components/format';
import { AnchorLink } from '../../components/links';

/** Minutes as hours with at most one decimal (90 -> 1,5 h). */
export function formatHours(minutes: number): string {
  return formatNumber(Math.round(minutes / 6) / 10);
}

/** The session's name as the pages show it: its own title, else the course's, with the first day. */
export function sessionName(session: Pick<TrainingSession, 'title' | 'courseName' | 'startsOn'>): string {
  return `${session.title ?? session.courseName} (${formatDate(session.startsOn)})`;
}

export function BackToSession({ sessionId, children }: { sessionId: string; children: ReactNode }) {
  return (
    <AnchorLink to="/training-sessions/$id" params={{ id: sessionId }} size="sm">
      <span aria-hidden="true">← </span>
      {children}
    </AnchorLink>
  );
}

export function CompletedBadge({ completed }: { completed: boolean }) {
  const { t } = useTranslation();
  return (
    <Badge color={completed ? 'teal.9' : 'gray.8'} variant={completed ? 'filled' : 'outline'} radius="sm" miw="max-content">
      {completed ? t('enrolments.completed') : t('enrolments.notCompleted')}
    </Badge>
  );
}
