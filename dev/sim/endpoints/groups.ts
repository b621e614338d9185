// GET /rest/api/3/group/member: members of a group, ≤50 a page, active members unless asked.
import { badRequest, forbidden, isResult, notFound, ok, paging, type HandlerContext, type HandlerResult } from '../http.js';
import { userDetailsJson } from '../render/user.js';

export function getGroupMembers(ctx: HandlerContext): HandlerResult {
  if (!ctx.access.canBrowseUsers(ctx.caller)) return forbidden();
  const q = ctx.req.query;
  const groupId = q.get('groupId');
  const name = q.get('groupname');
  if (!groupId && !name) return badRequest('You must specify a group name or group ID.');
  const g = groupId ? ctx.site.groupsById.get(groupId) : ctx.site.groupsByName.get(name ?? '');
  if (!g) return notFound('Group not found.');
  const page = paging(q, { defaultMax: 50, maxMax: 50 });
  if (isResult(page)) return page;
  const includeInactive = q.get('includeInactiveUsers') === 'true';
  const members = [...g.members]
    .map((i) => ctx.site.users[i])
    .filter((u) => u !== undefined && (includeInactive || u.active))
    .sort((a, b) => a!.displayName.localeCompare(b!.displayName));
  const values = members.slice(page.startAt, page.startAt + page.maxResults).map((u) => userDetailsJson(ctx.site, u!));
  const isLast = page.startAt + values.length >= members.length;
  const url = (startAt: number) =>
    `${ctx.site.baseUrl}/rest/api/3/group/member?groupId=${g.groupId}&includeInactiveUsers=${includeInactive}&startAt=${startAt}&maxResults=${page.maxResults}`;
  return ok(
    { self: url(page.startAt), ...(isLast ? {} : { nextPage: url(page.startAt + page.maxResults) }), maxResults: page.maxResults, startAt: page.startAt, total: members.length, isLast, values },
    { identity: values.length },
  );
}
