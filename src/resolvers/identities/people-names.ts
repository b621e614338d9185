import type { UserOption } from '../../contract';
import { INTERACTIVE, JiraClient } from '../../jira/client';
import { getUserStatus } from '../../jira/user-get';

const TTL_MS = 10 * 60_000;
const cache = new Map<string, { at: number; user: UserOption | null }>();

/**
 * Display names of a few people for the admin page (owners, backups, contacts), looked up with Jira
 * as the app (3 points each), at most `max` per call, remembered for ten minutes in this instance.
 * People Jira cannot tell us about, or beyond `max`, are left out.
 */
export async function peopleNames(accountIds: ReadonlyArray<string | null | undefined>, max = 20): Promise<Map<string, UserOption>> {
  const now = Date.now();
  const unique = [...new Set(accountIds.filter((id): id is string => !!id && id !== 'app'))];
  const out = new Map<string, UserOption>();
  const missing: string[] = [];
  for (const id of unique) {
    const hit = cache.get(id);
    if (hit && now - hit.at < TTL_MS) {
      if (hit.user) out.set(id, hit.user);
    } else missing.push(id);
  }
  const client = new JiraClient(INTERACTIVE);
  await Promise.all(
    missing.slice(0, max).map(async (id) => {
      const status = await getUserStatus(client, id).catch(() => undefined);
      if (status === undefined) return; // Jira unavailable: try again next time
      const user = status ? { accountId: status.accountId, displayName: status.displayName, active: status.active } : null;
      cache.set(id, { at: now, user });
      if (user) out.set(id, user);
    }),
  );
  return out;
}
