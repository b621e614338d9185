import { route } from '@forge/api';
import type { JiraClient } from './client';
import { adfFromText } from './issue-create';

/** PUT /rest/api/3/issue/{key} as the app: new summary, description and assignee. Answers 204. */
export async function updateIssue(client: JiraClient, issueKey: string, change: { summary: string; description: string; assigneeAccountId: string | null }): Promise<void> {
  await client.json<unknown>({
    actor: 'app',
    method: 'PUT',
    route: route`/rest/api/3/issue/${issueKey}`,
    body: {
      fields: {
        summary: change.summary,
        description: adfFromText(change.description),
        assignee: change.assigneeAccountId ? { accountId: change.assigneeAccountId } : null,
      },
    },
  });
}
