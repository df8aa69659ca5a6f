import { createRoute } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { appRoute } from '../../app/routes';
import { RequirePermission } from '../../components/RequirePermission';
import { OutboxPage } from './OutboxPage';
import { parseOutboxSearch } from './search';

export const outboxRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/outbox',
  validateSearch: parseOutboxSearch,
  component: Guarded,
});

function Guarded() {
  const { t } = useTranslation();
  return (
    <RequirePermission action="read" entity="outbox" title={t('outbox.title')}>
      <OutboxPage />
    </RequirePermission>
  );
}
