import type { ReactNode } from 'react';
import { Alert, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Action, Entity } from '#shared/permissions';
import { useCan, useMe } from '../api/session';
import { Page } from './Page';

/**
 * A page for those with a permission only. Anyone else who finds its address gets a plain answer,
 * under the page's own title, instead of an empty list and an error; the server refuses them anyway.
 */
export function RequirePermission({
  action,
  entity,
  title,
  children,
}: {
  action: Action;
  entity: Entity;
  title: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const can = useCan();
  if (!me) return null;
  if (can(action, entity)) return <>{children}</>;
  return (
    <Page title={title}>
      <Alert color="indigo" variant="light" title={t('access.deniedTitle')}>
        <Text size="sm">{t('access.denied')}</Text>
      </Alert>
    </Page>
  );
}
