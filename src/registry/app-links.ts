import { getAppContext } from '@forge/api';

/**
 * Links from Jira work items into the app. A Forge global page lives at
 * `{site}/jira/apps/{appId}/{environmentId}` and the rest of the path is the page's own route
 * (the local host maps the same URL to /my/<path>).
 */
export function globalPageUrl(siteUrl: string, path: string): string {
  const context = getAppContext();
  const appId = (context.appAri as { appId?: string }).appId ?? 'app';
  const environmentId = (context.environmentAri as { environmentId?: string }).environmentId ?? 'env';
  return `${siteUrl.replace(/\/+$/, '')}/jira/apps/${appId}/${environmentId}${path.startsWith('/') ? path : `/${path}`}`;
}
