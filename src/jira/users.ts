import { route } from '@forge/api';
import { z } from 'zod';
import type { JiraClient } from './client';
import { JiraUnavailableError } from './errors';

/** The full User object (only it carries accountType and appType; UserDetails does not). */
export const JiraUser = z
  .object({
    accountId: z.string(),
    accountType: z.string().optional(),
    appType: z.string().optional(),
    displayName: z.string().default(''),
    emailAddress: z.string().nullish(),
    active: z.boolean().default(true),
  })
  .passthrough();
export type JiraUser = z.infer<typeof JiraUser>;

/** An account as the app keeps it (compact: only what the scan and the ledger use). */
export interface Account {
  accountId: string;
  displayName: string;
  accountType: string | undefined;
  appType: string | undefined;
  email: string | null;
  active: boolean;
  timeZone: string | undefined;
}

export function accountOf(u: JiraUser): Account {
  return {
    accountId: u.accountId,
    displayName: u.displayName,
    accountType: u.accountType,
    appType: u.appType,
    email: u.emailAddress ?? null,
    active: u.active,
    timeZone: typeof u.timeZone === 'string' ? u.timeZone : undefined,
  };
}

// 500 users cost up to 1,001 points: small enough to fit any hourly budget we allow (≥ 2,000).
const USERS_PAGE = 500;
const BULK_PAGE = 100;

/** GET /rest/api/3/users/search, one page: all users, including app accounts and inactive ones. 2 points per user. */
export async function listUsersPage(client: JiraClient, startAt: number): Promise<{ users: JiraUser[]; isLast: boolean }> {
  const body = await client.json<unknown>({
    actor: 'app',
    route: route`/rest/api/3/users/search?startAt=${String(startAt)}&maxResults=${String(USERS_PAGE)}`,
    maxCost: 1 + 2 * USERS_PAGE,
    cost: (b) => 1 + 2 * (Array.isArray(b) ? b.length : 0),
  });
  const parsed = z.array(JiraUser).safeParse(body);
  if (!parsed.success) throw new JiraUnavailableError('Jira answered /users/search with an unexpected shape');
  // The endpoint has no isLast: a short page is the last one.
  return { users: parsed.data, isLast: parsed.data.length < USERS_PAGE };
}

/** GET /rest/api/3/user/bulk for up to 100 account ids (authors seen only as slim UserDetails). */
export async function getUsersInBulk(client: JiraClient, accountIds: readonly string[]): Promise<JiraUser[]> {
  const found: JiraUser[] = [];
  for (let i = 0; i < accountIds.length; i += BULK_PAGE) {
    const ids = accountIds.slice(i, i + BULK_PAGE);
    const query = new URLSearchParams([['maxResults', String(BULK_PAGE)], ...ids.map((id) => ['accountId', id])]);
    const body = await client.json<unknown>({
      actor: 'app',
      route: route`/rest/api/3/user/bulk?${query}`,
      maxCost: 1 + 2 * ids.length,
      cost: (b) => 1 + 2 * ((b as { values?: unknown[] }).values?.length ?? 0),
    });
    const parsed = z.object({ values: z.array(JiraUser) }).passthrough().safeParse(body);
    if (!parsed.success) throw new JiraUnavailableError('Jira answered /user/bulk with an unexpected shape');
    found.push(...parsed.data.values);
  }
  return found;
}
