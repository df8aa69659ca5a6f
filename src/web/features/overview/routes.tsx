import { createRoute } from '@tanstack/react-router';
import { appRoute } from '../../app/routes';
import { OverviewPage } from './OverviewPage';

export const overviewRoute = createRoute({ getParentRoute: () => appRoute, path: '/', component: OverviewPage });
