import { Badge, Button, Checkbox, NativeSelect, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { sessionStatuses, type SessionStatus, type TrainingSession } from '#shared/contracts/training-sessions';
import { useCan, useMe } from '../../api/session';
import { Page } from '../../components/Page';
import { formatDate, formatNumber, todayInStockholm } from '../../components/format';
import { defaultPageSize, ListTable, mediumOnly, wideOnly, type SortableColumn } from '../organisation/ListTable';
import { FilterBar } from '../organisation/parts';
import { useCourseOptions, useSessionList } from './api';
import { sessionPeriods, type SessionPeriod, type SessionSearch } from './routes';
import { SessionsForm } from './SessionsForm';
import { AnchorLink } from '../../components/links';

const routeApi = getRouteApi('/app/training-sessions');

export function SessionStatusBadge({ status }: { status: SessionStatus }) {
  const { t } = useTranslation();
  return (
    <Badge
      color={status === 'planned' ? 'teal.9' : 'red.9'}
      variant={status === 'planned' ? 'filled' : 'outline'}
      radius="sm"
      miw="max-content"
    >
      {t(`trainingSessions.statuses.${status}`)}
    </Badge>
  );
}

/** A session's name: its course, and its title when it has one. */
export const sessionName = (s: Pick<TrainingSession, 'courseName' | 'title'>) =>
  s.title ? `${s.courseName} – ${s.title}` : s.courseName;

/** The session's dates: one day, or the first and last. */
export function useSessionDates() {
  const { t } = useTranslation();
  return (s: Pick<TrainingSession, 'startsOn' | 'endsOn'>) =>
    s.startsOn === s.endsOn
      ? formatDate(s.startsOn)
      : t('trainingSessions.dateRange', { from: formatDate(s.startsOn), to: formatDate(s.endsOn) });
}

/** The API's from/to and sort for a period, counted from today in Sweden. */
function periodParams(period: SessionPeriod) {
  const today = todayInStockholm();
  const year = today.slice(0, 4);
  const yesterday = new Date(`${today}T12:00:00Z`);
  yesterday.setUTCDate(yesterday.getUTCDate() - 1);
  switch (period) {
    case 'upcoming':
      return { from: today, sort: 'startsOn' };
    case 'past':
      return { to: yesterday.toISOString().slice(0, 10), sort: '-startsOn' };
    case 'thisYear':
      return { from: `${year}-01-01`, to: `${year}-12-31`, sort: 'startsOn' };
    case 'all':
      return { sort: '-startsOn' };
  }
}

export function SessionsPage() {
  const { t } = useTranslation();
  const search = routeApi.useSearch();
  const navigate = routeApi.useNavigate();
  const goTo = useNavigate();
  const can = useCan();
  const { data: me } = useMe();
  const isTrainer = (me?.roles ?? []).some((r) => r.role === 'trainer');
  const courses = useCourseOptions();
  const dates = useSessionDates();
  const [formOpened, form] = useDisclosure(false);
  const page = search.page ?? 1;
  const pageSize = search.pageSize ?? defaultPageSize;
  const period: SessionPeriod = search.period ?? 'upcoming';

  const update = (change: Partial<SessionSearch>, resetPage = true) =>
    navigate({ search: (prev) => ({ ...prev, ...(resetPage ? { page: undefined } : {}), ...change }), replace: true });

  const query = useSessionList({
    page,
    pageSize,
    courseId: search.courseId,
    status: search.status,
    trainerId: search.mine && me ? me.id : undefined,
    ...periodParams(period),
  });

  const columns: SortableColumn<TrainingSession>[] = [
    {
      accessor: 'startsOn',
      title: t('trainingSessions.dates'),
      noWrap: true,
      render: (s) => (
        <AnchorLink to="/training-sessions/$id" params={{ id: s.id }} aria-label={`${dates(s)}, ${sessionName(s)}`}>
          {dates(s)}
        </AnchorLink>
      ),
    },
    {
      accessor: 'courseName',
      title: t('trainingSessions.course'),
      render: (s) => (
        <Stack gap={0}>
          <Text size="sm">{s.courseName}</Text>
          {s.title && (
            <Text size="sm" c="var(--mantine-color-text)">
              {s.title}
            </Text>
          )}
        </Stack>
      ),
    },
    {
      accessor: 'parts',
      title: t('trainingSessions.parts'),
      visibleMediaQuery: wideOnly,
      render: (s) => t('trainingSessions.partCount', { count: s.parts.length }),
    },
    {
      accessor: 'place',
      title: t('trainingSessions.place'),
      visibleMediaQuery: mediumOnly,
      render: (s) => [...new Set(s.parts.map((p) => p.place).filter(Boolean))].join(', ') || '–',
    },
    {
      accessor: 'enrolledCount',
      title: t('trainingSessions.enrolled'),
      textAlign: 'right',
      noWrap: true,
      render: (s) => t('trainingSessions.seats', { enrolled: formatNumber(s.enrolledCount), capacity: formatNumber(s.capacity) }),
    },
    {
      accessor: 'waitingCount',
      title: t('trainingSessions.waiting'),
      textAlign: 'right',
      visibleMediaQuery: wideOnly,
      render: (s) => formatNumber(s.waitingCount),
    },
    {
      accessor: 'status',
      title: t('trainingSessions.status'),
      noWrap: true,
      render: (s) => <SessionStatusBadge status={s.status} />,
    },
  ];

  return (
    <Page
      title={t('trainingSessions.title')}
      actions={can('create', 'training_session') && <Button onClick={form.open}>{t('trainingSessions.plan')}</Button>}
    >
      <FilterBar label={t('trainingSessions.filters')}>
        <NativeSelect
          label={t('trainingSessions.course')}
          value={search.courseId ?? ''}
          onChange={(event) => update({ courseId: event.currentTarget.value || undefined })}
          data={[
            { value: '', label: t('trainingSessions.allCourses') },
            ...(courses.data?.items ?? []).map((c) => ({ value: c.id, label: c.name })),
            // An address naming a course beyond the first 200 still shows it as chosen.
            ...(search.courseId && !(courses.data?.items ?? []).some((c) => c.id === search.courseId)
              ? [{ value: search.courseId, label: query.data?.items[0]?.courseName ?? t('trainingSessions.course') }]
              : []),
          ]}
        />
        <NativeSelect
          label={t('trainingSessions.period')}
          value={period}
          onChange={(event) => {
            const value = event.currentTarget.value as SessionPeriod;
            update({ period: value === 'upcoming' ? undefined : value });
          }}
          data={sessionPeriods.map((p) => ({ value: p, label: t(`trainingSessions.periods.${p}`) }))}
        />
        <NativeSelect
          label={t('trainingSessions.status')}
          value={search.status ?? ''}
          onChange={(event) => update({ status: (event.currentTarget.value || undefined) as SessionStatus | undefined })}
          data={[
            { value: '', label: t('common.all') },
            ...sessionStatuses.map((s) => ({ value: s, label: t(`trainingSessions.statuses.${s}`) })),
          ]}
        />
        {isTrainer && (
          <Checkbox
            label={t('trainingSessions.mine')}
            checked={!!search.mine}
            onChange={(event) => update({ mine: event.currentTarget.checked || undefined })}
          />
        )}
      </FilterBar>
      <ListTable<TrainingSession>
        label={t('trainingSessions.tableLabel')}
        query={query}
        page={page}
        pageSize={pageSize}
        onPageChange={(value) => update({ page: value === 1 ? undefined : value }, false)}
        onPageSizeChange={(value) => update({ pageSize: value === defaultPageSize ? undefined : value })}
        columns={columns}
      />
      <SessionsForm
        opened={formOpened}
        onClose={form.close}
        courseId={search.courseId}
        onSaved={(saved) => goTo({ to: '/training-sessions/$id', params: { id: saved.id } })}
      />
    </Page>
  );
}
