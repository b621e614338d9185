import { route } from '@forge/api';
import { z } from 'zod';
import type { JiraClient } from './client';
import { JiraUnavailableError } from './errors';

const Answer = z
  .object({
    issueChangeLogs: z
      .array(
        z
          .object({
            issueId: z.string(),
            changeHistories: z.array(z.object({ author: z.object({ accountId: z.string() }).partial().optional(), created: z.string() }).passthrough()).default([]),
          })
          .passthrough(),
      )
      .default([]),
    nextPageToken: z.string().nullish(),
  })
  .passthrough();

/**
 * POST /rest/api/3/changelog/bulkfetch for up to 1,000 issues: the times of the changes that one
 * account made, per issue, oldest first (the first page of up to 1,000 histories is enough for a
 * timing sample).
 */
export async function changeTimesBy(client: JiraClient, issueIds: readonly string[], accountId: string): Promise<number[][]> {
  if (issueIds.length === 0) return [];
  const body = await client.json<unknown>({
    actor: 'app',
    method: 'POST',
    route: route`/rest/api/3/changelog/bulkfetch`,
    body: { issueIdsOrKeys: issueIds.slice(0, 1000), maxResults: 1000 },
    readOnly: true,
    maxCost: 1 + Math.min(1000, issueIds.length),
    // Charged per issue asked for, whether or not it has changes to return.
    cost: () => 1 + Math.min(1000, issueIds.length),
  });
  const parsed = Answer.safeParse(body);
  if (!parsed.success) throw new JiraUnavailableError('Jira answered /changelog/bulkfetch with an unexpected shape');
  return parsed.data.issueChangeLogs.map((log) =>
    log.changeHistories
      .filter((h) => h.author?.accountId === accountId)
      .map((h) => Date.parse(h.created))
      .filter(Number.isFinite)
      .sort((a, b) => a - b),
  );
}
