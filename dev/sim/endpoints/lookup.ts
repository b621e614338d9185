// Finding projects and issues by id or key, with Jira's "not found" answer for what the caller
// cannot browse (Jira does not reveal that a hidden project exists).
import type { SimProject } from '../model.js';
import { notFound, type HandlerContext, type HandlerResult } from '../http.js';

export function findProject(ctx: HandlerContext, idOrKey: string): SimProject | undefined {
  return ctx.site.projectsById.get(idOrKey) ?? ctx.site.projectsByKey.get(idOrKey.toUpperCase());
}

export function browsableProject(ctx: HandlerContext, idOrKey: string): SimProject | HandlerResult {
  const p = findProject(ctx, idOrKey);
  if (!p || !ctx.access.canBrowse(ctx.caller, p)) return notFound(`No project could be found with key '${idOrKey}'.`);
  return p;
}

/** Issue index from "KEY-12" or "10034". */
export function findIssue(ctx: HandlerContext, idOrKey: string): number | undefined {
  const store = ctx.site.issues;
  const byId = store.issueIndexOfId(idOrKey);
  if (byId !== undefined) return byId;
  const m = /^([A-Za-z][A-Za-z0-9_]*)-(\d+)$/.exec(idOrKey);
  if (!m) return undefined;
  const p = ctx.site.projectsByKey.get((m[1] as string).toUpperCase());
  if (!p) return undefined;
  return store.byProject[p.idx]?.[Number(m[2]) - 1];
}

export function browsableIssue(ctx: HandlerContext, idOrKey: string): number | HandlerResult {
  const idx = findIssue(ctx, idOrKey);
  const p = idx === undefined ? undefined : ctx.site.projects[ctx.site.issues.project.get(idx)];
  if (idx === undefined || !p || !ctx.access.canBrowse(ctx.caller, p)) {
    return notFound('Issue does not exist or you do not have permission to see it.');
  }
  return idx;
}
