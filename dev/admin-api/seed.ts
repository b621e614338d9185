import type { SimSite } from '../sim';

/** One user API token as the Admin API lists it (api-access v1, api-tokens). */
export interface AdminApiToken {
  id: string;
  label: string;
  status: 'ALLOWED' | 'REVOKED';
  createdAt: string;
  expiresAt: string;
  lastActiveAt: string | null;
  user: { id: string; orgId: string; name: string; email: string | null };
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
 * Tokens for some of the simulated site's accounts, read from the site itself through its REST
 * handler (as the app): every service account and every fourth active person. Deterministic for a
 * given site and day.
 */
export async function seedTokens(sim: SimSite, orgId: string, now: number): Promise<AdminApiToken[]> {
  const users: SiteUser[] = [];
  for (let startAt = 0; ; startAt += 1000) {
    const query = new URLSearchParams({ startAt: String(startAt), maxResults: '1000' });
    const r = await sim.handle({ method: 'GET', path: '/rest/api/3/users/search', query, caller: { kind: 'app' } });
    const page = Array.isArray(r.body) ? (r.body as SiteUser[]) : [];
    users.push(...page);
    if (r.status !== 200 || page.length < 1000) break;
  }
  const people = users.filter((u) => u.accountType === 'atlassian' && u.active !== false);
  const owners = [...users.filter((u) => u.appType === 'service'), ...people.filter((_, i) => i % 4 === 0)];
  const today = Math.floor(now / DAY_MS) * DAY_MS;
  return owners.map((u, i) => {
    const expires = today + (EXPIRY_DAYS[i % EXPIRY_DAYS.length] ?? 90) * DAY_MS;
    return {
      id: `tok-${String(i + 1).padStart(4, '0')}`,
      label: `${LABELS[i % LABELS.length]} token`,
      status: 'ALLOWED',
      createdAt: new Date(expires - 365 * DAY_MS).toISOString(),
      expiresAt: new Date(expires).toISOString(),
      lastActiveAt: i % 5 === 4 ? null : new Date(today - (i % 3) * 40 * DAY_MS).toISOString(),
      user: { id: u.accountId, orgId, name: u.displayName ?? '', email: u.emailAddress ?? null },
    };
  });
}
