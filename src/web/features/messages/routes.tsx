import { createRoute } from '@tanstack/react-router';
import { appRoute } from '../../app/routes';
import { InboxPage } from './InboxPage';
import { MessagePage } from './MessagePage';
import { RetentionPage } from './RetentionPage';
import { parseMessagesSearch } from './search';
import { StatisticsPage } from './StatisticsPage';

export const inboxRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/messages',
  validateSearch: parseMessagesSearch,
  component: InboxPage,
});

export const messageRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/messages/$id',
  component: MessagePage,
});

export const messageStatisticsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/messages/statistics',
  component: StatisticsPage,
});

export const messageRetentionRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/messages/retention',
  component: RetentionPage,
});

/**
 * Citizens' messages for staff: the inbox, one message, the statistics and (administrators) how long
 * messages are kept. (The citizens' own pages are served by the server at /feedback.)
 */
export const messageRoutes = [inboxRoute, messageStatisticsRoute, messageRetentionRoute, messageRoute] as const;
