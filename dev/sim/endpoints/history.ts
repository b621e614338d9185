// Issue history: POST /changelog/bulkfetch (token paging), GET /issue/{key}/changelog,
// /issue/{key}/comment and /issue/{key}/worklog (offset paging).
import { badRequest, intParam, isResult, paging, ok, type HandlerContext, type HandlerResult } from '../http.js';
import { changelogFieldId, changelogJson, commentJson, commentsOf, isChangelogEvent, worklogJson } from '../render/history.js';
import { EVENT_KIND } from '../store/issues.js';
import { browsableIssue, findIssue } from './lookup.js';

export function bulkFetchChangelogs(ctx: HandlerContext): HandlerResult {
  const b = ctx.req.body;
  if (typeof b !== 'object' || b === null) return badRequest('The request body is missing.');
  const body = b as { issueIdsOrKeys?: unknown; fieldIds?: unknown; maxResults?: unknown; nextPageToken?: unknown };
  const ids = body.issueIdsOrKeys;
  if (!Array.isArray(ids) || ids.length === 0 || !ids.every((x) => typeof x === 'string')) return badRequest('issueIdsOrKeys must list at least one issue ID or key.');
  if (ids.length > 1000) return badRequest('No more than 1000 issue IDs or keys can be requested.');
  const fieldIds = body.fieldIds;
  if (fieldIds !== undefined && (!Array.isArray(fieldIds) || fieldIds.length > 10)) return badRequest('No more than 10 field IDs can be requested.');
  const max = body.maxResults ?? 1000;
  if (typeof max !== 'number' || max < 1 || max > 10000) return badRequest('maxResults must be between 1 and 10000.');
  const offset = typeof body.nextPageToken === 'string' ? Number.parseInt(Buffer.from(body.nextPageToken, 'base64url').toString(), 10) : 0;
  if (!Number.isFinite(offset) || offset < 0) return badRequest('The provided next page token is invalid.');

  const wanted = fieldIds ? new Set(fieldIds as string[]) : null;
  const s = ctx.site.issues;
  // Every matching entry in request order, oldest first per issue; a page is a slice of it.
  const entries: Array<{ issue: number; eventId: number }> = [];
  const seen = new Set<number>();
  for (const ref of ids as string[]) {
    const issue = findIssue(ctx, ref);
    if (issue === undefined || seen.has(issue)) continue;
    const project = ctx.site.projects[s.project.get(issue)];
    if (!project || !ctx.access.canBrowse(ctx.caller, project)) continue;
    seen.add(issue);
    for (const e of s.eventsOfIssue(issue)) {
      if (isChangelogEvent(s.evKind.get(e)) && (!wanted || wanted.has(changelogFieldId(ctx.site, e)))) entries.push({ issue, eventId: e });
    }
  }
  const page = entries.slice(offset, offset + max);
  const grouped = new Map<number, Array<Record<string, unknown>>>();
  for (const { issue, eventId } of page) {
    const list = grouped.get(issue) ?? [];
    list.push(changelogJson(ctx.site, eventId));
    grouped.set(issue, list);
  }
  const more = offset + page.length < entries.length;
  return ok(
    {
      issueChangeLogs: [...grouped].map(([issue, changeHistories]) => ({ issueId: s.issueId(issue), changeHistories })),
      ...(more ? { nextPageToken: Buffer.from(String(offset + page.length)).toString('base64url') } : {}),
    },
    { core: grouped.size },
  );
}

export function getIssueChangelog(ctx: HandlerContext): HandlerResult {
  const issue = browsableIssue(ctx, ctx.params.issueIdOrKey ?? '');
  if (isResult(issue)) return issue;
  const page = paging(ctx.req.query, { defaultMax: 100, maxMax: 100 });
  if (isResult(page)) return page;
  const s = ctx.site.issues;
  const all = s.eventsOfIssue(issue).filter((e) => isChangelogEvent(s.evKind.get(e)));
  const values = all.slice(page.startAt, page.startAt + page.maxResults).map((e) => changelogJson(ctx.site, e));
  const isLast = page.startAt + values.length >= all.length;
  const url = (startAt: number) => `${ctx.site.baseUrl}/rest/api/3/issue/${s.issueId(issue)}/changelog?startAt=${startAt}&maxResults=${page.maxResults}`;
  return ok(
    { self: url(page.startAt), ...(isLast ? {} : { nextPage: url(page.startAt + page.maxResults) }), maxResults: page.maxResults, startAt: page.startAt, total: all.length, isLast, values },
    { core: 1 },
  );
}

export function getIssueComments(ctx: HandlerContext): HandlerResult {
  const issue = browsableIssue(ctx, ctx.params.issueIdOrKey ?? '');
  if (isResult(issue)) return issue;
  const page = paging(ctx.req.query, { defaultMax: 100, maxMax: 100 });
  if (isResult(page)) return page;
  const orderBy = ctx.req.query.get('orderBy') ?? 'created';
  if (!['created', '+created', '-created'].includes(orderBy)) return badRequest(`Invalid orderBy '${orderBy}'.`);
  const all = commentsOf(ctx.site, issue);
  if (orderBy === '-created') all.reverse();
  const comments = all.slice(page.startAt, page.startAt + page.maxResults).map((c) => commentJson(ctx.site, issue, c.eventId, c.lastEdit));
  return ok({ startAt: page.startAt, maxResults: page.maxResults, total: all.length, comments }, { core: 1 });
}

export function getIssueWorklogs(ctx: HandlerContext): HandlerResult {
  const issue = browsableIssue(ctx, ctx.params.issueIdOrKey ?? '');
  if (isResult(issue)) return issue;
  const page = paging(ctx.req.query, { defaultMax: 5000, maxMax: 5000 });
  if (isResult(page)) return page;
  const after = intParam(ctx.req.query, 'startedAfter');
  const before = intParam(ctx.req.query, 'startedBefore');
  if (Number.isNaN(after) || Number.isNaN(before)) return badRequest('startedAfter and startedBefore must be numbers.');
  const s = ctx.site.issues;
  const all = s.eventsOfIssue(issue).filter((e) => {
    if (s.evKind.get(e) !== EVENT_KIND.worklog) return false;
    const started = s.evTime.get(e) - s.evExtra.get(e) * 1000;
    return (after === undefined || started >= after) && (before === undefined || started <= before);
  });
  const worklogs = all.slice(page.startAt, page.startAt + page.maxResults).map((e) => worklogJson(ctx.site, issue, e));
  return ok({ startAt: page.startAt, maxResults: page.maxResults, total: all.length, worklogs }, { core: 1 });
}
