/**
 * The Jira site the page runs in (from the Forge context; App.tsx sets it once), so that links to
 * Jira pages carry a full address in their href while the bridge's router opens them.
 */
let site = '';

export function setSiteUrl(siteUrl: string): void {
  site = siteUrl.replace(/\/+$/, '');
}

/** The full address of a path on the site; an absolute address (a runbook) is kept as it is. */
export function siteHref(path: string): string {
  if (/^https?:\/\//i.test(path)) return path;
  return `${site}${path.startsWith('/') ? '' : '/'}${path}`;
}
