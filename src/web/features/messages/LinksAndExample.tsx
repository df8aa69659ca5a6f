import { useState } from 'react';
import { Anchor, Button, Group, List, Loader, Paper, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { messageTextMax, type ActionOption, type MessageDetail } from '#shared/contracts/messages';
import { formatDateTime } from '../../components/format';
import { notifyDone } from '../../components/notify';
import { ErrorAlert } from '../../components/Page';
import { changes, useLinkableActions, useMessageChange } from './api';
import { AnchorLink } from '../../components/links';

/** Where an action sits: its plan (and version, and whether draft or adopted), its goal, and who owns the plan. */
function ActionPlace({ action }: { action: ActionOption }) {
  const { t } = useTranslation();
  return (
    <Text size="sm" c="dark.6">
      {t('messages.links.plan', { plan: action.planName, version: action.planVersion })} (
      {t(`messages.links.planStatus.${action.planStatus}`, { defaultValue: action.planStatus })}
      {action.ownerName ? `, ${action.ownerName}` : ''}) · {t('messages.links.goal', { goal: action.goalTitle })}
    </Text>
  );
}

/**
 * The plan actions the message is linked to, with a search to link another (for those who handle
 * the message); each link can be removed. The link is to the action's lineage: it follows the plan's
 * new versions, and shows the action in the newest version that holds it.
 */
export function ActionLinks({ message, editable }: { message: MessageDetail; editable: boolean }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q.trim(), 300);
  const found = useLinkableActions(editable ? debounced : '');
  const link = useMessageChange(message.id, (id, actionId: string) => changes.link(id, actionId));
  const unlink = useMessageChange(message.id, (id, linkId: string) => changes.unlink(id, linkId));
  const linked = new Set(message.links.map((l) => l.actionLineageId));
  const offered = (found.data?.items ?? []).filter((a) => !linked.has(a.actionLineageId));
  return (
    <section aria-labelledby="message-links">
      <Title order={2} size="h3" id="message-links">
        {t('messages.links.title')}
      </Title>
      <Text size="sm" mb="xs">
        {t('messages.links.hint')}
      </Text>
      <Stack gap="xs">
        <ErrorAlert error={link.error ?? unlink.error} />
        {message.links.length === 0 && <Text size="sm">{t('messages.links.none')}</Text>}
        {message.links.map((l) => (
          <Paper key={l.id} withBorder p="sm" component="article" aria-label={l.actionTitle}>
            <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
              <Stack gap={2}>
                <AnchorLink to="/plans/$id" params={{ id: l.planId }} fw={700}>
                  {l.actionTitle}
                </AnchorLink>
                <ActionPlace action={l} />
                <Text size="xs" c="dark.6">
                  {t('messages.links.linkedBy', { name: l.linkedByName ?? '' })}, {formatDateTime(l.createdAt)}
                </Text>
              </Stack>
              {editable && (
                <Button
                  size="xs"
                  variant="default"
                  loading={unlink.isPending && unlink.variables === l.id}
                  aria-label={t('messages.links.removeAction', { action: l.actionTitle })}
                  onClick={() => unlink.mutate(l.id, { onSuccess: () => notifyDone(t('messages.links.removed'), l.actionTitle) })}
                >
                  {t('messages.links.remove')}
                </Button>
              )}
            </Group>
          </Paper>
        ))}
        {editable && (
          <>
            <TextInput
              label={t('messages.links.search')}
              description={t('messages.links.searchHint')}
              value={q}
              onChange={(event) => setQ(event.currentTarget.value)}
              maxLength={200}
              type="search"
              maw={480}
            />
            {found.isFetching && <Loader size="sm" aria-label={t('common.loading')} />}
            {debounced.length >= 2 && found.data && (
              <div role="region" aria-label={t('messages.links.results')} aria-live="polite">
                {offered.length === 0 ? (
                  <Text size="sm">{t('messages.links.noResults')}</Text>
                ) : (
                  <List listStyleType="none" spacing="xs" p={0}>
                    {offered.map((a) => (
                      <List.Item key={a.actionId}>
                        <Group gap="sm" wrap="nowrap" align="flex-start">
                          <Button
                            size="xs"
                            variant="outline"
                            loading={link.isPending && link.variables === a.actionId}
                            aria-label={t('messages.links.linkAction', { action: a.actionTitle })}
                            onClick={() =>
                              link.mutate(a.actionId, {
                                onSuccess: () => notifyDone(t('messages.links.linked'), a.actionTitle),
                              })
                            }
                          >
                            {t('messages.links.link')}
                          </Button>
                          <Stack gap={0}>
                            <Text size="sm" fw={700} style={{ overflowWrap: 'anywhere' }}>
                              {a.actionTitle}
                            </Text>
                            <ActionPlace action={a} />
                          </Stack>
                        </Group>
                      </List.Item>
                    ))}
                  </List>
                )}
              </div>
            )}
          </>
        )}
      </Stack>
    </section>
  );
}

