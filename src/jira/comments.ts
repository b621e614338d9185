import { z } from 'zod';
import type { JiraClient } from './client';
import { searchIssuesPage } from './search';

const CommentField = z.object({ comments: z.array(z.object({ author: z.object({ accountId: z.string() }).partial().optional(), created: z.string() }).passthrough()).default([]) }).passthrough();

/**
 * Comment times of one account on the issues a JQL matches, per issue, through the search's
 * `comment` field (1 point per issue, where each issue's comment list would cost 2).
 */
export async function commentTimesBy(client: JiraClient, jql: string, accountId: string, maxIssues: number): Promise<Map<string, number[]>> {
  const page = await searchIssuesPage(client, jql, ['comment'], undefined, maxIssues);
  const byIssue = new Map<string, number[]>();
  for (const issue of page.issues) {
    const parsed = CommentField.safeParse(issue.fields.comment ?? {});
    const times = parsed.success ? parsed.data.comments.filter((c) => c.author?.accountId === accountId).map((c) => Date.parse(c.created)) : [];
    byIssue.set(issue.id, times.filter(Number.isFinite));
  }
  return byIssue;
}
