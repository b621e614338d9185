import { route } from '@forge/api';
import { z } from 'zod';
import type { JiraClient } from './client';
import { JiraUnavailableError } from './errors';

const Created = z.object({ id: z.string(), key: z.string() }).passthrough();

export interface NewIssue {
  projectKey: string;
  issueTypeId: string;
  summary: string;
  /** Plain text; sent as an Atlassian Document Format paragraph per line. */
  description: string;
  assigneeAccountId: string | null;
  labels?: string[];
  /** Issue entity properties set atomically with the issue (IssueUpdateDetails.properties). */
  properties?: Array<{ key: string; value: unknown }>;
}

/** Atlassian Document Format for plain text lines (v3 requires ADF for rich text fields). */
export function adfFromText(text: string): unknown {
  return {
    type: 'doc',
    version: 1,
    content: text.split('\n').map((line) => (line === '' ? { type: 'paragraph' } : { type: 'paragraph', content: [{ type: 'text', text: line }] })),
  };
}

/** POST /rest/api/3/issue as the app. Never retried blindly (a lost answer may hide a created issue). */
export async function createIssue(client: JiraClient, issue: NewIssue): Promise<{ id: string; key: string }> {
  const body = await client.json<unknown>({
    actor: 'app',
    method: 'POST',
    route: route`/rest/api/3/issue`,
    body: {
      fields: {
        project: { key: issue.projectKey },
        issuetype: { id: issue.issueTypeId },
        summary: issue.summary,
        description: adfFromText(issue.description),
        ...(issue.assigneeAccountId ? { assignee: { accountId: issue.assigneeAccountId } } : {}),
        ...(issue.labels ? { labels: issue.labels } : {}),
      },
      ...(issue.properties ? { properties: issue.properties } : {}),
    },
  });
  const parsed = Created.safeParse(body);
  if (!parsed.success) throw new JiraUnavailableError('Jira answered POST /issue with an unexpected shape');
  return { id: parsed.data.id, key: parsed.data.key };
}
