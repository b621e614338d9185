// GET /rest/api/3/myself: the calling user (the app's bot user for asApp calls).
import { ok, listParam, type HandlerContext, type HandlerResult } from '../http.js';
import { userJson } from '../render/user.js';

export function getMyself(ctx: HandlerContext): HandlerResult {
  return ok(userJson(ctx.site, ctx.caller.user, listParam(ctx.req.query, 'expand')), { identity: 1 });
}
