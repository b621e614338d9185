// POST /rest/api/3/permissions/check: global and project permissions of the caller, or of another
// account (Jira admins and the app's bot only). Without projects/issues, answers every project
// that grants the permission.
import type { Caller } from '../access.js';
import { PERMISSIONS_BY_KEY } from '../permission-keys.js';
import { badRequest, forbidden, jiraError, ok, type HandlerContext, type HandlerResult } from '../http.js';

interface ProjectPermissionsRequest {
  permissions: string[];
  projects?: number[];
  issues?: number[];
}

export function checkPermissions(ctx: HandlerContext): HandlerResult {
  const b = ctx.req.body;
  if (typeof b !== 'object' || b === null) return badRequest('The request body is missing.');
  const body = b as { accountId?: unknown; globalPermissions?: unknown; projectPermissions?: unknown };
  let subject: Caller = ctx.caller;
  if (typeof body.accountId === 'string' && body.accountId !== ctx.caller.user.accountId) {
    if (!ctx.caller.isApp && !ctx.access.isJiraAdmin(ctx.caller)) return forbidden('Only Jira administrators can perform this operation.');
    const u = ctx.site.usersByAccountId.get(body.accountId);
    if (!u) return badRequest(`User with account ID '${body.accountId}' does not exist.`);
    subject = { isApp: false, user: u };
  }
  const globals = Array.isArray(body.globalPermissions) ? (body.globalPermissions as unknown[]).map(String) : [];
  const projectReqs = Array.isArray(body.projectPermissions) ? (body.projectPermissions as ProjectPermissionsRequest[]) : [];
  const errors: Record<string, string> = {};
  for (const k of globals) if (PERMISSIONS_BY_KEY.get(k)?.type !== 'GLOBAL') errors[k] = 'Unrecognized permission';
  for (const r of projectReqs) {
    if (!Array.isArray(r.permissions) || r.permissions.length === 0) return badRequest('At least one project permission must be provided.');
    for (const k of r.permissions) if (PERMISSIONS_BY_KEY.get(k)?.type !== 'PROJECT') errors[k] = 'Unrecognized permission';
    if ((r.projects?.length ?? 0) > 1000 || (r.issues?.length ?? 0) > 1000) return badRequest('No more than 1000 projects or issues can be checked.');
  }
  if (Object.keys(errors).length > 0) return jiraError(400, [], errors);

  const grantedGlobal = globals.filter((k) => ctx.access.hasGlobalPermission(subject, k));
  const grants = new Map<string, { projects: Set<number>; issues: Set<number> }>();
  const store = ctx.site.issues;
  for (const r of projectReqs) {
    const projects = r.projects ? r.projects.map((id) => ctx.site.projectsById.get(String(id))).filter((p) => p !== undefined) : r.issues ? [] : ctx.site.projects;
    for (const key of r.permissions) {
      const g = grants.get(key) ?? { projects: new Set<number>(), issues: new Set<number>() };
      grants.set(key, g);
      for (const p of projects) if (p && ctx.access.hasProjectPermission(subject, key, p)) g.projects.add(Number(p.id));
      for (const id of r.issues ?? []) {
        const idx = store.issueIndexOfId(String(id));
        const p = idx === undefined ? undefined : ctx.site.projects[store.project.get(idx)];
        if (p && ctx.access.hasProjectPermission(subject, key, p)) g.issues.add(id);
      }
    }
  }
  const projectPermissions = [...grants].map(([permission, g]) => ({ permission, projects: [...g.projects], issues: [...g.issues] }));
  return ok({ globalPermissions: grantedGlobal, projectPermissions }, { identity: grantedGlobal.length + projectPermissions.length });
}
