import { useState } from 'react';
import { Badge, Button, Group, NativeSelect, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { getRouteApi } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { courseTopics, type Course, type CourseTopic } from '#shared/contracts/courses';
import { useCan } from '../../api/session';
import { Page } from '../../components/Page';
import { formatNumber } from '../../components/format';
import { defaultPageSize, ListTable, mediumOnly, wideOnly, type SortableColumn } from '../organisation/ListTable';
import { FilterBar, SearchField } from '../organisation/parts';
import { useCourseList, useLevels } from './api';
import { CoursesForm, useLevelName } from './CoursesForm';
import type { CourseSearch } from './routes';
import { AnchorLink } from '../../components/links';

const routeApi = getRouteApi('/app/courses');

export function CourseActiveBadge({ active }: { active: boolean }) {
  const { t } = useTranslation();
  return (
    <Badge color={active ? 'teal.9' : 'gray.8'} variant={active ? 'filled' : 'outline'} radius="sm" miw="max-content">
      {active ? t('courses.active') : t('courses.statuses.inactive')}
    </Badge>
  );
}

export function CoursesPage() {
  const { t } = useTranslation();
  const search = routeApi.useSearch();
  const navigate = routeApi.useNavigate();
  const can = useCan();
  const levelName = useLevelName();
  const levels = useLevels();
  const [formOpened, form] = useDisclosure(false);
  const [editing, setEditing] = useState<Course | undefined>(undefined);
  const page = search.page ?? 1;
  const pageSize = search.pageSize ?? defaultPageSize;
  const sort = search.sort ?? 'name';
  const mayEdit = can('update', 'course');

  const update = (change: Partial<CourseSearch>, resetPage = true) =>
    navigate({ search: (prev) => ({ ...prev, ...(resetPage ? { page: undefined } : {}), ...change }), replace: true });

  const query = useCourseList({
    page,
    pageSize,
    sort,
    q: search.q,
    topic: search.topic,
    levelId: search.levelId,
    active: search.status === 'all' ? undefined : search.status !== 'inactive',
  });

  const open = (course?: Course) => {
    setEditing(course);
    form.open();
  };

  const columns: SortableColumn<Course>[] = [
    {
      accessor: 'name',
      title: t('courses.name'),
      sortKey: 'name',
      render: (c) => (
        <Text size="sm" fw={600}>
          {c.name}
        </Text>
      ),
    },
    {
      accessor: 'topic',
      title: t('courses.topic'),
      sortKey: 'topic',
      visibleMediaQuery: mediumOnly,
      render: (c) => t(`courses.topics.${c.topic}`),
    },
    {
      accessor: 'level',
      title: t('courses.level'),
      sortKey: 'level',
      visibleMediaQuery: wideOnly,
      render: (c) => levelName(c.level),
    },
    {
      accessor: 'hours',
      title: t('courses.hours'),
      sortKey: 'hours',
      textAlign: 'right',
      render: (c) => formatNumber(c.hours),
    },
    {
      accessor: 'completionThreshold',
      title: t('courses.thresholdShort'),
      textAlign: 'right',
      visibleMediaQuery: mediumOnly,
      render: (c) => t('courses.percent', { value: c.completionThreshold }),
    },
    { accessor: 'provider', title: t('courses.provider'), visibleMediaQuery: mediumOnly, render: (c) => c.provider ?? '–' },
    {
      accessor: 'refresherYears',
      title: t('courses.refresher'),
      visibleMediaQuery: wideOnly,
      render: (c) => (c.refresherYears ? t('courses.refresherValue', { count: c.refresherYears }) : t('courses.refresherNever')),
    },
    { accessor: 'active', title: t('courses.status'), noWrap: true, render: (c) => <CourseActiveBadge active={c.active} /> },
    {
      accessor: 'actions',
      title: t('common.actions'),
      render: (c) => (
        <Group gap="xs" wrap="nowrap">
          <AnchorLink
            to="/training-sessions"
            search={{ courseId: c.id }}
            size="sm"
            aria-label={t('courses.sessionsOf', { name: c.name })}
          >
            {t('courses.sessions')}
          </AnchorLink>
          {mayEdit && (
            <Button
              size="compact-sm"
              variant="outline"
              onClick={() => open(c)}
              aria-label={t('courses.editNamed', { name: c.name })}
            >
              {t('courses.edit')}
            </Button>
          )}
        </Group>
      ),
    },
  ];

  return (
    <Page
      title={t('courses.title')}
      actions={can('create', 'course') && <Button onClick={() => open()}>{t('courses.create')}</Button>}
    >
      <Text>{t('courses.intro')}</Text>
      <FilterBar label={t('common.filter')}>
        <SearchField label={t('courses.search')} value={search.q} onChange={(q) => update({ q })} />
        <NativeSelect
          label={t('courses.topic')}
          value={search.topic ?? ''}
          onChange={(event) => update({ topic: (event.currentTarget.value || undefined) as CourseTopic | undefined })}
          data={[
            { value: '', label: t('courses.allTopics') },
            ...courseTopics.map((topic) => ({ value: topic, label: t(`courses.topics.${topic}`) })),
          ]}
        />
        <NativeSelect
          label={t('courses.level')}
          value={search.levelId ?? ''}
          onChange={(event) => update({ levelId: event.currentTarget.value || undefined })}
          data={[
            { value: '', label: t('courses.allLevels') },
            ...(levels.data?.items ?? []).map((l) => ({ value: l.id, label: levelName(l) })),
          ]}
        />
        <NativeSelect
          label={t('courses.status')}
          value={search.status ?? 'active'}
          onChange={(event) => {
            const value = event.currentTarget.value;
            update({ status: value === 'active' ? undefined : (value as 'inactive' | 'all') });
          }}
          data={[
            { value: 'active', label: t('courses.statuses.active') },
            { value: 'inactive', label: t('courses.statuses.inactive') },
            { value: 'all', label: t('common.all') },
          ]}
        />
      </FilterBar>
      <ListTable<Course>
        label={t('courses.tableLabel')}
        query={query}
        page={page}
        pageSize={pageSize}
        sort={sort}
        onSortChange={(value) => update({ sort: value === 'name' ? undefined : value })}
        onPageChange={(value) => update({ page: value === 1 ? undefined : value }, false)}
        onPageSizeChange={(value) => update({ pageSize: value === defaultPageSize ? undefined : value })}
        columns={columns}
      />
      <CoursesForm course={editing} opened={formOpened} onClose={form.close} />
    </Page>
  );
}
