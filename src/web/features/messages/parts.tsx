import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { MessageListItem, MessageStatus } from '#shared/contracts/messages';

/** White text on these shades keeps 4.5:1 (as the plans' badges). */
const statusColor: Record<MessageStatus, string> = {
  new: 'indigo.9',
  in_progress: 'grape.9',
  answered: 'teal.9',
  closed: 'gray.8',
};

export function MessageStatusBadge({ status }: { status: MessageStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={statusColor[status]} variant="filled" radius="sm" miw="max-content">
      {t(`messages.statuses.${status}`)}
    </Badge>
  );
}

/** Which response-time target is missed, if any. */
export function OverdueBadge({ overdue }: { overdue: MessageListItem['overdue'] }) {
  const { t } = useTranslation();
  if (!overdue) return null;
  return (
    <Badge color="red.9" variant="filled" radius="sm" miw="max-content">
      {t(`messages.inbox.overdue.${overdue}`)}
    </Badge>
  );
}
