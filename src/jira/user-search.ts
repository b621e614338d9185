import { route } from '@forge/api';
import { z } from 'zod';
import type { UserOption } from '../contract';
import { requestJson } from './client';
import { JiraUnavailableError } from './errors';

const Found = z.array(
  z
    .object({
      accountId: z.string(),
      accountType: z.string().optional(),
      displayName: z.string().default(''),
      active: z.boolean().default(true),
      emailAddress: z.string().nullish(),
      avatarUrls: z.record(z.string(), z.string()).nullish(),
    })
    .passthrough(),
);

/**
 * GET /rest/api/3/user/search as the calling user (an owner picker shows only people they may see).
 * Only human accounts are offered: an app cannot be accountable.
 */
export async function searchPeople(query: string, maxResults = 20): Promise<UserOption[]> {
  const body = await requestJson<unknown>({ actor: 'user', route: route`/rest/api/3/user/search?query=${query}&maxResults=${String(maxResults)}` });
  const parsed = Found.safeParse(body);
  if (!parsed.success) throw new JiraUnavailableError('Jira answered /user/search with an unexpected shape');
  return parsed.data
    .filter((u) => u.accountType === undefined || u.accountType === 'atlassian')
    .map((u) => ({ accountId: u.accountId, displayName: u.displayName, active: u.active, email: u.emailAddress ?? null, avatarUrl: u.avatarUrls?.['48x48'] ?? null }));
}
