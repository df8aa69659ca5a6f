import { createRoute } from '@tanstack/react-router';
import { appRoute } from '../../app/routes';
import { AccountPage } from './AccountPage';

export const accountRoute = createRoute({ getParentRoute: () => appRoute, path: '/account', component: AccountPage });
