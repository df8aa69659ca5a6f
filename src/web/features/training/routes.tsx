import { createRoute } from '@tanstack/react-router';
import { courseSorts, courseTopics, type CourseTopic } from '#shared/contracts/courses';
import { sessionStatuses, type SessionStatus } from '#shared/contracts/training-sessions';
import { appRoute } from '../../app/routes';
import { parseListSearch, type ListSearch } from '../../components/list';
import { CoursesPage } from './CoursesPage';
import { SessionDetailPage } from './SessionDetailPage';
import { SessionsPage } from './SessionsPage';
import { SettingsPage } from './SettingsPage';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const uuidOf = (value: unknown) => (typeof value === 'string' && uuidPattern.test(value) ? value : undefined);
const oneOf = <T extends string>(value: unknown, allowed: readonly T[]): T | undefined =>
  typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;

/** Active courses are shown unless the address says otherwise. */
export type CourseSearch = ListSearch & { topic?: CourseTopic; levelId?: string; status?: 'inactive' | 'all' };
export function parseCourseSearch(search: Record<string, unknown>): CourseSearch {
  const list = parseListSearch(search);
  const key = list.sort?.replace(/^-/, '');
  return {
    ...list,
    sort: key && (courseSorts as readonly string[]).includes(key) ? list.sort : undefined,
    topic: oneOf(search.topic, courseTopics),
    levelId: uuidOf(search.levelId),
    status: oneOf(search.status, ['inactive', 'all'] as const),
  };
}

export const sessionPeriods = ['upcoming', 'past', 'thisYear', 'all'] as const;
export type SessionPeriod = (typeof sessionPeriods)[number];

/** Upcoming (and ongoing) sessions are shown unless the address says otherwise. */
export type SessionSearch = {
  page?: number;
  pageSize?: number;
  courseId?: string;
  period?: Exclude<SessionPeriod, 'upcoming'>;
  status?: SessionStatus;
  /** A trainer's own sessions only. */
  mine?: boolean;
};
export function parseSessionSearch(search: Record<string, unknown>): SessionSearch {
  const { page, pageSize } = parseListSearch(search);
  return {
    page,
    pageSize,
    courseId: uuidOf(search.courseId),
    period: oneOf(search.period, ['past', 'thisYear', 'all'] as const),
    status: oneOf(search.status, sessionStatuses),
    mine: search.mine === true || search.mine === 'true' ? true : undefined,
  };
}

export const coursesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/courses',
  validateSearch: parseCourseSearch,
  component: CoursesPage,
});

export const sessionsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/training-sessions',
  validateSearch: parseSessionSearch,
  component: SessionsPage,
});

export const sessionRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/training-sessions/$id',
  component: SessionDetailPage,
});

export const settingsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/training-settings',
  component: SettingsPage,
});

/** Courses, sessions and the training settings. */
export const trainingRoutes = [coursesRoute, sessionsRoute, sessionRoute, settingsRoute] as const;
