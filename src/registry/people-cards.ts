import { kvs } from '../storage/kvs';
import { BACKGROUND } from '../jira/client';
import { budgetedClient } from '../jira/background-budget';
import { BudgetSpentError } from '../jira/points-budget';
import { getUserStatus } from '../jira/user-get';

/**
 * What the app last learned from Jira about a person it names on a page (owners, backups, credential
 * owners): display name, email when Jira shows it, active flag. Written whenever the app looks a
 * person up anyway (saving ownership checks the owner and backup; the admin page's names), so that
 * page views read names from storage and spend no Jira points on them.
 */
export interface PersonCard {
  accountId: string;
  displayName: string;
  /** Only when the person's profile lets Jira show it; null otherwise. */
  email: string | null;
  active: boolean;
  /** Jira's 48×48 avatar address, when Jira gave one (cards written before it was kept have none). */
  avatarUrl?: string | null;
  /** When Jira said so (ISO time). */
  checkedAt: string;
}

const cardKey = (accountId: string) => `person:${accountId}`;

/** The user fields the app reads from any of Jira's user endpoints. */
export interface SeenUser {
  accountId: string;
  displayName?: string | undefined;
  emailAddress?: string | null | undefined;
  active?: boolean | undefined;
  avatarUrls?: Record<string, string> | null | undefined;
}

/** Remembers what Jira just said about these people (best effort: a failed write only loses a cache entry). */
export async function rememberPeople(users: readonly SeenUser[], now = new Date()): Promise<void> {
  await Promise.all(
    users.map(async (u) => {
      const card: PersonCard = {
        accountId: u.accountId,
        displayName: u.displayName ?? '',
        email: u.emailAddress ?? null,
        active: u.active ?? true,
        avatarUrl: u.avatarUrls?.['48x48'] ?? null,
        checkedAt: now.toISOString(),
      };
      try {
        await kvs.set(cardKey(u.accountId), card);
      } catch (e) {
        console.warn(`[people] could not remember a person: ${e instanceof Error ? e.message : String(e)}`);
      }
    }),
  );
}

/** The stored cards of these people; people the app never looked up are missing from the map. */
export async function readPeopleCards(accountIds: readonly string[]): Promise<Map<string, PersonCard>> {
  const unique = [...new Set(accountIds.filter((id) => id && id !== 'app'))];
  const cards = await Promise.all(unique.map(async (id) => (await kvs.get(cardKey(id))) as PersonCard | undefined));
  return new Map(cards.filter((c): c is PersonCard => !!c).map((c) => [c.accountId, c]));
}

/**
 * The background lookup a page view asked for (a scan-queue event): each person's card is read
 * from Jira as the app (3 points each) and stored, so that the next page view shows the name.
 */
export async function lookUpPeopleCards(accountIds: readonly string[]): Promise<void> {
  const known = await readPeopleCards(accountIds);
  const missing = [...new Set(accountIds)].filter((id) => id && id !== 'app' && !known.has(id));
  if (missing.length === 0) return;
  // Spends from the installation's hourly budget; when it is spent, the next page view asks again.
  const budgeted = await budgetedClient('people', BACKGROUND, { maxConcurrency: 4 });
  try {
    for (const id of missing) {
      const status = await getUserStatus(budgeted.client, id);
      if (status) await rememberPeople([status]);
    }
  } catch (e) {
    if (!(e instanceof BudgetSpentError)) throw e;
    console.warn(`[people] lookups wait until ${new Date(e.resumeAt).toISOString()}: ${e.reason}`);
  } finally {
    await budgeted.finish();
  }
}
