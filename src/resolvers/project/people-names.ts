import type { PersonRef } from '../../contract';
import { INTERACTIVE, JiraClient } from '../../jira/client';
import { getUsersInBulk } from '../../jira/users';

/**
 * Display names and active flags of the people the page names (owners, backups, credential owners),
 * in one bulk call as the app. If Jira does not answer the page still loads, with names left out.
 */
export async function peopleByAccountId(accountIds: readonly string[]): Promise<Map<string, PersonRef>> {
  const unique = [...new Set(accountIds)];
  const people = new Map<string, PersonRef>();
  if (unique.length === 0) return people;
  try {
    for (const user of await getUsersInBulk(new JiraClient(INTERACTIVE), unique)) people.set(user.accountId, { displayName: user.displayName, active: user.active });
  } catch (e) {
    console.warn(`[project/integrations] could not look up owner names: ${e instanceof Error ? e.message : String(e)}`);
  }
  return people;
}
