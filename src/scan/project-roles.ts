import { kvs } from '../storage/kvs';
import type { ProjectActivity } from '../contract';
import { BACKGROUND, type JiraClient } from '../jira/client';
import { budgetedClient } from '../jira/background-budget';
import { BudgetSpentError } from '../jira/points-budget';
import { JiraError } from '../jira/errors';
import { getRoleActors, listProjectRoles, type RoleActors } from '../jira/roles';
import { groupsOfUser } from '../jira/user-groups';
import { enqueueRolesRequest } from './queue';

/**
 * Project roles an identity holds, directly or through a group. A page view spends no Jira points
 * on them: identity/get serves what is stored, and asks the background (the scan queue) to read
 * what is missing, for the next view. Role actors cost about 45 points a project, too many to read
 * for every project of a large site in every scan; each project's actors are stored once and shared
 * by all identities, and read again after a week.
 */
const MAX_PROJECTS = 20;
const FRESH_MS = 7 * 24 * 3_600_000;
/** A background read asked for and not done within this long is asked for again. */
const REQUEST_TTL_MS = 10 * 60_000;
/** Stop starting new reads after this long: one queue event, well inside its function's timeout. */
const TIME_BUDGET_MS = 20_000;

const projectKey = (key: string) => `scan:roles:project:${key}`;
const groupsKey = (accountId: string) => `scan:roles:groups:${accountId}`;
const requestKey = (accountId: string) => `scan:roles:request:${accountId}`;

interface Stored<T> {
  at: string;
  value: T;
}

function fresh<T>(stored: Stored<T> | undefined): T | undefined {
  return stored && Date.now() - Date.parse(stored.at) < FRESH_MS ? stored.value : undefined;
}

/** The projects whose roles are shown: those it works in first, then those it holds without using. */
function wantedProjects(projects: ProjectActivity[]): string[] {
  return [...projects.filter((p) => !p.unusedAccess && p.hasAccess), ...projects.filter((p) => p.unusedAccess)].slice(0, MAX_PROJECTS).map((p) => p.projectKey);
}

/** The identity's projects with the roles stored so far; `pending` when some are still to be read. */
export async function withStoredRoles(accountId: string, projects: ProjectActivity[]): Promise<{ projects: ProjectActivity[]; pending: boolean }> {
  const wanted = wantedProjects(projects);
  if (wanted.length === 0) return { projects, pending: false };
  const groupList = fresh((await kvs.get(groupsKey(accountId))) as Stored<Array<{ groupId: string; name: string }>> | undefined);
  const actorsByProject = new Map<string, RoleActors[]>();
  for (const key of wanted) {
    const actors = fresh((await kvs.get(projectKey(key))) as Stored<RoleActors[]> | undefined);
    if (actors) actorsByProject.set(key, actors);
  }
  const pending = !groupList || actorsByProject.size < wanted.length;
  if (pending) await requestRoles(accountId, wanted);
  if (!groupList) return { projects, pending };
  const groups = new Map(groupList.map((g) => [g.groupId, g.name]));
  return {
    pending,
    projects: projects.map((p) => {
      const actors = actorsByProject.get(p.projectKey);
      if (!actors) return p;
      const roles: ProjectActivity['roles'] = [];
      for (const role of actors) {
        if (role.users.includes(accountId)) roles.push({ name: role.name, via: 'direct' });
        for (const g of role.groups) if (groups.has(g.groupId)) roles.push({ name: role.name, via: 'group', group: g.name });
      }
      return { ...p, roles };
    }),
  };
}

/** Asks the background to read the roles (once per identity while a request is outstanding). */
async function requestRoles(accountId: string, projectKeys: string[]): Promise<void> {
  const asked = (await kvs.get(requestKey(accountId))) as { at: string } | undefined;
  if (asked && Date.now() - Date.parse(asked.at) < REQUEST_TTL_MS) return;
  await kvs.set(requestKey(accountId), { at: new Date().toISOString() });
  await enqueueRolesRequest({ accountId, projectKeys });
}

/** The background read (a scan-queue event): the identity's groups and each project's role actors not stored yet. */
export async function readRoles(request: { accountId: string; projectKeys: string[] }): Promise<void> {
  const deadline = Date.now() + TIME_BUDGET_MS;
  // Spends from the installation's hourly budget; when it is spent, the next page view asks again.
  const budgeted = await budgetedClient('roles', BACKGROUND, { maxConcurrency: 4, deadline: deadline + 30_000 });
  try {
    await readRolesWith(budgeted.client, request, deadline);
  } catch (e) {
    if (!(e instanceof BudgetSpentError)) throw e;
    console.warn(`[roles] reads wait until ${new Date(e.resumeAt).toISOString()}: ${e.reason}`);
  } finally {
    await budgeted.finish();
  }
}

async function readRolesWith(client: JiraClient, request: { accountId: string; projectKeys: string[] }, deadline: number): Promise<void> {
  if (!fresh((await kvs.get(groupsKey(request.accountId))) as Stored<unknown> | undefined)) {
    const groups = (await groupsOfUser(client, request.accountId)).map((g) => ({ groupId: g.groupId, name: g.name }));
    await kvs.set(groupsKey(request.accountId), { at: new Date().toISOString(), value: groups });
  }
  for (const key of request.projectKeys.slice(0, MAX_PROJECTS)) {
    if (Date.now() > deadline) break;
    if (fresh((await kvs.get(projectKey(key))) as Stored<unknown> | undefined)) continue;
    // A project the app can list but not browse answers 404: no roles to show there, nothing to retry.
    const roles = await listProjectRoles(client, key).catch((e: unknown) => {
      if (e instanceof JiraError && e.status === 404) return [];
      throw e;
    });
    const actors = await Promise.all(roles.map((r) => getRoleActors(client, key, r.id)));
    await kvs.set(projectKey(key), { at: new Date().toISOString(), value: actors });
  }
  await kvs.delete(requestKey(request.accountId));
}
