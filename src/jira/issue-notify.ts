import { route } from '@forge/api';
import type { JiraClient } from './client';

/** POST /rest/api/3/issue/{key}/notify as the app: an email to the listed people and groups (by name). Answers 204. */
export async function notifyUsers(client: JiraClient, issueKey: string, message: { subject: string; textBody: string; accountIds: string[]; groups?: string[] }): Promise<void> {
  await client.json<unknown>({
    actor: 'app',
    method: 'POST',
    route: route`/rest/api/3/issue/${issueKey}/notify`,
    body: {
      subject: message.subject,
      textBody: message.textBody,
      to: {
        reporter: false,
        assignee: false,
        watchers: false,
        voters: false,
        users: message.accountIds.map((accountId) => ({ accountId })),
        ...(message.groups && message.groups.length > 0 ? { groups: message.groups.map((name) => ({ name })) } : {}),
      },
    },
  });
}
