import { Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../components/format';
import { useActionMessages } from './api';
import { AnchorLink } from '../../components/links';

/**
 * The citizens' messages linked to an action of a plan (shown on the plan's page): how many, for
 * everyone who reads the plan, and a link to each message for those who may read it in the inbox.
 * Never the citizen's text. The links follow the action through the plan's versions.
 */
export function ActionMessages({ planId, lineageId, label }: { planId: string; lineageId: string; label: string }) {
  const { t } = useTranslation();
  const query = useActionMessages(planId);
  const entry = query.data?.items.find((i) => i.actionLineageId === lineageId);
  if (!entry) return null;
  const hidden = entry.count - entry.messages.length;
  return (
    <Group gap="xs" wrap="wrap" role="group" aria-label={`${t('messages.actionMessages.label')}: ${label}`}>
      <Text size="sm" fw={700}>
        {t('messages.actionMessages.count', { count: entry.count })}
      </Text>
      {entry.messages.map((m) => (
        <AnchorLink key={m.id} to="/messages/$id" params={{ id: m.id }} size="sm">
          {t(`messages.kinds.${m.kind}`)}, {formatDate(m.createdAt)} ({t(`messages.statuses.${m.status}`)})
        </AnchorLink>
      ))}
      {hidden > 0 && entry.messages.length > 0 && (
        <Text size="sm" c="dark.6">
          {t('messages.actionMessages.hidden', { count: hidden })}
        </Text>
      )}
    </Group>
  );
}
