import { route } from '@forge/api';
import { z } from 'zod';
import type { JiraClient } from './client';
import { JiraUnavailableError, nullWhenMissing } from './errors';

const ProjectWithTypes = z
  .object({
    key: z.string(),
    name: z.string(),
    issueTypes: z.array(z.object({ id: z.string(), name: z.string().default(''), subtask: z.boolean().default(false) }).passthrough()).default([]),
  })
  .passthrough();
export type ProjectWithTypes = z.infer<typeof ProjectWithTypes>;

/** GET /rest/api/3/project/{key}?expand=issueTypes as the app; null when Jira says it does not exist (404). */
export async function getProjectIssueTypes(client: JiraClient, projectKey: string): Promise<ProjectWithTypes | null> {
  const body = await nullWhenMissing(client.json<unknown>({ actor: 'app', route: route`/rest/api/3/project/${projectKey}?expand=issueTypes`, maxCost: 2, cost: () => 2 }));
  if (body === null) return null;
  const parsed = ProjectWithTypes.safeParse(body);
  if (!parsed.success) throw new JiraUnavailableError('Jira answered /project with an unexpected shape');
  return parsed.data;
}
