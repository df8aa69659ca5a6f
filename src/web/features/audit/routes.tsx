import { createRoute } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { appRoute } from '../../app/routes';
import { RequirePermission } from '../../components/RequirePermission';
import { AuditLogPage } from './AuditLogPage';
import { parseAuditSearch } from './search';

export const auditLogRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/audit-log',
  validateSearch: parseAuditSearch,
  component: Guarded,
});

function Guarded() {
  const { t } = useTranslation();
  return (
    <RequirePermission action="read" entity="audit" title={t('audit.title')}>
      <AuditLogPage />
    </RequirePermission>
  );
}
