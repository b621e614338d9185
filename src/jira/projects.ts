import { route } from '@forge/api';
import { z } from 'zod';
import { requestJson, type Actor } from './client';
import { JiraUnavailableError, nullWhenMissing } from './errors';

const ProjectSummary = z.object({
  id: z.string(),
  key: z.string(),
  name: z.string(),
  lead: z.object({ accountId: z.string() }).passthrough().optional(),
});
export type ProjectSummary = z.infer<typeof ProjectSummary>;

const ProjectPage = z.object({ values: z.array(ProjectSummary), isLast: z.boolean().optional() });

/**
 * GET /rest/api/3/project/{key} with its lead. Answers null when Jira says the project does not
 * exist or the actor cannot browse it (Jira answers 404 for both, by design).
 */
export async function getProject(actor: Actor, projectKey: string): Promise<ProjectSummary | null> {
  const body = await nullWhenMissing(requestJson<unknown>({ actor, route: route`/rest/api/3/project/${projectKey}` }));
  if (body === null) return null;
  const parsed = ProjectSummary.safeParse(body);
  if (!parsed.success) throw new JiraUnavailableError('Jira answered /project with an unexpected shape');
  return parsed.data;
}

/**
 * Projects the calling user administers: GET /rest/api/3/project/search?action=edit, first page.
 * One page is enough for a "pages you can open" list and keeps the call's points cost bounded.
 */
export async function searchAdministeredProjects(maxResults = 50): Promise<ProjectSummary[]> {
  const body = await requestJson<unknown>({
    actor: 'user',
    route: route`/rest/api/3/project/search?action=edit&expand=lead&orderBy=key&maxResults=${String(maxResults)}`,
  });
  const parsed = ProjectPage.safeParse(body);
  if (!parsed.success) throw new JiraUnavailableError('Jira answered /project/search with an unexpected shape');
  return parsed.data.values;
}
