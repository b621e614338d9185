import { route } from '@forge/api';
import { z } from 'zod';
import type { JiraClient } from './client';
import { JiraUnavailableError } from './errors';

/** POST /rest/api/3/search/approximate-count: how many issues a bounded JQL matches. 1 point. */
export async function approximateCount(client: JiraClient, jql: string): Promise<number> {
  const body = await client.json<unknown>({ actor: 'app', method: 'POST', route: route`/rest/api/3/search/approximate-count`, body: { jql }, readOnly: true });
  const parsed = z.object({ count: z.number().int().nonnegative() }).safeParse(body);
  if (!parsed.success) throw new JiraUnavailableError('Jira answered /search/approximate-count with an unexpected shape');
  return parsed.data.count;
}

export const SearchIssue = z.object({ id: z.string(), key: z.string().optional(), fields: z.record(z.string(), z.unknown()).default({}) }).passthrough();
export type SearchIssue = z.infer<typeof SearchIssue>;

const SearchPage = z.object({ issues: z.array(SearchIssue), nextPageToken: z.string().nullish(), isLast: z.boolean().optional() }).passthrough();

/**
 * POST /rest/api/3/search/jql, one page (token paging: pass the page's nextPageToken back; none
 * means the last page). Jira decides the page size. 1 point per issue plus 1 per request.
 */
export async function searchIssuesPage(
  client: JiraClient,
  jql: string,
  fields: readonly string[],
  nextPageToken?: string,
  maxResults = 5000,
): Promise<{ issues: SearchIssue[]; nextPageToken: string | null }> {
  const body = await client.json<unknown>({
    actor: 'app',
    method: 'POST',
    route: route`/rest/api/3/search/jql`,
    body: { jql, fields, maxResults, ...(nextPageToken ? { nextPageToken } : {}) },
    readOnly: true,
    maxCost: 1 + maxResults,
    cost: (b) => 1 + ((b as { issues?: unknown[] }).issues?.length ?? 0),
  });
  const parsed = SearchPage.safeParse(body);
  if (!parsed.success) throw new JiraUnavailableError('Jira answered /search/jql with an unexpected shape');
  const token = parsed.data.isLast === true ? null : (parsed.data.nextPageToken ?? null);
  return { issues: parsed.data.issues, nextPageToken: token };
}
