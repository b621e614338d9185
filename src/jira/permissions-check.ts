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
 * POST /rest/api/3/permissions/check as the app for another account (null: the app itself): for
 * each permission, the ids of the given projects in which that account holds it. 2 points per
 * permission object answered.
 */
export async function projectsWithPermissions<P extends string>(client: JiraClient, accountId: string | null, permissions: readonly P[], projectIds: readonly number[]): Promise<Map<P, number[]>> {
  const granted = new Map<P, number[]>(permissions.map((p) => [p, []]));
  for (let i = 0; i < projectIds.length; i += MAX_PROJECTS) {
    const projects = projectIds.slice(i, i + MAX_PROJECTS);
    const body = await client.json<unknown>({
      actor: 'app',
      method: 'POST',
      route: route`/rest/api/3/permissions/check`,
      body: { ...(accountId === null ? {} : { accountId }), projectPermissions: [{ permissions, projects }] },
      readOnly: true,
      maxCost: 1 + 2 * permissions.length,
      cost: (b) => 1 + 2 * ((b as { projectPermissions?: unknown[] }).projectPermissions?.length ?? 0),
    });
    const parsed = Answer.safeParse(body);
    if (!parsed.success) throw new JiraUnavailableError('Jira answered /permissions/check with an unexpected shape');
    for (const p of parsed.data.projectPermissions) granted.get(p.permission as P)?.push(...p.projects);
  }
  return granted;
}
