import { createRoute } from '@tanstack/react-router';
import { appRoute } from '../../app/routes';
import { parseListSearch } from '../../components/list';
import { ProgrammeDetailPage } from './ProgrammeDetailPage';
import { ProgrammesPage } from './ProgrammesPage';

export const programmesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/programmes',
  validateSearch: parseListSearch,
  component: ProgrammesPage,
});

export const programmeRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/programmes/$id',
  component: ProgrammeDetailPage,
});

export const programmeRoutes = [programmesRoute, programmeRoute] as const;
