import { Anchor, Checkbox, Group, NativeSelect, Stack, Text } from '@mantine/core';
import { getRouteApi } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { messageKinds, messageStatuses, messageSubjects, type MessageListItem } from '#shared/contracts/messages';
import { formatDateTime } from '../../components/format';
import { Page } from '../../components/Page';
import { RequirePermission } from '../../components/RequirePermission';
import { defaultPageSize, ListTable, mediumOnly, wideOnly } from '../organisation/ListTable';
import { FilterBar } from '../organisation/parts';
import { AdministrationSelect } from '../organisation/Selects';
import { useMessageList } from './api';
import { MessageStatusBadge, OverdueBadge } from './parts';
import type { MessagesSearch } from './search';
import { AnchorLink } from '../../components/links';

const routeApi = getRouteApi('/app/messages');

/** Citizens' messages: administrators see all, a process leader those about their administration. */
export function InboxPage() {
  const { t } = useTranslation();
  return (
    <RequirePermission action="read" entity="citizen_message" title={t('messages.inbox.title')}>
      <Inbox />
    </RequirePermission>
  );
}

function Inbox() {
  const { t } = useTranslation();
  const search = routeApi.useSearch();
  const navigate = routeApi.useNavigate();
  const page = search.page ?? 1;
  const pageSize = search.pageSize ?? defaultPageSize;
  const query = useMessageList({
    page,
    pageSize,
    status: search.status,
    kind: search.kind,
    subject: search.subject,
    administrationId: search.administrationId,
    overdue: search.overdue ? 'true' : undefined,
    hateful: search.hateful ? 'true' : undefined,
  });
  const update = (change: Partial<MessagesSearch>, resetPage = true) =>
    navigate({ search: (prev) => ({ ...prev, ...(resetPage ? { page: undefined } : {}), ...change }), replace: true });
  const all = { value: '', label: t('common.all') };

  return (
    <Page
      title={t('messages.inbox.title')}
      actions={
        <Anchor href="/feedback" target="_blank" rel="noopener">
          {t('messages.inbox.publicForm')}
        </Anchor>
      }
    >
      <FilterBar label={t('common.filter')}>
        <NativeSelect
          label={t('messages.inbox.status')}
          value={search.status ?? ''}
          onChange={(event) => update({ status: messageStatuses.find((s) => s === event.currentTarget.value) })}
          data={[all, ...messageStatuses.map((s) => ({ value: s, label: t(`messages.statuses.${s}`) }))]}
        />
        <NativeSelect
          label={t('messages.inbox.kind')}
          value={search.kind ?? ''}
          onChange={(event) => update({ kind: messageKinds.find((k) => k === event.currentTarget.value) })}
          data={[all, ...messageKinds.map((k) => ({ value: k, label: t(`messages.kinds.${k}`) }))]}
        />
        <NativeSelect
          label={t('messages.inbox.subject')}
          value={search.subject ?? ''}
          onChange={(event) => update({ subject: messageSubjects.find((s) => s === event.currentTarget.value) })}
          data={[all, ...messageSubjects.map((s) => ({ value: s, label: t(`messages.subjects.${s}`) }))]}
        />
        <AdministrationSelect
          label={t('messages.inbox.administration')}
          value={search.administrationId ?? null}
          onChange={(value) => update({ administrationId: value ?? undefined })}
          clearable
        />
      </FilterBar>
      <Group gap="lg">
        <Checkbox
          label={t('messages.inbox.overdueOnly')}
          checked={search.overdue === true}
          onChange={(event) => update({ overdue: event.currentTarget.checked ? true : undefined })}
        />
        <Checkbox
          label={t('messages.inbox.hatefulOnly')}
          checked={search.hateful === true}
          onChange={(event) => update({ hateful: event.currentTarget.checked ? true : undefined })}
        />
      </Group>
      <ListTable<MessageListItem>
        label={t('messages.inbox.title')}
        query={query}
        page={page}
        pageSize={pageSize}
        onPageChange={(value) => update({ page: value === 1 ? undefined : value }, false)}
        onPageSizeChange={(value) => update({ pageSize: value === defaultPageSize ? undefined : value })}
        columns={[
          { accessor: 'createdAt', title: t('messages.inbox.received'), render: (m) => formatDateTime(m.createdAt) },
          {
            accessor: 'excerpt',
            title: t('messages.inbox.text'),
            render: (m) => (
              <Stack gap={4}>
                <AnchorLink to="/messages/$id" params={{ id: m.id }} style={{ overflowWrap: 'anywhere' }}>
                  {t(`messages.kinds.${m.kind}`)}: {m.excerpt}
                </AnchorLink>
                <OverdueBadge overdue={m.overdue} />
              </Stack>
            ),
          },
          {
            accessor: 'subject',
            title: t('messages.inbox.subject'),
            visibleMediaQuery: mediumOnly,
            render: (m) => t(`messages.subjects.${m.subject}`),
          },
          {
            accessor: 'administrationName',
            title: t('messages.inbox.administration'),
            visibleMediaQuery: wideOnly,
            render: (m) => m.administrationName ?? <Text size="sm">{t('messages.inbox.noAdministration')}</Text>,
          },
          {
            accessor: 'assignedTo',
            title: t('messages.inbox.assignee'),
            visibleMediaQuery: mediumOnly,
            render: (m) => m.assignedTo?.name ?? t('messages.inbox.nobody'),
          },
          { accessor: 'status', title: t('messages.inbox.status'), render: (m) => <MessageStatusBadge status={m.status} /> },
        ]}
      />
    </Page>
  );
}
