import { createRoute } from '@tanstack/react-router';
import { appRoute } from '../../app/routes';
import { OutboxPage } from './OutboxPage';
import { parseOutboxSearch } from './search';

export const outboxRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/outbox',
  validateSearch: parseOutboxSearch,
  component: OutboxPage,
});
