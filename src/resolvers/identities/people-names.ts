import type { UserOption } from '../../contract';
import { INTERACTIVE, JiraClient } from '../../jira/client';
import { TenantCache } from '../../jira/tenant';
import { getUserStatus } from '../../jira/user-get';
import { rememberPeople } from '../../registry/people-cards';

// Per installation (the same account id names different people on different sites' pages, and one
// runtime serves many installations), ten minutes, a bounded number in all.
const cache = new TenantCache<{ user: UserOption | null }>(10 * 60_000, 5_000);

/**
 * Display names of a few people for the admin page (owners, backups, contacts), looked up with Jira
 * as the app (3 points each), at most `max` per call, remembered for ten minutes per installation.
 * People Jira cannot tell us about, or beyond `max`, are left out.
 */
export async function peopleNames(accountIds: ReadonlyArray<string | null | undefined>, max = 20): Promise<Map<string, UserOption>> {
  const unique = [...new Set(accountIds.filter((id): id is string => !!id && id !== 'app'))];
  const out = new Map<string, UserOption>();
  const missing: string[] = [];
  for (const id of unique) {
    const hit = cache.get(id);
    if (hit) {
      if (hit.user) out.set(id, hit.user);
    } else missing.push(id);
  }
  const client = new JiraClient(INTERACTIVE);
  await Promise.all(
    missing.slice(0, max).map(async (id) => {
      const status = await getUserStatus(client, id).catch(() => undefined);
      if (status === undefined) return; // Jira unavailable: try again next time
      const user = status ? { accountId: status.accountId, displayName: status.displayName, active: status.active, email: status.emailAddress ?? null, avatarUrl: status.avatarUrls?.['48x48'] ?? null } : null;
      if (status) await rememberPeople([status]);
      cache.set(id, { user });
      if (user) out.set(id, user);
    }),
  );
  return out;
}
