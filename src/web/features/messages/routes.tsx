import { createRoute } from '@tanstack/react-router';
import { appRoute } from '../../app/routes';
import { InboxPage } from './InboxPage';
import { MessagePage } from './MessagePage';
import { parseMessagesSearch } from './search';

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

/** Citizens' messages for staff: the inbox and one message. (The citizens' own pages are served by the server at /feedback.) */
export const messageRoutes = [inboxRoute, messageRoute] as const;
