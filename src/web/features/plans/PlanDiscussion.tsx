import { useState } from 'react';
import { Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DiscussionItemType, PlanComment, PlanDiscussion } from '#shared/contracts/plan-discussion';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { DocumentFiles } from '../../components/DocumentFiles';
import { FormDialog } from '../../components/FormDialog';
import { ErrorAlert } from '../../components/Page';
import { formatDateTime } from '../../components/format';
import { attachmentUrl, useDiscussionChanges, usePlanDiscussion } from './discussion-api';

/** An item of the plan as the discussion names it: its type, its id in this version, its key through the versions, and its name. */
export type DiscussionItem = { type: DiscussionItemType; id: string; key: string; label: string };

function countFor(discussion: PlanDiscussion | undefined, key: string) {
  if (!discussion) return 0;
  return (
    discussion.comments.filter((c) => c.itemKey === key).length + discussion.attachments.filter((a) => a.itemKey === key).length
  );
}

/** The plan's own comments and attachments, as a section of its page. */
export function PlanDiscussionSection({ planId, item }: { planId: string; item: DiscussionItem }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="plan-discussion">
      <Title order={2} size="h3" id="plan-discussion" mb="xs">
        {t('plans.discussion.title')}
      </Title>
      <Text size="sm" mb="sm">
        {t('plans.discussion.earlierVersions')}
      </Text>
      <Thread planId={planId} item={item} />
    </Paper>
  );
}

/** A button that opens an item's comments and attachments (a goal, an action, an indicator), with how many there are. */
export function DiscussionButton({ planId, item }: { planId: string; item: DiscussionItem }) {
  const { t } = useTranslation();
  const discussion = usePlanDiscussion(planId);
  const [opened, setOpened] = useState(false);
  const count = countFor(discussion.data, item.key);
  return (
    <>
      <Button
        size="xs"
        variant="subtle"
        onClick={() => setOpened(true)}
        aria-label={t('plans.discussion.openFor', { item: item.label, count })}
      >
        {t('plans.discussion.open', { count })}
      </Button>
      <FormDialog
        opened={opened}
        onClose={() => setOpened(false)}
        size="lg"
        title={t('plans.discussion.dialogTitle', { item: item.label })}
      >
        <Thread planId={planId} item={item} />
      </FormDialog>
    </>
  );
}

function Thread({ planId, item }: { planId: string; item: DiscussionItem }) {
  const { t } = useTranslation();
  const discussion = usePlanDiscussion(planId);
  const changes = useDiscussionChanges(planId);
  const comments = discussion.data?.comments.filter((c) => c.itemKey === item.key) ?? [];
  const attachments = discussion.data?.attachments.filter((a) => a.itemKey === item.key) ?? [];
  return (
    <Stack gap="sm">
      <ErrorAlert error={discussion.error} />
      {discussion.data && comments.length === 0 && <Text size="sm">{t('plans.discussion.noComments')}</Text>}
      {comments.length > 0 && (
        <Stack component="ul" gap="xs" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {comments.map((comment) => (
            <li key={comment.id}>
              <CommentEntry planId={planId} comment={comment} />
            </li>
          ))}
        </Stack>
      )}
      <NewComment planId={planId} item={item} />
      <Title order={3} size="h5">
        {t('plans.discussion.attachments')}
      </Title>
      {discussion.data && attachments.length === 0 && <Text size="sm">{t('plans.discussion.noAttachments')}</Text>}
      <DocumentFiles
        files={attachments}
        hrefOf={(file) => attachmentUrl(file.id)}
        attach={
          discussion.data?.canAttach
            ? {
                name: t('plans.discussion.attachFor', { item: item.label }),
                pending: changes.attach.isPending,
                error: changes.attach.error,
                onFile: (file) => changes.attach.mutate({ itemType: item.type, itemId: item.id, file }),
              }
            : undefined
        }
        mayRemove={(file) => file.removable}
        onRemove={(file) => changes.removeAttachment.mutateAsync(file.id)}
      />
    </Stack>
  );
}

