import type { UserOption } from '../../contract';
import { INTERACTIVE, JiraClient } from '../../jira/client';
import { TenantCache } from '../../jira/tenant';
import { getUserStatus } from '../../jira/user-get';
import { readPeopleCards, rememberPeople } from '../../registry/people-cards';
import { enqueuePeopleRequest } from '../../scan/queue';

// Per installation (the same account id names different people on different sites' pages, and one
// runtime serves many installations), ten minutes, a bounded number in all.
const cache = new TenantCache<{ user: UserOption | null }>(10 * 60_000, 5_000);

/**
 * Display names of a few people for the admin page (owners, backups, contacts), at most `max` per
 * call. A page view (`lookup: 'background'`, the default) spends no Jira points: names come from
 * the people cards the app stored when it last saw each person, and the people it has no card for
 * are looked up in the background (their names show on the next view). An admin's action
 * (`lookup: 'now'`) looks the missing ones up at once, as the app (3 points each). Remembered for
 * ten minutes per installation. People Jira cannot tell us about, or beyond `max`, are left out.
 */
export async function peopleNames(accountIds: ReadonlyArray<string | null | undefined>, max = 20, lookup: 'background' | 'now' = 'background'): Promise<Map<string, UserOption>> {
  const unique = [...new Set(accountIds.filter((id): id is string => !!id && id !== 'app'))];
  const out = new Map<string, UserOption>();
  let missing: string[] = [];
  for (const id of unique) {
    const hit = cache.get(id);
    if (hit) {
      if (hit.user) out.set(id, hit.user);
    } else missing.push(id);
  }
  if (missing.length === 0) return out;
  const cards = await readPeopleCards(missing.slice(0, max));
  for (const [id, card] of cards) {
    const user: UserOption = { accountId: id, displayName: card.displayName, active: card.active, email: card.email, avatarUrl: card.avatarUrl ?? null };
    cache.set(id, { user });
    out.set(id, user);
  }
  missing = missing.filter((id) => !cards.has(id)).slice(0, max);
  if (missing.length === 0) return out;
  if (lookup === 'background') {
    await enqueuePeopleRequest(missing).catch((e: unknown) => console.warn(`[people] could not ask for a background lookup: ${e instanceof Error ? e.message : String(e)}`));
    return out;
  }
  const client = new JiraClient(INTERACTIVE);
  await Promise.all(
    missing.map(async (id) => {
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
