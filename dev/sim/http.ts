// What handlers return, Jira's error body, and query parsing helpers.
import type { Access, Caller } from './access.js';
import type { SiteData } from './model.js';
import type { SimRequest } from './types.js';

/** Objects returned, for the points cost model (atlassian-apis.md §4.8). */
export interface Cost {
  /** Issues and projects. */
  core?: number;
  /** Users, groups, roles, permissions. */
  identity?: number;
  writes?: number;
}

export interface HandlerResult {
  status: number;
  body?: unknown;
  cost?: Cost;
}

export interface HandlerContext {
  req: SimRequest;
  params: Record<string, string>;
  site: SiteData;
  access: Access;
  caller: Caller;
  now: number;
  /** Keeps the access cache honest after writes. */
  changed(): void;
}

export type Handler = (ctx: HandlerContext) => HandlerResult;

export function ok(body: unknown, cost?: Cost): HandlerResult {
  return { status: 200, body, ...(cost ? { cost } : {}) };
}

/** Jira's ErrorCollection. */
export function jiraError(status: number, messages: string[], errors: Record<string, string> = {}): HandlerResult {
  return { status, body: { errorMessages: messages, errors } };
}

export const notFound = (message: string): HandlerResult => jiraError(404, [message]);
export const badRequest = (message: string): HandlerResult => jiraError(400, [message]);
export const forbidden = (message = 'You do not have permission to perform this operation.'): HandlerResult => jiraError(403, [message]);

/** Integer query parameter; undefined when absent; NaN when malformed. */
export function intParam(q: URLSearchParams, name: string): number | undefined {
  const raw = q.get(name);
  if (raw === null || raw === '') return undefined;
  return /^-?\d+$/.test(raw) ? Number(raw) : NaN;
}

/** Paging parameters clamped the way Jira clamps them. */
export function paging(q: URLSearchParams, o: { startName?: string; maxName?: string; defaultMax: number; maxMax: number }): { startAt: number; maxResults: number } | HandlerResult {
  const startAt = intParam(q, o.startName ?? 'startAt') ?? 0;
  const max = intParam(q, o.maxName ?? 'maxResults') ?? o.defaultMax;
  if (Number.isNaN(startAt) || Number.isNaN(max) || startAt < 0) return badRequest('Invalid paging parameters.');
  return { startAt, maxResults: Math.max(0, Math.min(max, o.maxMax)) };
}

export function isResult(x: unknown): x is HandlerResult {
  return typeof x === 'object' && x !== null && 'status' in x;
}

/** Multi-valued query parameter: repeated and/or comma separated. */
export function listParam(q: URLSearchParams, name: string): string[] {
  return q
    .getAll(name)
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v.length > 0);
}

/** Jira's timestamp format, e.g. 2024-05-01T10:00:00.000+0000. */
export function jiraDate(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}
