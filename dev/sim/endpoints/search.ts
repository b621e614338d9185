// Enhanced JQL search (POST/GET /rest/api/3/search/jql) with token paging and a server-decided
// page size, and POST /rest/api/3/search/approximate-count. Unbounded queries are refused.
import { isBounded, runQuery } from '../jql/evaluate.js';
import { JqlError } from '../jql/lexer.js';
import { parseJql } from '../jql/parser.js';
import type { Query } from '../jql/ast.js';
import type { SiteData } from '../model.js';
import { badRequest, intParam, isResult, listParam, ok, type HandlerContext, type HandlerResult } from '../http.js';
import { expandSet } from '../render/project.js';
import { issueJson, onlyIdAndKey } from '../render/issue.js';

const UNBOUNDED = 'Unbounded JQL queries are not allowed here. Please add a search restriction to your query.';
const LIGHT_PAGE_MAX = 5000;
const FULL_PAGE_MAX = 100;

interface SearchInput {
  jql: string;
  nextPageToken?: string;
  maxResults: number;
  fields: string[];
  expand: string;
}

interface PageToken {
  /** Offset of the next page. */
  o: number;
  /** The clock reading of the first page: relative dates stay put while paging. */
  t: number;
  /** Hash of the query, so a token cannot be replayed against another query. */
  h: string;
}

export function searchJql(ctx: HandlerContext): HandlerResult {
  const input = readInput(ctx);
  if (isResult(input)) return input;
  const query = parse(input.jql);
  if (isResult(query)) return query;

  let token: PageToken = { o: 0, t: ctx.now, h: hash(input.jql) };
  if (input.nextPageToken) {
    const decoded = decodeToken(input.nextPageToken);
    if (!decoded || decoded.h !== token.h) return badRequest('The provided next page token is invalid or expired.');
    token = decoded;
  }
  const matches = cachedRun(ctx, input.jql, query, token.t);
  if (isResult(matches)) return matches;

  const cap = onlyIdAndKey(input.fields) && input.expand === '' ? LIGHT_PAGE_MAX : FULL_PAGE_MAX;
  const size = Math.max(1, Math.min(input.maxResults, cap));
  const page = matches.slice(token.o, token.o + size);
  const isLast = token.o + page.length >= matches.length;
  const expand = expandSet(input.expand);
  return ok(
    {
      issues: page.map((i) => issueJson(ctx.site, i, input.fields, expand)),
      ...(isLast ? {} : { nextPageToken: encodeToken({ ...token, o: token.o + page.length }) }),
      isLast,
    },
    { core: page.length },
  );
}

export function approximateCount(ctx: HandlerContext): HandlerResult {
  const body = (ctx.req.body ?? {}) as { jql?: unknown };
  if (typeof body !== 'object' || (body.jql !== undefined && typeof body.jql !== 'string')) return badRequest('The request body is invalid.');
  const query = parse(typeof body.jql === 'string' ? body.jql : '');
  if (isResult(query)) return query;
  // A lagging count sees the site as it was countLagMs ago.
  const lag = ctx.site.countLagMs ?? 0;
  const matches = cachedRun(ctx, String(body.jql), query, ctx.now, lag > 0 ? ctx.now - lag : undefined);
  if (isResult(matches)) return matches;
  return ok({ count: matches.length });
}

function readInput(ctx: HandlerContext): SearchInput | HandlerResult {
  if (ctx.req.method === 'GET') {
    const q = ctx.req.query;
    const max = intParam(q, 'maxResults');
    if (Number.isNaN(max)) return badRequest('maxResults must be a number.');
    return {
      jql: q.get('jql') ?? '',
      ...(q.get('nextPageToken') ? { nextPageToken: q.get('nextPageToken') as string } : {}),
      maxResults: max ?? 50,
      fields: listParam(q, 'fields'),
      expand: q.get('expand') ?? '',
    };
  }
  const b = ctx.req.body;
  if (typeof b !== 'object' || b === null || Array.isArray(b)) return badRequest('The request body is missing or invalid.');
  const body = b as Record<string, unknown>;
  const strings = (v: unknown) => Array.isArray(v) && v.every((x) => typeof x === 'string');
  if (body.jql !== undefined && typeof body.jql !== 'string') return badRequest("'jql' must be a string.");
  if (body.fields !== undefined && !strings(body.fields)) return badRequest("'fields' must be a list of strings.");
  if (body.maxResults !== undefined && typeof body.maxResults !== 'number') return badRequest("'maxResults' must be a number.");
  if (body.nextPageToken !== undefined && body.nextPageToken !== null && typeof body.nextPageToken !== 'string') return badRequest("'nextPageToken' must be a string.");
  return {
    jql: (body.jql as string | undefined) ?? '',
    ...(typeof body.nextPageToken === 'string' ? { nextPageToken: body.nextPageToken } : {}),
    maxResults: (body.maxResults as number | undefined) ?? 50,
    fields: ((body.fields as string[] | undefined) ?? []).flatMap((f) => f.split(',')).map((f) => f.trim()).filter(Boolean),
    expand: typeof body.expand === 'string' ? body.expand : '',
  };
}

function parse(jql: string): Query | HandlerResult {
  try {
    const q = parseJql(jql);
    return isBounded(q) ? q : badRequest(UNBOUNDED);
  } catch (e) {
    if (e instanceof JqlError) return badRequest(e.message);
    throw e;
  }
}

/** The last few result lists, so paging a large result does not re-run the query per page. */
const caches = new WeakMap<SiteData, Map<string, number[]>>();

function cachedRun(ctx: HandlerContext, jql: string, query: Query, at: number, asOf?: number): number[] | HandlerResult {
  const store = ctx.site.issues;
  const key = [ctx.caller.user.idx, ctx.caller.isApp, ctx.access.version, store.issueCount, store.eventCount, at, asOf ?? '', jql].join('|');
  let cache = caches.get(ctx.site);
  if (!cache) caches.set(ctx.site, (cache = new Map()));
  const hit = cache.get(key);
  if (hit) return hit;
  try {
    const result = runQuery(query, { site: ctx.site, access: ctx.access, caller: ctx.caller, now: at, ...(asOf === undefined ? {} : { asOf }) });
    cache.set(key, result);
    if (cache.size > 16) cache.delete(cache.keys().next().value as string);
    return result;
  } catch (e) {
    if (e instanceof JqlError) return badRequest(e.message);
    throw e;
  }
}

function hash(text: string): string {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return (h >>> 0).toString(36);
}

function encodeToken(t: PageToken): string {
  return Buffer.from(JSON.stringify(t)).toString('base64url');
}

function decodeToken(raw: string): PageToken | null {
  try {
    const t = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Partial<PageToken>;
    return typeof t.o === 'number' && typeof t.t === 'number' && typeof t.h === 'string' ? { o: t.o, t: t.t, h: t.h } : null;
  } catch {
    return null;
  }
}
