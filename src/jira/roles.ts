import { route } from '@forge/api';
import { z } from 'zod';
import type { JiraClient } from './client';
import { JiraUnavailableError } from './errors';

/** GET /rest/api/3/project/{key}/role: role name → role URL (the id is the URL's last segment). 2 points per role. */
export async function listProjectRoles(client: JiraClient, projectKey: string): Promise<Array<{ id: string; name: string }>> {
  const body = await client.json<unknown>({
    actor: 'app',
    route: route`/rest/api/3/project/${projectKey}/role`,
    cost: (b) => 1 + 2 * Object.keys((b as Record<string, unknown>) ?? {}).length,
  });
  const parsed = z.record(z.string(), z.string()).safeParse(body);
  if (!parsed.success) throw new JiraUnavailableError('Jira answered /project/{key}/role with an unexpected shape');
  return Object.entries(parsed.data).map(([name, url]) => ({ name, id: url.split('/').pop() ?? '' }));
}

const RoleActor = z
  .object({
    type: z.string(),
    actorUser: z.object({ accountId: z.string() }).partial().optional(),
    actorGroup: z.object({ groupId: z.string().optional(), name: z.string().optional(), displayName: z.string().optional() }).optional(),
  })
  .passthrough();
const ProjectRole = z.object({ id: z.number().optional(), name: z.string(), actors: z.array(RoleActor).default([]) }).passthrough();

export interface RoleActors {
  name: string;
  users: string[];
  groups: Array<{ groupId: string; name: string }>;
}

/** GET /rest/api/3/project/{key}/role/{id}: the role's user and group actors. 2 points for the role and each actor. */
export async function getRoleActors(client: JiraClient, projectKey: string, roleId: string): Promise<RoleActors> {
  const body = await client.json<unknown>({
    actor: 'app',
    route: route`/rest/api/3/project/${projectKey}/role/${roleId}`,
    cost: (b) => 1 + 2 * (1 + ((b as { actors?: unknown[] }).actors?.length ?? 0)),
  });
  const parsed = ProjectRole.safeParse(body);
  if (!parsed.success) throw new JiraUnavailableError('Jira answered /project/{key}/role/{id} with an unexpected shape');
  const users: string[] = [];
  const groups: RoleActors['groups'] = [];
  for (const actor of parsed.data.actors) {
    if (actor.type === 'atlassian-user-role-actor' && actor.actorUser?.accountId) users.push(actor.actorUser.accountId);
    if (actor.type === 'atlassian-group-role-actor' && actor.actorGroup) {
      const groupId = actor.actorGroup.groupId ?? actor.actorGroup.name ?? '';
      if (groupId) groups.push({ groupId, name: actor.actorGroup.displayName ?? actor.actorGroup.name ?? groupId });
    }
  }
  return { name: parsed.data.name, users, groups };
}
