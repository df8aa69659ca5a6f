import { createRoute } from '@tanstack/react-router';
import { appRoute } from '../../app/routes';
import { CoveragePage } from './CoveragePage';
import { parseCoverageSearch } from './search';

export const coverageRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/coverage',
  validateSearch: parseCoverageSearch,
  component: CoveragePage,
});