/**
 * Publishing the answer among the examples on the public site: the question and the answer in a
 * public wording, pre-filled from the message and its answer so that staff remove what would tell who
 * wrote it (the server refuses the sender's name or email). Never for a hateful message.
 */
export function PublishExample({ message }: { message: MessageDetail }) {
  const { t } = useTranslation();
  const publish = useMessageChange(message.id, (id, body: { question: string; answer: string }) => changes.publish(id, body));
  const unpublish = useMessageChange(message.id, (id) => changes.unpublish(id));
  const [question, setQuestion] = useState(message.example?.question ?? message.text);
  const [answer, setAnswer] = useState(message.example?.answer ?? message.answer ?? '');
  const unavailable = message.hateful
    ? t('messages.examples.hateful')
    : !message.answer || message.textRemovedAt
      ? t('messages.examples.notAnswered')
      : null;
  const fieldError = (field: 'question' | 'answer') => {
    const error = publish.error as { details?: { path: string; message: string }[] } | null;
    return error?.details?.find((d) => d.path === `body.${field}`)?.message;
  };
  return (
    <section aria-labelledby="message-example">
      <Title order={2} size="h3" id="message-example">
        {t('messages.examples.staffTitle')}
      </Title>
      <Text size="sm" mb="xs">
        {t('messages.examples.staffHint')}
      </Text>
      {message.example && (
        <Text size="sm" fw={700} mb="xs">
          {t('messages.examples.publishedNotice', { date: formatDateTime(message.example.publishedAt) })}{' '}
          <Anchor href="/feedback/examples" target="_blank">
            {t('messages.examples.viewPublic')}
          </Anchor>
        </Text>
      )}
      {unavailable ? (
        <Text size="sm">{unavailable}</Text>
      ) : (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (question.trim() === '' || answer.trim() === '') return;
            publish.mutate(
              { question: question.trim(), answer: answer.trim() },
              { onSuccess: () => notifyDone(t('messages.examples.published'), '') },
            );
          }}
        >
          <Stack gap="xs">
            <ErrorAlert error={publish.error ?? unpublish.error} />
            <Textarea
              label={t('messages.examples.questionLabel')}
              value={question}
              onChange={(event) => setQuestion(event.currentTarget.value)}
              autosize
              minRows={3}
              maxLength={messageTextMax}
              required
              error={fieldError('question')}
            />
            <Textarea
              label={t('messages.examples.answerLabel')}
              value={answer}
              onChange={(event) => setAnswer(event.currentTarget.value)}
              autosize
              minRows={3}
              maxLength={messageTextMax}
              required
              error={fieldError('answer')}
            />
            <Group>
              <Button type="submit" loading={publish.isPending}>
                {message.example ? t('messages.examples.update') : t('messages.examples.publish')}
              </Button>
              {message.example && (
                <Button
                  variant="default"
                  loading={unpublish.isPending}
                  onClick={() =>
                    unpublish.mutate(undefined, { onSuccess: () => notifyDone(t('messages.examples.unpublished'), '') })
                  }
                >
                  {t('messages.examples.unpublish')}
                </Button>
              )}
            </Group>
          </Stack>
        </form>
      )}
    </section>
  );
}
