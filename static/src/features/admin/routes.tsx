import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import { matchPath } from '../../app/paths';

/**
 * The admin page's addresses (AGREEMENTS.md, "Routing and URLs"). To add a view: add its section
 * (if it has a place in the navigation) and its route here; the page shell does the rest.
 */

export type AdminSection = 'overview' | 'identities' | 'credentials' | 'expiring' | 'heatmap' | 'settings' | 'campaigns';

/** The navigation, in order. */
export const ADMIN_SECTIONS: ReadonlyArray<{ key: AdminSection; label: string; path: string }> = [
  { key: 'overview', label: 'Overview', path: '/' },
  { key: 'identities', label: 'Identities', path: '/identities' },
  { key: 'credentials', label: 'Credentials', path: '/credentials' },
  { key: 'expiring', label: 'Expiring soon', path: '/expiring' },
  { key: 'heatmap', label: 'Heat map', path: '/heatmap' },
  { key: 'campaigns', label: 'Campaigns', path: '/campaigns' },
  { key: 'settings', label: 'Settings', path: '/settings' },
];

export interface RouteProps {
  params: Record<string, string>;
}

export interface AdminRoute {
  path: string;
  section: AdminSection;
  view: LazyExoticComponent<ComponentType<RouteProps>> | ComponentType<RouteProps>;
}

// Every view but the first loads on first use, keeping the first render small.
export const ADMIN_ROUTES: AdminRoute[] = [
  { path: '/', section: 'overview', view: lazy(() => import('./views/OverviewView')) },
  { path: '/identities', section: 'identities', view: lazy(() => import('./views/IdentitiesView')) },
  { path: '/identities/:accountId', section: 'identities', view: lazy(() => import('./views/IdentityView')) },
  { path: '/credentials', section: 'credentials', view: lazy(() => import('./views/CredentialsRoute')) },
  { path: '/campaigns', section: 'campaigns', view: lazy(() => import('./views/CampaignsRoute')) },
  { path: '/campaigns/:id', section: 'campaigns', view: lazy(() => import('./views/CampaignsRoute')) },
  { path: '/expiring', section: 'expiring', view: lazy(() => import('./views/ExpiringView')) },
  { path: '/heatmap', section: 'heatmap', view: lazy(() => import('./views/HeatMapRoute')) },
  { path: '/settings', section: 'settings', view: lazy(() => import('./views/SettingsView')) },
];

export function findAdminRoute(pathname: string): { route: AdminRoute; params: Record<string, string> } | null {
  for (const route of ADMIN_ROUTES) {
    const params = matchPath(route.path, pathname);
    if (params) return { route, params };
  }
  return null;
}
