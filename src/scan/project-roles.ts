import { kvs } from '../storage/kvs';
import type { ProjectActivity } from '../contract';
import { INTERACTIVE, JiraClient } from '../jira/client';
import { getRoleActors, listProjectRoles, type RoleActors } from '../jira/roles';
import { groupsOfUser } from '../jira/user-groups';

/**
 * Project roles an identity holds, directly or through a group, read when an admin opens it: role
 * actors cost about 45 points a project, too many to read for every project of a large site in
 * every scan. Each project's actors are kept per snapshot generation and shared by all identities.
 */
const MAX_PROJECTS = 20;
/** Stop starting new reads after this long: the page's resolver has 25 s in all. */
const TIME_BUDGET_MS = 10_000;

const client = new JiraClient({ ...INTERACTIVE, maxAttempts: 2 }, { maxConcurrency: 4 });
const cacheKey = (generation: string, projectKey: string) => `scan:roles:${generation}:${projectKey}`;

export async function withRoles(generation: string, accountId: string, projects: ProjectActivity[]): Promise<ProjectActivity[]> {
  // The projects it works in first, then those it holds access to without using it.
  const wanted = [...projects.filter((p) => !p.unusedAccess && p.hasAccess), ...projects.filter((p) => p.unusedAccess)].slice(0, MAX_PROJECTS).map((p) => p.projectKey);
  if (wanted.length === 0) return projects;
  const deadline = Date.now() + TIME_BUDGET_MS;
  const groups = new Map((await groupsOfUser(client, accountId)).map((g) => [g.groupId, g.name]));
  const actorsByProject = new Map<string, RoleActors[]>();
  await Promise.all(
    wanted.map(async (key) => {
      const cached = (await kvs.get(cacheKey(generation, key))) as RoleActors[] | undefined;
      if (cached) return actorsByProject.set(key, cached);
      if (Date.now() > deadline) return;
      const roles = await listProjectRoles(client, key);
      const actors = await Promise.all(roles.map((r) => getRoleActors(client, key, r.id)));
      await kvs.set(cacheKey(generation, key), actors);
      actorsByProject.set(key, actors);
    }),
  );
  return projects.map((p) => {
    const actors = actorsByProject.get(p.projectKey);
    if (!actors) return p;
    const roles: ProjectActivity['roles'] = [];
    for (const role of actors) {
      if (role.users.includes(accountId)) roles.push({ name: role.name, via: 'direct' });
      for (const g of role.groups) if (groups.has(g.groupId)) roles.push({ name: role.name, via: 'group', group: g.name });
    }
    return { ...p, roles };
  });
}
