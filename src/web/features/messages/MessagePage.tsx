import { useState } from 'react';
import { Alert, Badge, Button, Group, Loader, NativeSelect, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { getRouteApi } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { formatCertificateCode } from '#shared/contracts/training-records';
import { messageTextMax, type MessageDetail } from '#shared/contracts/messages';
import { useCan } from '../../api/session';
import { formatDateTime } from '../../components/format';
import { notifyDone } from '../../components/notify';
import { ErrorAlert, Page } from '../../components/Page';
import { RequirePermission } from '../../components/RequirePermission';
import { Facts } from '../organisation/parts';
import { changes, useMessage, useMessageChange } from './api';
import { ActionLinks, PublishExample } from './LinksAndExample';
import { MessageStatusBadge, OverdueBadge } from './parts';
import { AnchorLink } from '../../components/links';

const routeApi = getRouteApi('/app/messages/$id');

export function MessagePage() {
  const { t } = useTranslation();
  return (
    <RequirePermission action="read" entity="citizen_message" title={t('messages.inbox.title')}>
      <MessageView />
    </RequirePermission>
  );
}

function MessageView() {
  const { t } = useTranslation();
  const { id } = routeApi.useParams();
  const query = useMessage(id);
  const can = useCan();
  const m = query.data;
  const title = m ? `${t(`messages.kinds.${m.kind}`)}: ${t(`messages.subjects.${m.subject}`)}` : t('messages.inbox.title');
  return (
    <Page title={title}>
      <AnchorLink to="/messages">{t('messages.inbox.title')}</AnchorLink>
      <ErrorAlert error={query.error} />
      {query.isPending && <Loader aria-label={t('common.loading')} />}
      {m && (
        <Stack gap="lg">
          <Group gap="sm">
            <MessageStatusBadge status={m.status} />
            <OverdueBadge overdue={m.overdue} />
            {m.hateful && (
              <Badge color="red.9" variant="outline" radius="sm">
                {t('messages.inbox.hateful')}
              </Badge>
            )}
          </Group>
          <Paper withBorder p="md" aria-label={t('messages.inbox.text')} component="section">
            {m.textRemovedAt ? (
              <Text fs="italic">{t('messages.retention.textRemoved', { date: formatDateTime(m.textRemovedAt) })}</Text>
            ) : (
              <Text style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{m.text}</Text>
            )}
          </Paper>
          <Facts
            items={[
              { label: t('messages.inbox.received'), value: formatDateTime(m.createdAt) },
              { label: t('messages.inbox.administration'), value: m.administrationName ?? t('messages.inbox.noAdministration') },
              {
                label: t('messages.inbox.contact'),
                value:
                  m.contactName || m.contactEmail
                    ? [m.contactName, m.contactEmail].filter(Boolean).join(', ')
                    : m.contactRemovedAt
                      ? t('messages.retention.contactRemoved', { date: formatDateTime(m.contactRemovedAt) })
                      : t('messages.inbox.anonymous'),
              },
              { label: t('messages.inbox.code'), value: formatCertificateCode(m.code) },
              { label: t('messages.inbox.acknowledgeBy'), value: formatDateTime(m.acknowledgeBy) },
              { label: t('messages.inbox.answerBy'), value: formatDateTime(m.answerBy) },
            ]}
          />
          {m.hateful && (
            <Alert color="red" variant="light" title={t('messages.inbox.hateful')}>
              {t('messages.inbox.hatefulNotice')}
            </Alert>
          )}
          {can('update', 'citizen_message') ? <Handling message={m} /> : <Answer message={m} />}
          {can('read', 'action_plan') && <ActionLinks message={m} editable={can('update', 'citizen_message')} />}
          {can('update', 'citizen_message') && (
            <PublishExample key={`${m.answeredAt ?? ''}/${m.example?.publishedAt ?? ''}`} message={m} />
          )}
          <Notes message={m} editable={can('update', 'citizen_message')} />
        </Stack>
      )}
    </Page>
  );
}

function Answer({ message }: { message: MessageDetail }) {
  const { t } = useTranslation();
  if (!message.answer) return null;
  return (
    <section aria-labelledby="message-answer">
      <Title order={2} size="h3" id="message-answer">
        {t('messages.inbox.answer')}
      </Title>
      <Text size="sm">
        {t('messages.inbox.answeredBy', { name: message.answeredByName ?? '' })}, {formatDateTime(message.answeredAt)}
      </Text>
      <Paper withBorder p="md" mt="xs">
        <Text style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{message.answer}</Text>
      </Paper>
    </section>
  );
}

/** Acknowledge, assign, answer, close and mark hateful: for those who handle the message. */
function Handling({ message }: { message: MessageDetail }) {
  const { t } = useTranslation();
  const open = message.status !== 'closed';
  const acknowledge = useMessageChange(message.id, (id) => changes.acknowledge(id));
  const assign = useMessageChange(message.id, (id, userId: string | null) => changes.assign(id, userId));
  const answer = useMessageChange(message.id, (id, text: string) => changes.answer(id, text));
  const close = useMessageChange(message.id, (id) => changes.close(id));
  const hateful = useMessageChange(message.id, (id, value: boolean) => changes.hateful(id, value));
  const [text, setText] = useState('');
  const error = acknowledge.error ?? assign.error ?? answer.error ?? close.error ?? hateful.error;

  return (
    <Stack gap="md">
      <ErrorAlert error={error} />
      <Group gap="sm" align="end" wrap="wrap">
        <NativeSelect
          label={t('messages.inbox.assignee')}
          value={message.assignedTo?.id ?? ''}
          disabled={!open || assign.isPending}
          data={[
            { value: '', label: t('messages.inbox.nobody') },
            ...message.assignable.map((p) => ({ value: p.id, label: p.name })),
          ]}
          onChange={(event) =>
            assign.mutate(event.currentTarget.value || null, { onSuccess: () => notifyDone(t('messages.inbox.assigned'), '') })
          }
        />
        {message.status === 'new' && (
          <Button
            variant="outline"
            loading={acknowledge.isPending}
            onClick={() => acknowledge.mutate(undefined, { onSuccess: () => notifyDone(t('messages.inbox.acknowledged'), '') })}
          >
            {t('messages.inbox.acknowledge')}
          </Button>
        )}
        {open && (
          <Button
            variant="outline"
            loading={close.isPending}
            onClick={() => close.mutate(undefined, { onSuccess: () => notifyDone(t('messages.inbox.closed'), '') })}
          >
            {t('messages.inbox.close')}
          </Button>
        )}
        <Button
          variant="outline"
          color="red.9"
          loading={hateful.isPending}
          onClick={() =>
            hateful.mutate(!message.hateful, {
              onSuccess: (saved) =>
                notifyDone(saved.hateful ? t('messages.inbox.hatefulMarked') : t('messages.inbox.hatefulUnmarked'), ''),
            })
          }
        >
          {message.hateful ? t('messages.inbox.unmarkHateful') : t('messages.inbox.markHateful')}
        </Button>
      </Group>
      <Answer message={message} />
      {open && !message.hateful && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (text.trim() === '') return;
            answer.mutate(text.trim(), {
              onSuccess: () => {
                setText('');
                notifyDone(t('messages.inbox.answered'), '');
              },
            });
          }}
        >
          <Stack gap="xs">
            <Textarea
              label={t('messages.inbox.answer')}
              description={
                message.contactEmail
                  ? `${t('messages.inbox.answerHint')} ${t('messages.inbox.answerMailed')}`
                  : t('messages.inbox.answerHint')
              }
              value={text}
              onChange={(event) => setText(event.currentTarget.value)}
              autosize
              minRows={4}
              maxLength={messageTextMax}
              required
            />
            <Group>
              <Button type="submit" loading={answer.isPending}>
                {t('messages.inbox.sendAnswer')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Stack>
  );
}

function Notes({ message, editable }: { message: MessageDetail; editable: boolean }) {
  const { t } = useTranslation();
  const add = useMessageChange(message.id, (id, text: string) => changes.note(id, text));
  const [text, setText] = useState('');
  return (
    <section aria-labelledby="message-notes">
      <Title order={2} size="h3" id="message-notes">
        {t('messages.inbox.notes')}
      </Title>
      <Text size="sm" mb="xs">
        {t('messages.inbox.notesHint')}
      </Text>
      <Stack gap="xs">
        {message.notes.length === 0 && <Text size="sm">{t('messages.inbox.noNotes')}</Text>}
        {message.notes.map((note) => (
          <Paper key={note.id} withBorder p="sm">
            <Text size="sm" fw={700}>
              {note.authorName ?? ''} · {formatDateTime(note.createdAt)}
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
              {note.text}
            </Text>
          </Paper>
        ))}
        {editable && (
          <form
            onSubmit={(event) => {
              event.preventDefault();
              if (text.trim() === '') return;
              add.mutate(text.trim(), {
                onSuccess: () => {
                  setText('');
                  notifyDone(t('messages.inbox.noteAdded'), '');
                },
              });
            }}
          >
            <Stack gap="xs">
              <ErrorAlert error={add.error} />
              <Textarea
                label={t('messages.inbox.note')}
                value={text}
                onChange={(event) => setText(event.currentTarget.value)}
                autosize
                minRows={2}
                maxLength={5000}
                required
              />
              <Group>
                <Button type="submit" variant="outline" loading={add.isPending}>
                  {t('messages.inbox.addNote')}
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Stack>
    </section>
  );
}
