// GET /rest/api/3/mypermissions: the caller's permissions, globally or in one project. In the
// global context a project permission means "in any project" (spec).
import { PERMISSIONS_BY_KEY } from '../permission-keys.js';
import type { SimProject } from '../model.js';
import { badRequest, isResult, listParam, notFound, ok, type HandlerContext, type HandlerResult } from '../http.js';
import { browsableIssue, findProject } from './lookup.js';

export function getMyPermissions(ctx: HandlerContext): HandlerResult {
  const q = ctx.req.query;
  const keys = listParam(q, 'permissions');
  if (keys.length === 0) return badRequest("The 'permissions' query parameter is required.");
  const unknown = keys.filter((k) => !PERMISSIONS_BY_KEY.has(k));
  if (unknown.length > 0) return badRequest(`Unrecognized permission keys: ${unknown.join(', ')}`);

  const scope = projectScope(ctx);
  if (isResult(scope)) return scope;
  const permissions: Record<string, unknown> = {};
  for (const key of keys) {
    const def = PERMISSIONS_BY_KEY.get(key);
    if (!def) continue;
    const have =
      def.type === 'GLOBAL'
        ? ctx.access.hasGlobalPermission(ctx.caller, key)
        : scope
          ? ctx.access.hasProjectPermission(ctx.caller, key, scope)
          : ctx.site.projects.some((p) => ctx.access.hasProjectPermission(ctx.caller, key, p));
    permissions[key] = { id: def.id, key: def.key, name: def.name, type: def.type, description: def.description, havePermission: have };
  }
  return ok({ permissions }, { identity: Object.keys(permissions).length });
}

/** The project named by projectKey/projectId/issueKey/issueId, null for the global context. */
function projectScope(ctx: HandlerContext): SimProject | null | HandlerResult {
  const q = ctx.req.query;
  const projectRef = q.get('projectKey') ?? q.get('projectId');
  if (projectRef) {
    const p = findProject(ctx, projectRef);
    if (!p || !ctx.access.canBrowse(ctx.caller, p)) return notFound(`No project could be found with key '${projectRef}'.`);
    return p;
  }
  const issueRef = q.get('issueKey') ?? q.get('issueId');
  if (issueRef) {
    const idx = browsableIssue(ctx, issueRef);
    if (isResult(idx)) return idx;
    return ctx.site.projects[ctx.site.issues.project.get(idx)] ?? null;
  }
  return null;
}
