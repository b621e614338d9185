import { route } from '@forge/api';
import { z } from 'zod';
import type { JiraClient } from './client';
import { JiraUnavailableError } from './errors';

const Answer = z
  .object({ projectPermissions: z.array(z.object({ permission: z.string(), projects: z.array(z.number()).default([]) }).passthrough()).default([]) })
  .passthrough();

/** Jira accepts at most 1,000 projects per check. */
const MAX_PROJECTS = 1000;

/**
 * POST /rest/api/3/permissions/check as the app for another account: the ids of the given
 * projects in which that account holds the permission. 2 points per permission object answered.
 */
export async function projectsWithPermission(client: JiraClient, accountId: string, permission: string, projectIds: readonly number[]): Promise<number[]> {
  const granted: number[] = [];
  for (let i = 0; i < projectIds.length; i += MAX_PROJECTS) {
    const projects = projectIds.slice(i, i + MAX_PROJECTS);
    const body = await client.json<unknown>({
      actor: 'app',
      method: 'POST',
      route: route`/rest/api/3/permissions/check`,
      body: { accountId, projectPermissions: [{ permissions: [permission], projects }] },
      readOnly: true,
      maxCost: 3,
      cost: (b) => 1 + 2 * ((b as { projectPermissions?: unknown[] }).projectPermissions?.length ?? 0),
    });
    const parsed = Answer.safeParse(body);
    if (!parsed.success) throw new JiraUnavailableError('Jira answered /permissions/check with an unexpected shape');
    for (const p of parsed.data.projectPermissions) if (p.permission === permission) granted.push(...p.projects);
  }
  return granted;
}
