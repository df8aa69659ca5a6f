import type { ReactNode } from 'react';
import { createRoute } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { appRoute } from '../../app/routes';
import { parseListSearch } from '../../components/list';
import { RequirePermission } from '../../components/RequirePermission';
import { ImportPage } from './ImportPage';
import { ImportsPage } from './ImportsPage';

export type ImportsSearch = { page?: number; pageSize?: number };

/** Importing is for those who may create employees: administrators and training coordinators (the server says 403 to others). */
function Guarded({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <RequirePermission action="create" entity="employee" title={t('imports.title')}>
      {children}
    </RequirePermission>
  );
}

/** The employee import: the history with the upload form, and one import (preview, commit, progress, result). */
export const importsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/employees/imports',
  validateSearch: (search: Record<string, unknown>): ImportsSearch => {
    const { page, pageSize } = parseListSearch(search);
    return { page, pageSize };
  },
  component: () => (
    <Guarded>
      <ImportsPage />
    </Guarded>
  ),
});

export const importRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/employees/imports/$id',
  component: () => (
    <Guarded>
      <ImportPage />
    </Guarded>
  ),
});

export const importRoutes = [importsRoute, importRoute] as const;