function CommentEntry({ planId, comment }: { planId: string; comment: PlanComment }) {
  const { t } = useTranslation();
  const changes = useDiscussionChanges(planId);
  const [editing, setEditing] = useState(false);
  const [removing, setRemoving] = useState(false);
  const when = formatDateTime(comment.createdAt);
  return (
    <Paper
      withBorder
      p="sm"
      radius="sm"
      component="article"
      aria-label={t('plans.discussion.byOn', { name: comment.authorName ?? '', date: when })}
    >
      <Stack gap={4}>
        <Text size="sm" fw={700}>
          {t('plans.discussion.byOn', { name: comment.authorName ?? t('documents.someone'), date: when })}
          {comment.editedAt && (
            <Text span size="sm" fw={400}>
              {' '}
              ({t('plans.discussion.edited', { date: formatDateTime(comment.editedAt) })})
            </Text>
          )}
        </Text>
        {editing ? (
          <CommentForm
            initial={comment.body}
            submitLabel={t('plans.discussion.save')}
            pending={changes.change.isPending}
            error={changes.change.error}
            onCancel={() => setEditing(false)}
            onSubmit={async (body) => {
              await changes.change.mutateAsync({ commentId: comment.id, body });
              setEditing(false);
            }}
          />
        ) : (
          <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {comment.body}
          </Text>
        )}
        {!editing && (comment.mine || comment.removable) && (
          <Group gap="xs">
            {comment.mine && (
              <Button size="compact-xs" variant="default" onClick={() => setEditing(true)}>
                {t('plans.discussion.edit')}
              </Button>
            )}
            {comment.removable && (
              <Button size="compact-xs" variant="default" color="red.9" onClick={() => setRemoving(true)}>
                {t('plans.discussion.remove')}
              </Button>
            )}
          </Group>
        )}
      </Stack>
      <ConfirmDialog
        opened={removing}
        title={t('plans.discussion.removeTitle')}
        confirmLabel={t('plans.discussion.remove')}
        danger
        onClose={() => setRemoving(false)}
        onConfirm={() => changes.removeComment.mutateAsync(comment.id)}
      >
        {t('plans.discussion.removeText')}
      </ConfirmDialog>
    </Paper>
  );
}

function NewComment({ planId, item }: { planId: string; item: DiscussionItem }) {
  const { t } = useTranslation();
  const changes = useDiscussionChanges(planId);
  // A new key after sending empties the form.
  const [round, setRound] = useState(0);
  return (
    <CommentForm
      key={round}
      initial=""
      submitLabel={t('plans.discussion.send')}
      pending={changes.comment.isPending}
      error={changes.comment.error}
      onSubmit={async (body) => {
        await changes.comment.mutateAsync({ itemType: item.type, itemId: item.id, body });
        setRound((n) => n + 1);
      }}
    />
  );
}

function CommentForm({
  initial,
  submitLabel,
  pending,
  error,
  onSubmit,
  onCancel,
}: {
  initial: string;
  submitLabel: string;
  pending: boolean;
  error: unknown;
  onSubmit: (body: string) => Promise<void>;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const [body, setBody] = useState(initial);
  const [fieldError, setFieldError] = useState<string | null>(null);
  return (
    <form
      noValidate
      onSubmit={async (event) => {
        event.preventDefault();
        if (!body.trim()) {
          setFieldError(t('plans.discussion.required'));
          return;
        }
        setFieldError(null);
        await onSubmit(body).catch(() => undefined);
      }}
    >
      <Stack gap="xs">
        <Textarea
          label={t('plans.discussion.comment')}
          autosize
          minRows={2}
          maxLength={4000}
          value={body}
          error={fieldError}
          onChange={(event) => setBody(event.currentTarget.value)}
        />
        <ErrorAlert error={error} />
        <Group gap="xs">
          <Button type="submit" size="xs" loading={pending}>
            {submitLabel}
          </Button>
          {onCancel && (
            <Button size="xs" variant="default" onClick={onCancel}>
              {t('plans.discussion.cancel')}
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}
