// Project roles: GET /role (all roles, Jira admins), /project/{key}/role (name → URL) and
// /project/{key}/role/{id} with its actors (project admins and Jira admins; 404 for others, as
// the spec says). The app's bot may read them all.
import type { SimProject, SimUser } from '../model.js';
import { badRequest, forbidden, isResult, notFound, ok, type HandlerContext, type HandlerResult } from '../http.js';
import { projectSelf } from '../render/project.js';
import { avatarUrls } from '../render/user.js';
import { browsableProject } from './lookup.js';

export function getAllRoles(ctx: HandlerContext): HandlerResult {
  if (!ctx.caller.isApp && !ctx.access.isJiraAdmin(ctx.caller)) return forbidden('You must have global administrator rights to access this resource.');
  const roles = ctx.site.roles.map((r) => ({ self: `${ctx.site.baseUrl}/rest/api/3/role/${r.id}`, name: r.name, id: r.id, description: r.description, actors: [] }));
  return ok(roles, { identity: roles.length });
}

export function getProjectRoles(ctx: HandlerContext): HandlerResult {
  const p = browsableProject(ctx, ctx.params.projectIdOrKey ?? '');
  if (isResult(p)) return p;
  if (!ctx.caller.isApp && !ctx.access.isJiraAdmin(ctx.caller) && !ctx.access.administersAnyProject(ctx.caller)) {
    return notFound(`No project could be found with key '${ctx.params.projectIdOrKey}'.`);
  }
  return ok(Object.fromEntries(ctx.site.roles.map((r) => [r.name, `${projectSelf(ctx.site, p)}/role/${r.id}`])), { identity: ctx.site.roles.length });
}

export function getProjectRole(ctx: HandlerContext): HandlerResult {
  const p = browsableProject(ctx, ctx.params.projectIdOrKey ?? '');
  if (isResult(p)) return p;
  const idText = ctx.params.id ?? '';
  if (!/^\d+$/.test(idText)) return badRequest('The role id must be a number.');
  const role = ctx.site.roles.find((r) => r.id === Number(idText));
  if (!role || !ctx.access.canReadRolesOf(ctx.caller, p)) return notFound(`Can not retrieve a role actor for a null project role.`);
  const excludeInactive = ctx.req.query.get('excludeInactiveUsers') === 'true';
  const actors = actorsOf(ctx, p, role.id, excludeInactive);
  return ok(
    { self: `${projectSelf(ctx.site, p)}/role/${role.id}`, name: role.name, id: role.id, description: role.description, actors, scope: { type: 'PROJECT', project: { id: p.id, key: p.key, name: p.name } } },
    { identity: 1 + actors.length },
  );
}

function actorsOf(ctx: HandlerContext, p: SimProject, roleId: number, excludeInactive: boolean): Array<Record<string, unknown>> {
  const actors = p.roles.get(roleId);
  if (!actors) return [];
  const out: Array<Record<string, unknown> & { displayName: string }> = [];
  for (const u of actors.users) {
    const user: SimUser | undefined = ctx.site.users[u];
    if (!user || (excludeInactive && !user.active)) continue;
    out.push({
      id: 20000 + p.idx * 100000 + u,
      displayName: user.displayName,
      type: 'atlassian-user-role-actor',
      avatarUrl: avatarUrls(ctx.site, user)['48x48'],
      actorUser: { accountId: user.accountId },
    });
  }
  for (const gi of actors.groups) {
    const g = ctx.site.groups[gi];
    if (!g) continue;
    // `user` carries the group name, as the spec's own example shows (RoleActor lacks it).
    out.push({
      id: 20000 + p.idx * 100000 + 50000 + gi,
      displayName: g.name,
      type: 'atlassian-group-role-actor',
      name: g.name,
      user: g.name,
      actorGroup: { name: g.name, displayName: g.name, groupId: g.groupId },
    });
  }
  return out.sort((a, b) => a.displayName.localeCompare(b.displayName));
}
