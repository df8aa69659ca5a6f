import { createRoute } from '@tanstack/react-router';
import { appRoute } from '../../app/routes';
import { AuditLogPage } from './AuditLogPage';
import { parseAuditSearch } from './search';

export const auditLogRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/audit-log',
  validateSearch: parseAuditSearch,
  component: AuditLogPage,
});
