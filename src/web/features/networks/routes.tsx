import { createRoute } from '@tanstack/react-router';
import { appRoute } from '../../app/routes';
import { MeetingPage } from './MeetingPage';
import { MyInvitationsPage } from './MyInvitationsPage';
import { NetworkPage } from './NetworkPage';
import { NetworksPage } from './NetworksPage';

export const networksRoute = createRoute({ getParentRoute: () => appRoute, path: '/networks', component: NetworksPage });
/** The unit manager's invitations, answered here (the mail links to this page). */
export const networkInvitationsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/networks/invitations',
  component: MyInvitationsPage,
});
export const networkMeetingRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/networks/meetings/$id',
  component: MeetingPage,
});
export const networkRoute = createRoute({ getParentRoute: () => appRoute, path: '/networks/$id', component: NetworkPage });

export const networkRoutes = [networksRoute, networkInvitationsRoute, networkMeetingRoute, networkRoute] as const;
