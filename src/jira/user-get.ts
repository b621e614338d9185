import { route } from '@forge/api';
import { z } from 'zod';
import type { JiraClient } from './client';
import { JiraUnavailableError, nullWhenMissing } from './errors';

const UserStatus = z
  .object({ accountId: z.string(), accountType: z.string().optional(), displayName: z.string().default(''), emailAddress: z.string().nullish(), active: z.boolean() })
  .passthrough();
export type UserStatus = z.infer<typeof UserStatus>;

/**
 * GET /rest/api/3/user?accountId= as the app: whether an account exists and is active. Null when
 * Jira says there is no such user (404). 2 points.
 */
export async function getUserStatus(client: JiraClient, accountId: string): Promise<UserStatus | null> {
  const body = await nullWhenMissing(client.json<unknown>({ actor: 'app', route: route`/rest/api/3/user?accountId=${accountId}`, maxCost: 3, cost: () => 3 }));
  if (body === null) return null;
  const parsed = UserStatus.safeParse(body);
  if (!parsed.success) throw new JiraUnavailableError('Jira answered /user with an unexpected shape');
  return parsed.data;
}
