// GET /rest/api/3/auditing/record: Administer Jira only (and the app's bot); newest first;
// offset/limit paging; `filter` words must each match a record field; from/to bound `created`.
import type { AuditEntry } from '../generate/audit.js';
import { badRequest, forbidden, intParam, jiraDate, ok, type HandlerContext, type HandlerResult } from '../http.js';

export function getAuditRecords(ctx: HandlerContext): HandlerResult {
  if (!ctx.access.canReadAudit(ctx.caller)) return forbidden('You do not have permission to view the audit log.');
  const q = ctx.req.query;
  const offset = intParam(q, 'offset') ?? 0;
  const limit = intParam(q, 'limit') ?? 1000;
  if (Number.isNaN(offset) || Number.isNaN(limit) || offset < 0 || limit < 0) return badRequest('offset and limit must be positive numbers.');
  const from = parseInstant(q.get('from'));
  const to = parseInstant(q.get('to'));
  if (Number.isNaN(from) || Number.isNaN(to)) return badRequest('from and to must be ISO 8601 dates.');
  const words = (q.get('filter') ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  const matches = ctx.site.audit.filter(
    (r) => (from === undefined || r.created >= from) && (to === undefined || r.created <= to) && words.every((w) => haystack(r).includes(w)),
  );
  const pageSize = Math.min(limit, 1000);
  const records = matches.slice(offset, offset + pageSize).map((r) => recordJson(ctx, r));
  return ok({ offset, limit: pageSize, total: matches.length, records }, { core: records.length });
}

function parseInstant(raw: string | null): number | undefined {
  if (!raw) return undefined;
  return Date.parse(raw.replace(/([+-]\d\d)(\d\d)$/, '$1:$2'));
}

function haystack(r: AuditEntry): string {
  return [
    r.summary,
    r.category,
    r.eventSource,
    r.objectItem.name,
    r.objectItem.parentName ?? '',
    r.objectItem.typeName,
    r.remoteAddress,
    ...r.changedValues.flatMap((c) => [c.changedFrom ?? '', c.changedTo ?? '']),
  ]
    .join(' ')
    .toLowerCase();
}

function recordJson(ctx: HandlerContext, r: AuditEntry): Record<string, unknown> {
  const author = ctx.site.users[r.authorIdx];
  return {
    id: r.id,
    summary: r.summary,
    remoteAddress: r.remoteAddress,
    authorKey: author?.accountId ?? '',
    // Not in AuditRecordBean, but in the spec's example and on live sites (contract exception).
    authorAccountId: author?.accountId ?? '',
    created: jiraDate(r.created),
    category: r.category,
    eventSource: r.eventSource,
    objectItem: r.objectItem,
    changedValues: r.changedValues,
    associatedItems: r.associatedItems,
  };
}
