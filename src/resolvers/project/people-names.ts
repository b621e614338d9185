import type { PersonRef } from '../../contract';
import { readPeopleCards } from '../../registry/people-cards';

/**
 * The people the page names (owners, backups, credential owners) as the app last learned them from
 * Jira, read from storage: opening the page spends no Jira points on names.
 */
export async function peopleByAccountId(accountIds: readonly string[]): Promise<Map<string, PersonRef>> {
  const cards = await readPeopleCards(accountIds);
  return new Map([...cards].map(([id, c]) => [id, { accountId: id, displayName: c.displayName || 'Name not known yet', active: c.active, email: c.email, avatarUrl: c.avatarUrl ?? null }]));
}
