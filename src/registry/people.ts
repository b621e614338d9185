import { INTERACTIVE, JiraClient } from '../jira/client';
import { getUserStatus, type UserStatus } from '../jira/user-get';
import { invalidInput } from './errors';
import { rememberPeople } from './people-cards';

/**
 * Owners and backups must be people who exist in Jira and are active: a deactivated or app account
 * cannot answer the phone. Checked with Jira as the app, since the answer must not depend on what
 * the admin's own profile visibility allows.
 */
export async function requireActivePeople(fields: ReadonlyArray<{ field: string; accountId: string | null }>, client = new JiraClient(INTERACTIVE)): Promise<void> {
  const seen = new Map<string, Promise<UserStatus | null>>();
  for (const { accountId } of fields) if (accountId && !seen.has(accountId)) seen.set(accountId, getUserStatus(client, accountId));
  // Pages name these people later from storage, without asking Jira again.
  await rememberPeople((await Promise.all(seen.values())).filter((u): u is UserStatus => u !== null));
  for (const { field, accountId } of fields) {
    if (!accountId) continue;
    const user = await seen.get(accountId);
    if (!user) throw invalidInput(field, 'no Jira user has this account id');
    if (user.accountType !== undefined && user.accountType !== 'atlassian') throw invalidInput(field, 'must be a person, not an app or service account');
    if (!user.active) throw invalidInput(field, `${user.displayName || 'this person'} is deactivated in Jira; choose an active person`);
  }
}

/** Whether an account exists in Jira at all (any type); integration identities include app accounts. */
export async function accountExists(accountId: string, client = new JiraClient(INTERACTIVE)): Promise<boolean> {
  return (await getUserStatus(client, accountId)) !== null;
}

/** Active flags of the given people, for risks; people Jira could not tell us about are left out. */
export async function activeFlags(accountIds: readonly string[], client = new JiraClient(INTERACTIVE)): Promise<Map<string, { active: boolean }>> {
  const unique = [...new Set(accountIds)].slice(0, 20);
  const found = await Promise.all(unique.map((id) => getUserStatus(client, id).catch(() => null)));
  const out = new Map<string, { active: boolean }>();
  for (const user of found) if (user) out.set(user.accountId, { active: user.active });
  await rememberPeople(found.filter((u): u is UserStatus => u !== null));
  return out;
}
