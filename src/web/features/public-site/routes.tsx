import { createRoute } from '@tanstack/react-router';
import { appRoute } from '../../app/routes';
import { PublicSiteSettingsPage } from './SettingsPage';

/** The administrator's page for the public site (the site itself is served by the server under /public). */
export const publicSiteSettingsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/public-site',
  component: PublicSiteSettingsPage,
});

export const publicSiteRoutes = [publicSiteSettingsRoute] as const;
