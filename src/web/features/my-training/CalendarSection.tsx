import { useState } from 'react';
import { Button, CopyButton, Group, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CalendarFeedCreated } from '#shared/contracts/training-records';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { formatDateTime } from '../../components/format';
import { errorMessage } from '../../components/forms';
import { notifyDone } from '../../components/notify';
import { ErrorAlert } from '../../components/Page';
import { useCreateCalendarFeed, useDeleteCalendarFeed } from './api';
import { Section } from './Section';

/**
 * The personal calendar subscription: make (or replace) the secret address, shown once to copy into
 * Outlook or another calendar, or remove it.
 */
export function CalendarSection({ feed }: { feed: { createdAt: string } | null }) {
  const { t } = useTranslation();
  const create = useCreateCalendarFeed();
  const remove = useDeleteCalendarFeed();
  const [created, setCreated] = useState<CalendarFeedCreated | null>(null);
  const [confirming, setConfirming] = useState(false);

  return (
    <Section id="my-calendar" title={t('calendar.heading')}>
      <Text>{t('calendar.intro')}</Text>
      <ErrorAlert error={create.error ? errorMessage(create.error) : null} />
      {created ? (
        <Stack gap="xs">
          <Group align="flex-end" gap="sm" wrap="wrap">
            <TextInput
              label={t('calendar.address')}
              value={created.url}
              readOnly
              onFocus={(event) => event.currentTarget.select()}
              style={{ flex: '1 1 20rem' }}
            />
            <CopyButton value={created.url}>
              {({ copied, copy }) => (
                <Button variant={copied ? 'filled' : 'outline'} color={copied ? 'teal.9' : undefined} onClick={copy}>
                  {copied ? t('calendar.copied') : t('calendar.copy')}
                </Button>
              )}
            </CopyButton>
          </Group>
          <Text size="sm">{t('calendar.shownOnce')}</Text>
        </Stack>
      ) : (
        <Text>{feed ? t('calendar.active', { date: formatDateTime(feed.createdAt) }) : t('calendar.none')}</Text>
      )}
      <Group gap="sm">
        <Button
          loading={create.isPending}
          variant={feed ? 'outline' : 'filled'}
          onClick={() => create.mutate(undefined, { onSuccess: (result) => setCreated(result) })}
        >
          {feed ? t('calendar.replace') : t('calendar.create')}
        </Button>
        {feed && (
          <Button variant="outline" color="red.9" onClick={() => setConfirming(true)}>
            {t('calendar.revoke')}
          </Button>
        )}
      </Group>
      {feed && <Text size="sm">{t('calendar.replaceHint')}</Text>}
      <ConfirmDialog
        opened={confirming}
        title={t('calendar.revokeTitle')}
        confirmLabel={t('calendar.revoke')}
        danger
        loading={remove.isPending}
        error={remove.error ? errorMessage(remove.error) : null}
        onClose={() => {
          remove.reset();
          setConfirming(false);
        }}
        onConfirm={() =>
          remove.mutate(undefined, {
            onSuccess: () => {
              setCreated(null);
              setConfirming(false);
              notifyDone(t('myTraining.done'), t('calendar.revoked'));
            },
          })
        }
      >
        {t('calendar.revokeBody')}
      </ConfirmDialog>
    </Section>
  );
}
