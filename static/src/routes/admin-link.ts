/**
 * Links into the admin page from elsewhere (the project page). The admin page's paths are agreed
 * (AGREEMENTS.md: `/identities/:accountId?tab=`); in Jira its address is the admin page's Forge URL,
 * `/jira/settings/apps/{appId}/{envId}` followed by that path, which the local host maps as Jira does.
 * Every such link is built here, so a change of routes is one change. Pure: components/JiraLink.tsx
 * opens them.
 */
export interface AppLocation {
  /** The module's Forge localId: `ari:cloud:ecosystem::extension/{appId}/{envId}/static/{moduleKey}`. */
  localId: string;
  environmentId: string;
}

export function identityPath(accountId: string, tab?: 'projects' | 'access' | 'credentials' | 'ownership' | 'history'): string {
  return `/identities/${encodeURIComponent(accountId)}${tab ? `?tab=${tab}` : ''}`;
}

/** The admin page's address in Jira for one of its paths. */
export function adminPageUrl(app: AppLocation, path: string): string {
  const m = /extension\/([^/]+)\/([^/]+)\//.exec(app.localId);
  const appId = m?.[1] ?? (/extension\/([^/]+)/.exec(app.localId)?.[1] ?? 'app');
  const envId = m?.[2] ?? app.environmentId;
  return `/jira/settings/apps/${encodeURIComponent(appId)}/${encodeURIComponent(envId)}${path}`;
}

/** A person's Jira profile. */
export function profilePath(accountId: string): string {
  return `/jira/people/${encodeURIComponent(accountId)}`;
}
