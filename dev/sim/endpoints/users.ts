// The user directory: /users/search (everyone, apps included), /user/bulk, /user, /user/search
// (active users, for pickers), /user/groups.
import type { SimUser } from '../model.js';
import { badRequest, forbidden, isResult, listParam, notFound, ok, paging, type HandlerContext, type HandlerResult } from '../http.js';
import { groupName, userJson } from '../render/user.js';

const NO_USER = 'Specified user does not exist or you do not have required permissions';

function guard(ctx: HandlerContext): HandlerResult | null {
  return ctx.access.canBrowseUsers(ctx.caller) ? null : forbidden('You do not have the Browse users and groups permission.');
}

export function getAllUsers(ctx: HandlerContext): HandlerResult {
  const denied = guard(ctx);
  if (denied) return denied;
  const page = paging(ctx.req.query, { defaultMax: 50, maxMax: 1000 });
  if (isResult(page)) return page;
  const values = ctx.site.users.slice(page.startAt, page.startAt + page.maxResults).map((u) => userJson(ctx.site, u));
  return ok(values, { identity: values.length });
}

export function bulkGetUsers(ctx: HandlerContext): HandlerResult {
  const ids = ctx.req.query.getAll('accountId').filter(Boolean);
  if (ids.length === 0) return badRequest('You must specify at least one accountId.');
  const page = paging(ctx.req.query, { defaultMax: 10, maxMax: 200 });
  if (isResult(page)) return page;
  const found = ids.map((id) => ctx.site.usersByAccountId.get(id)).filter((u): u is SimUser => u !== undefined);
  const values = found.slice(page.startAt, page.startAt + page.maxResults).map((u) => userJson(ctx.site, u));
  const isLast = page.startAt + values.length >= found.length;
  const base = `${ctx.site.baseUrl}/rest/api/3/user/bulk`;
  return ok(
    {
      self: `${base}?startAt=${page.startAt}&maxResults=${page.maxResults}`,
      ...(isLast ? {} : { nextPage: `${base}?startAt=${page.startAt + page.maxResults}&maxResults=${page.maxResults}` }),
      maxResults: page.maxResults,
      startAt: page.startAt,
      total: found.length,
      isLast,
      values,
    },
    { identity: values.length },
  );
}

export function getUser(ctx: HandlerContext): HandlerResult {
  const denied = guard(ctx);
  if (denied) return denied;
  const id = ctx.req.query.get('accountId');
  if (!id) return notFound(NO_USER);
  const u = ctx.site.usersByAccountId.get(id);
  if (!u) return notFound(NO_USER);
  return ok(userJson(ctx.site, u, listParam(ctx.req.query, 'expand')), { identity: 1 });
}

export function findUsers(ctx: HandlerContext): HandlerResult {
  const q = ctx.req.query;
  const query = q.get('query');
  const accountId = q.get('accountId');
  if (!query && !accountId && !q.get('property')) return badRequest('One of the query parameters query, accountId or property is required.');
  if (query && accountId) return badRequest('The query and accountId parameters cannot both be used.');
  const page = paging(q, { defaultMax: 50, maxMax: 1000 });
  if (isResult(page)) return page;
  const text = (query ?? '').toLowerCase();
  // Only the first 1,000 matches are ever considered (spec).
  const matches = ctx.site.users
    .filter((u) => u.active && (accountId ? u.accountId === accountId : matchesQuery(u, text)))
    .slice(0, 1000);
  const values = matches.slice(page.startAt, page.startAt + page.maxResults).map((u) => userJson(ctx.site, u));
  return ok(values, { identity: values.length });
}

function matchesQuery(u: SimUser, text: string): boolean {
  if (text === '' || text === '*') return true;
  const email = u.email && u.emailVisible ? u.email.toLowerCase() : '';
  return u.displayName.toLowerCase().split(/\s+/).some((w) => w.startsWith(text)) || u.displayName.toLowerCase().startsWith(text) || email.startsWith(text);
}

export function getUserGroups(ctx: HandlerContext): HandlerResult {
  const denied = guard(ctx);
  if (denied) return denied;
  const id = ctx.req.query.get('accountId');
  const u = id ? ctx.site.usersByAccountId.get(id) : undefined;
  if (!u) return notFound(NO_USER);
  const groups = [...u.groupIdxs].map((i) => ctx.site.groups[i]).filter((g) => g !== undefined).map((g) => groupName(ctx.site, g));
  return ok(groups, { identity: groups.length });
}
