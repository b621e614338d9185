import { route } from '@forge/api';
import { z } from 'zod';
import type { JiraClient } from './client';
import { JiraUnavailableError } from './errors';

const User = z.object({ accountId: z.string() }).partial().optional();

const Histories = z
  .object({
    nextPageToken: z.string().nullish(),
    issueChangeLogs: z
      .array(
        z
          .object({
            issueId: z.string(),
            changeHistories: z.array(z.object({ author: User, created: z.string(), items: z.array(z.object({ field: z.string().optional(), fieldId: z.string().optional() }).passthrough()).default([]) }).passthrough()).default([]),
          })
          .passthrough(),
      )
      .default([]),
  })
  .passthrough();

export interface Change {
  issueId: string;
  accountId: string | null;
  at: number;
  status: boolean;
  other: boolean;
}

/**
 * POST /rest/api/3/changelog/bulkfetch for up to 1,000 issues: every change with who made it and
 * whether it moved the status, all pages (Jira answers at most 1,000 changes a page). 1 point per
 * issue in a page, plus 1.
 */
export async function changesOf(client: JiraClient, issueIds: readonly string[]): Promise<Change[]> {
  if (issueIds.length === 0) return [];
  const ids = issueIds.slice(0, 1000);
  const out: Change[] = [];
  let token: string | undefined;
  do {
    const body = await client.json<unknown>({
      actor: 'app',
      method: 'POST',
      route: route`/rest/api/3/changelog/bulkfetch`,
      body: { issueIdsOrKeys: ids, maxResults: 1000, ...(token ? { nextPageToken: token } : {}) },
      readOnly: true,
      maxCost: 1 + ids.length,
      cost: (b) => 1 + ((b as { issueChangeLogs?: unknown[] }).issueChangeLogs?.length ?? ids.length),
    });
    const parsed = Histories.safeParse(body);
    if (!parsed.success) throw new JiraUnavailableError('Jira answered /changelog/bulkfetch with an unexpected shape');
    for (const log of parsed.data.issueChangeLogs) {
      for (const h of log.changeHistories) {
        const isStatus = (i: { field?: string; fieldId?: string }) => i.fieldId === 'status' || i.field === 'status';
        out.push({ issueId: log.issueId, accountId: h.author?.accountId ?? null, at: Date.parse(h.created), status: h.items.some(isStatus), other: h.items.some((i) => !isStatus(i)) });
      }
    }
    token = parsed.data.nextPageToken ?? undefined;
  } while (token);
  return out;
}

const Worklogs = z.object({ worklogs: z.array(z.object({ author: User, updateAuthor: User, created: z.string().optional(), updated: z.string().optional() }).passthrough()).default([]) }).passthrough();

/** GET /rest/api/3/issue/{id}/worklog: who logged or edited work on the issue, and when. 1 point. */
export async function worklogsOf(client: JiraClient, issueId: string): Promise<Array<{ accountId: string | null; at: number }>> {
  const body = await client.json<unknown>({ actor: 'app', route: route`/rest/api/3/issue/${issueId}/worklog?maxResults=5000` });
  const parsed = Worklogs.safeParse(body);
  if (!parsed.success) throw new JiraUnavailableError('Jira answered /issue/{id}/worklog with an unexpected shape');
  return parsed.data.worklogs.map((w) => ({ accountId: w.updateAuthor?.accountId ?? w.author?.accountId ?? null, at: Date.parse(w.updated ?? w.created ?? '') }));
}
