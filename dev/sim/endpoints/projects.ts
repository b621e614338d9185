// GET /rest/api/3/project/search (offset paging, ≤100 a page) and GET /rest/api/3/project/{projectIdOrKey}.
import type { SimProject } from '../model.js';
import { badRequest, isResult, listParam, ok, paging, type HandlerContext, type HandlerResult } from '../http.js';
import { expandSet, projectInsight, projectJson } from '../render/project.js';
import { browsableProject } from './lookup.js';

const ORDER_FIELDS = ['category', 'key', 'name', 'owner', 'issueCount', 'lastIssueUpdatedDate', 'archivedDate', 'deletedDate'];

export function searchProjects(ctx: HandlerContext): HandlerResult {
  const q = ctx.req.query;
  const page = paging(q, { defaultMax: 50, maxMax: 100 });
  if (isResult(page)) return page;
  const action = q.get('action') ?? 'view';
  if (!['view', 'browse', 'edit', 'create'].includes(action)) return badRequest(`Invalid action '${action}'.`);
  const orderBy = q.get('orderBy') ?? 'key';
  const orderField = orderBy.replace(/^[+-]/, '');
  if (!ORDER_FIELDS.includes(orderField)) return badRequest(`Invalid orderBy '${orderBy}'.`);

  const keys = new Set(listParam(q, 'keys').map((k) => k.toUpperCase()));
  const ids = new Set(listParam(q, 'id'));
  const text = (q.get('query') ?? '').toLowerCase();
  const allowed = (p: SimProject): boolean =>
    action === 'edit'
      ? ctx.access.canAdministerProject(ctx.caller, p)
      : action === 'create'
        ? ctx.access.hasProjectPermission(ctx.caller, 'CREATE_ISSUES', p)
        : action === 'view'
          ? ctx.access.canList(ctx.caller, p)
          : ctx.access.canBrowse(ctx.caller, p);
  const matches = ctx.site.projects.filter(
    (p) =>
      (keys.size === 0 || keys.has(p.key)) &&
      (ids.size === 0 || ids.has(p.id)) &&
      (text === '' || p.key.toLowerCase().includes(text) || p.name.toLowerCase().includes(text)) &&
      allowed(p),
  );
  sortProjects(ctx, matches, orderField, orderBy.startsWith('-'));

  const expand = expandSet(q.get('expand'));
  const values = matches.slice(page.startAt, page.startAt + page.maxResults).map((p) => projectJson(ctx.site, p, expand));
  const isLast = page.startAt + values.length >= matches.length;
  const url = (startAt: number) => `${ctx.site.baseUrl}/rest/api/3/project/search?startAt=${startAt}&maxResults=${page.maxResults}`;
  return ok(
    {
      self: url(page.startAt),
      ...(isLast ? {} : { nextPage: url(page.startAt + page.maxResults) }),
      maxResults: page.maxResults,
      startAt: page.startAt,
      total: matches.length,
      isLast,
      values,
    },
    { core: values.length, identity: expand.has('lead') ? values.length : 0 },
  );
}

function sortProjects(ctx: HandlerContext, list: SimProject[], field: string, descending: boolean): void {
  const name = (p: SimProject) => ctx.site.users[p.leadIdx]?.displayName ?? '';
  const cache = new Map<SimProject, { totalIssueCount: number; lastIssueUpdateTime?: string }>();
  const insight = (p: SimProject) => cache.get(p) ?? cache.set(p, projectInsight(ctx.site, p)).get(p)!;
  const cmp: Record<string, (a: SimProject, b: SimProject) => number> = {
    key: (a, b) => a.key.localeCompare(b.key),
    category: (a, b) => a.key.localeCompare(b.key),
    archivedDate: (a, b) => a.key.localeCompare(b.key),
    deletedDate: (a, b) => a.key.localeCompare(b.key),
    name: (a, b) => a.name.localeCompare(b.name),
    owner: (a, b) => name(a).localeCompare(name(b)),
    issueCount: (a, b) => insight(a).totalIssueCount - insight(b).totalIssueCount,
    lastIssueUpdatedDate: (a, b) => (insight(a).lastIssueUpdateTime ?? '').localeCompare(insight(b).lastIssueUpdateTime ?? ''),
  };
  const c = cmp[field] ?? cmp.key!;
  list.sort((a, b) => (descending ? -1 : 1) * (c(a, b) || a.key.localeCompare(b.key)));
}

export function getProject(ctx: HandlerContext): HandlerResult {
  const p = browsableProject(ctx, ctx.params.projectIdOrKey ?? '');
  if (isResult(p)) return p;
  const expand = expandSet(ctx.req.query.get('expand'));
  for (const e of ['description', 'lead', 'roles', 'assigneeType', 'issueTypes']) expand.add(e);
  return ok(projectJson(ctx.site, p, expand), { core: 1, identity: 1 });
}
