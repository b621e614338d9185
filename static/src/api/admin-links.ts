import { router } from '@forge/bridge';

/**
 * Atlassian Administration pages, opened in a new tab with the bridge's router. The app never
 * rotates or revokes anything itself: admins do that in Atlassian Administration.
 */
export const ADMIN_LINKS = {
  home: 'https://admin.atlassian.com/',
  serviceAccounts: 'https://admin.atlassian.com/',
  apiTokens: 'https://admin.atlassian.com/',
} as const;

/** The organization's page when its id is known (admin sync settings), else Administration's home. */
export function adminUrl(kind: 'serviceAccounts' | 'apiTokens', orgId: string | null): string {
  if (!orgId) return ADMIN_LINKS[kind];
  const org = encodeURIComponent(orgId);
  return kind === 'serviceAccounts' ? `https://admin.atlassian.com/o/${org}/directory/service-accounts` : `https://admin.atlassian.com/o/${org}/api-tokens`;
}

export async function openExternal(url: string): Promise<void> {
  await router.open(url);
}
