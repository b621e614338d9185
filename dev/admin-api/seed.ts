import type { SimSite } from '../sim';

/** One user API token as the Admin API lists it (api-access v1, `GET /orgs/{orgId}/api-tokens`). */
export interface AdminApiToken {
  id: string;
  label: string;
  status: 'ALLOWED' | 'REVOKED';
  createdAt: string;
  expiresAt: string;
  lastActiveAt: string | null;
  scopes: string[];
  user: { id: string; orgId: string; name: string; email: string | null };
}

/** A service account as `GET /orgs/{orgId}/service-accounts` lists it: its own id, and its Atlassian account id. */
export interface AdminServiceAccount {
  id: string;
  atlassianId: string;
  email: string;
  displayName: string;
  status: 'ACTIVE';
}

/** A service account's own credential: an API token or an OAuth 2.0 client (client credentials), never the secret. */
export interface ServiceAccountCredential {
  id: string;
  serviceAccountId: string;
  kind: 'api-token' | 'oauth-client';
  label: string;
  status: 'ALLOWED' | 'REVOKED';
  createdAt: string;
  expiresAt: string | null;
  lastActiveAt: string | null;
  scopes: string[];
}

export interface AdminSeed {
  tokens: AdminApiToken[];
  serviceAccounts: AdminServiceAccount[];
  serviceCredentials: ServiceAccountCredential[];
}

interface SiteUser {
  accountId: string;
  accountType?: string;
  appType?: string;
  displayName?: string;
  emailAddress?: string;
  active?: boolean;
}

const LABELS = ['CI pipeline', 'Reporting export', 'HR sync', 'Partner portal', 'Backup script', 'Release bot'];
const DAY_MS = 86_400_000;
// Days until expiry for the seeded tokens, cycled: expired, critical, warning and comfortable ones.
const EXPIRY_DAYS = [-3, 1, 6, 20, 45, 200, 360];

/**
 * The organization's credentials for the simulated site's accounts, read from the site through its REST
 * handler (as the app): a user API token for every fourth active person; for every service account an
 * API token and an OAuth client, listed only under that service account (the org's token list holds
 * user tokens). Deterministic for a given site and day.
 */
export async function seedAdmin(sim: SimSite, orgId: string, now: number): Promise<AdminSeed> {
  const users: SiteUser[] = [];
  for (let startAt = 0; ; startAt += 1000) {
    const query = new URLSearchParams({ startAt: String(startAt), maxResults: '1000' });
    const r = await sim.handle({ method: 'GET', path: '/rest/api/3/users/search', query, caller: { kind: 'app' } });
    const page = Array.isArray(r.body) ? (r.body as SiteUser[]) : [];
    users.push(...page);
    if (r.status !== 200 || page.length < 1000) break;
  }
  const today = Math.floor(now / DAY_MS) * DAY_MS;
  const expiry = (i: number) => today + (EXPIRY_DAYS[i % EXPIRY_DAYS.length] ?? 90) * DAY_MS;
  const people = users.filter((u) => u.accountType === 'atlassian' && u.active !== false).filter((_, i) => i % 4 === 0);
  const tokens: AdminApiToken[] = people.map((u, i) => ({
    id: `tok-${String(i + 1).padStart(4, '0')}`,
    label: `${LABELS[i % LABELS.length]} token`,
    status: 'ALLOWED',
    createdAt: new Date(expiry(i) - 365 * DAY_MS).toISOString(),
    expiresAt: new Date(expiry(i)).toISOString(),
    lastActiveAt: i % 5 === 4 ? null : new Date(today - (i % 3) * 40 * DAY_MS).toISOString(),
    scopes: [],
    user: { id: u.accountId, orgId, name: u.displayName ?? '', email: u.emailAddress ?? null },
  }));
  const services = users.filter((u) => u.appType === 'service');
  const serviceAccounts: AdminServiceAccount[] = services.map((u, i) => ({
    id: `sa-${String(i + 1).padStart(4, '0')}`,
    atlassianId: u.accountId,
    email: u.emailAddress ?? `sa-${i + 1}@serviceaccount.atlassian.com`,
    displayName: u.displayName ?? '',
    status: 'ACTIVE',
  }));
  const serviceCredentials: ServiceAccountCredential[] = serviceAccounts.flatMap((sa, i) => [
    {
      id: `satok-${String(i + 1).padStart(4, '0')}`,
      serviceAccountId: sa.id,
      kind: 'api-token' as const,
      label: `${LABELS[(i + 2) % LABELS.length]} (service token)`,
      status: 'ALLOWED' as const,
      createdAt: new Date(expiry(i + 3) - 365 * DAY_MS).toISOString(),
      expiresAt: new Date(expiry(i + 3)).toISOString(),
      lastActiveAt: new Date(today - (i % 4) * DAY_MS).toISOString(),
      scopes: ['read:jira-work', 'read:jira-user'],
    },
    {
      id: `oauth-${String(i + 1).padStart(4, '0')}`,
      serviceAccountId: sa.id,
      kind: 'oauth-client' as const,
      label: `${LABELS[(i + 4) % LABELS.length]} (OAuth client)`,
      status: 'ALLOWED' as const,
      createdAt: new Date(today - 90 * DAY_MS).toISOString(),
      expiresAt: new Date(expiry(i + 5)).toISOString(),
      lastActiveAt: null,
      scopes: ['read:jira-work', 'write:jira-work'],
    },
  ]);
  return { tokens, serviceAccounts, serviceCredentials };
}
