// Evaluates a parsed JQL query against the issue store: each clause becomes a predicate, and
// clauses that an index can answer (project, key, updatedBy, history) also narrow the candidates
// so that a search on the large site never scans what it does not need to.
import type { Caller, Access } from '../access.js';
import type { SiteData, SimUser } from '../model.js';
import { EVENT_KIND, STATUSES } from '../store/issues.js';
import type { ChangedPredicate, Expr, Query, Value } from './ast.js';
import { DAY_MS, parseJqlDate, relativeOffset } from './dates.js';
import { issuesUpdatedBy, issuesWithStatusChange, issuesWithWorklogBy } from './history.js';
import { JqlError } from './lexer.js';

export interface EvalContext {
  site: SiteData;
  access: Access;
  caller: Caller;
  now: number;
  /** Events and issues after this instant are not visible yet (a lagging count); none: all are. */
  asOf?: number;
}

interface Compiled {
  test: (issue: number) => boolean;
  /** Issues that can match (a superset), or null for "any issue". */
  candidates: number[] | null;
}

const KEY_FIELDS = new Set(['key', 'issuekey', 'issue', 'id']);
const USER_FIELDS = new Set(['creator', 'reporter', 'assignee']);
const DATE_FIELDS: Record<string, 'created' | 'updated'> = { created: 'created', createddate: 'created', updated: 'updated', updateddate: 'updated' };

export function isBounded(q: Query): boolean {
  return q.where !== null;
}

/** Matching issue indexes the caller may browse, in query order. */
export function runQuery(q: Query, ctx: EvalContext): number[] {
  const browsable = new Uint8Array(ctx.site.projects.length);
  for (const p of ctx.site.projects) browsable[p.idx] = ctx.access.canBrowse(ctx.caller, p) ? 1 : 0;
  const store = ctx.site.issues;
  const compiled = q.where ? compile(q.where, ctx) : { test: () => true, candidates: null };
  const out: number[] = [];
  const asOf = ctx.asOf ?? Number.MAX_SAFE_INTEGER;
  const consider = (i: number) => {
    if (browsable[store.project.get(i)] === 1 && store.created.get(i) <= asOf && compiled.test(i)) out.push(i);
  };
  if (compiled.candidates) for (const i of compiled.candidates) consider(i);
  else for (let i = 0; i < store.issueCount; i++) consider(i);
  sortIssues(out, q, ctx.site);
  return out;
}

function compile(e: Expr, ctx: EvalContext): Compiled {
  switch (e.type) {
    case 'and': {
      const parts = e.items.map((x) => compile(x, ctx));
      const narrowest = parts.map((p) => p.candidates).filter((c): c is number[] => c !== null).sort((a, b) => a.length - b.length)[0];
      return { test: (i) => parts.every((p) => p.test(i)), candidates: narrowest ?? null };
    }
    case 'or': {
      const parts = e.items.map((x) => compile(x, ctx));
      const all = parts.every((p) => p.candidates !== null);
      return {
        test: (i) => parts.some((p) => p.test(i)),
        candidates: all ? [...new Set(parts.flatMap((p) => p.candidates ?? []))] : null,
      };
    }
    case 'not': {
      const inner = compile(e.expr, ctx);
      return { test: (i) => !inner.test(i), candidates: null };
    }
    case 'changed':
      return compileChanged(e.field, e.predicates, ctx);
    case 'clause':
      return compileClause(e, ctx);
  }
}

function fromSet(set: Set<number>, negate: boolean): Compiled {
  return negate ? { test: (i) => !set.has(i), candidates: null } : { test: (i) => set.has(i), candidates: [...set] };
}

function literals(v: Value): Value[] {
  return v.kind === 'list' ? v.items : [v];
}

function compileClause(e: Extract<Expr, { type: 'clause' }>, ctx: EvalContext): Compiled {
  const { site } = ctx;
  const store = site.issues;
  const negate = e.op === '!=' || e.op === 'not in' || e.op === 'is not';
  const field = e.field;
  const needOps = (ops: string[]) => {
    if (!ops.includes(e.op)) throw new JqlError(`The operator '${e.op.toUpperCase()}' is not supported by the '${field}' field.`);
  };

  if (field === 'project') {
    needOps(['=', '!=', 'in', 'not in']);
    const idxs = new Set<number>();
    for (const v of literals(e.value)) {
      const text = v.kind === 'literal' ? v.text : '';
      const p = site.projectsByKey.get(text.toUpperCase()) ?? site.projectsById.get(text) ?? site.projects.find((x) => x.name.toLowerCase() === text.toLowerCase());
      // A project the caller cannot browse is answered as if it did not exist (Jira's 400).
      if (!p || !ctx.access.canBrowse(ctx.caller, p)) throw new JqlError(`The value '${text}' does not exist for the field 'project'.`);
      idxs.add(p.idx);
    }
    if (negate) return { test: (i) => !idxs.has(store.project.get(i)), candidates: null };
    return { test: (i) => idxs.has(store.project.get(i)), candidates: [...idxs].flatMap((p) => store.byProject[p] ?? []) };
  }

  if (KEY_FIELDS.has(field)) {
    needOps(['=', '!=', 'in', 'not in']);
    const set = new Set<number>();
    for (const v of literals(e.value)) {
      if (v.kind === 'func') {
        for (const i of functionIssues(v, ctx)) set.add(i);
        continue;
      }
      const text = v.kind === 'literal' ? v.text : '';
      const idx = issueIndex(site, text);
      if (idx === undefined) throw new JqlError(`An issue with key '${text}' does not exist for field '${field}'.`);
      set.add(idx);
    }
    return fromSet(set, negate);
  }

  if (USER_FIELDS.has(field)) {
    needOps(['=', '!=', 'in', 'not in', 'is', 'is not']);
    const column = field === 'creator' ? store.creator : field === 'reporter' ? store.reporter : store.assignee;
    if (e.value.kind === 'empty') return { test: (i) => (column.get(i) === -1) !== negate, candidates: null };
    const users = new Set(literals(e.value).map((v) => userOf(v, field, ctx).idx));
    return { test: (i) => users.has(column.get(i)) !== negate, candidates: null };
  }

  if (field === 'worklogauthor') {
    needOps(['=', '!=', 'in', 'not in']);
    const set = new Set<number>();
    for (const v of literals(e.value)) for (const i of issuesWithWorklogBy(site, userOf(v, field, ctx).idx, ctx.asOf)) set.add(i);
    return fromSet(set, negate);
  }

  if (field === 'worklogdate') {
    // Issues with a worklog whose date compares (Jira's worklogDate field).
    needOps(['=', '>', '>=', '<', '<=']);
    const at = parseJqlDate(e.value, ctx.now, { field });
    // A worklog's date is a day: `worklogDate = "2024-05-01"` matches a worklog on that day (Jira's
    // usual "work logged on a day" query), not only one at midnight.
    const dayOnly = e.value.kind === 'literal' && /^\d{4}[-/]\d{1,2}[-/]\d{1,2}$/.test(e.value.text.trim());
    const cmp: Record<string, (t: number) => boolean> = { '=': dayOnly ? (t) => t >= at && t < at + DAY_MS : (t) => t === at, '>': (t) => t > at, '>=': (t) => t >= at, '<': (t) => t < at, '<=': (t) => t <= at };
    const f = cmp[e.op] as (t: number) => boolean;
    const asOf = ctx.asOf ?? Number.MAX_SAFE_INTEGER;
    return { test: (i) => store.eventsOfIssue(i).some((ev) => store.evKind.get(ev) === EVENT_KIND.worklog && store.evTime.get(ev) <= asOf && f(store.evTime.get(ev))), candidates: null };
  }

  const dateField = DATE_FIELDS[field];
  if (dateField) {
    needOps(['=', '!=', '>', '>=', '<', '<=']);
    const column = dateField === 'created' ? store.created : store.updated;
    const at = parseJqlDate(e.value, ctx.now, { field });
    const cmp: Record<string, (t: number) => boolean> = {
      '=': (t) => t === at,
      '!=': (t) => t !== at,
      '>': (t) => t > at,
      '>=': (t) => t >= at,
      '<': (t) => t < at,
      '<=': (t) => t <= at,
    };
    const f = cmp[e.op] as (t: number) => boolean;
    return { test: (i) => f(column.get(i)), candidates: null };
  }

  if (field === 'labels') {
    needOps(['=', '!=', 'in', 'not in', 'is', 'is not']);
    const labelsOf = (i: number) => store.written.get(i)?.labels ?? [];
    if (e.value.kind === 'empty') return { test: (i) => (labelsOf(i).length === 0) !== negate, candidates: null };
    const wanted = new Set(literals(e.value).map((v) => (v.kind === 'literal' ? v.text : '')));
    return { test: (i) => labelsOf(i).some((l) => wanted.has(l)) !== negate, candidates: negate ? null : [...store.written.keys()] };
  }

  const property = /^issue\.property\[([^\]]+)\]\.(.+)$/.exec(field);
  if (property) {
    // Entity property search (string values, exact match). Real Jira indexes only properties an app's
    // jira:entityProperty module declares; the simulator indexes every property written with an issue.
    needOps(['=', '!=', 'in', 'not in']);
    const [, propertyKey, path] = property as unknown as [string, string, string];
    const valueOf = (i: number): unknown => {
      const props = store.written.get(i)?.properties;
      if (!props) return undefined;
      for (const [k, v] of props) if (k.toLowerCase() === propertyKey) return path.split('.').reduce<unknown>((o, part) => (typeof o === 'object' && o !== null ? Object.entries(o).find(([name]) => name.toLowerCase() === part)?.[1] : undefined), v);
      return undefined;
    };
    const wanted = new Set(literals(e.value).map((v) => (v.kind === 'literal' ? v.text : '')));
    return { test: (i) => wanted.has(String(valueOf(i))) !== negate, candidates: negate ? null : [...store.written.keys()] };
  }

  if (field === 'status') {
    needOps(['=', '!=', 'in', 'not in']);
    const codes = new Set(literals(e.value).map((v) => statusCode(v, field)));
    return { test: (i) => codes.has(store.status.get(i)) !== negate, candidates: null };
  }

  throw new JqlError(`Field '${e.field}' does not exist or you do not have permission to view it.`);
}

function compileChanged(field: string, preds: ChangedPredicate[], ctx: EvalContext): Compiled {
  if (field !== 'status') throw new JqlError(`History searches do not support the '${field}' field.`);
  const filter: Parameters<typeof issuesWithStatusChange>[1] = {};
  for (const p of preds) {
    if (p.kind === 'by') filter.actors = new Set(literals(p.value).map((v) => userOf(v, 'by', ctx).idx));
    else if (p.kind === 'after') filter.after = parseJqlDate(p.value, ctx.now, { field });
    else if (p.kind === 'before') filter.before = parseJqlDate(p.value, ctx.now, { field });
    else if (p.kind === 'on') {
      const day = parseJqlDate(p.value, ctx.now, { field });
      filter.after = day - 1;
      filter.before = day + DAY_MS;
    } else if (p.kind === 'during') {
      const [a, b] = literals(p.value);
      if (!a || !b) throw new JqlError("The 'DURING' predicate needs two dates.");
      filter.after = parseJqlDate(a, ctx.now, { field }) - 1;
      filter.before = parseJqlDate(b, ctx.now, { field, endOfDay: true }) + 1;
    } else if (p.kind === 'from') filter.from = new Set(literals(p.value).map((v) => statusCode(v, field)));
    else filter.to = new Set(literals(p.value).map((v) => statusCode(v, field)));
  }
  if (ctx.asOf !== undefined) filter.before = Math.min(filter.before ?? Number.MAX_SAFE_INTEGER, ctx.asOf + 1);
  return fromSet(issuesWithStatusChange(ctx.site, filter), false);
}

/** Issues named by a function used as a value: updatedBy(user, from?, to?). */
function functionIssues(v: Extract<Value, { kind: 'func' }>, ctx: EvalContext): Set<number> {
  if (v.name !== 'updatedby') throw new JqlError(`Unable to find JQL function '${v.name}()'.`);
  const [who, fromText, toText] = v.args;
  if (!who || v.args.length > 3) throw new JqlError("Function 'updatedBy' expects between 1 and 3 arguments, but got " + v.args.length + '.');
  const user = userOf({ kind: 'literal', text: who }, 'updatedBy', ctx);
  const bound = (text: string | undefined, end: boolean): number | undefined => {
    if (text === undefined) return undefined;
    const rel = relativeOffset(text);
    // Values below a day round up to one day (Jira's documentation of updatedBy).
    if (rel !== undefined) return ctx.now + Math.sign(rel || -1) * Math.max(Math.abs(rel), DAY_MS);
    return parseJqlDate(text, ctx.now, { endOfDay: end, field: 'updatedBy' });
  };
  return issuesUpdatedBy(ctx.site, user.idx, bound(fromText, false) ?? 0, Math.min(bound(toText, true) ?? Number.MAX_SAFE_INTEGER, ctx.asOf ?? Number.MAX_SAFE_INTEGER));
}

function userOf(v: Value, field: string, ctx: EvalContext): SimUser {
  if (v.kind === 'func' && v.name === 'currentuser') return ctx.caller.user;
  const text = v.kind === 'literal' ? v.text : '';
  const u = ctx.site.usersByAccountId.get(text);
  if (!u) throw new JqlError(`The value '${text}' does not exist for the field '${field}'.`);
  return u;
}

function statusCode(v: Value, field: string): number {
  const text = v.kind === 'literal' ? v.text.toLowerCase() : '';
  const i = STATUSES.findIndex((s) => s.name.toLowerCase() === text || s.id === text);
  if (i < 0) throw new JqlError(`The value '${text}' does not exist for the field '${field}'.`);
  return i;
}

function issueIndex(site: SiteData, text: string): number | undefined {
  const byId = site.issues.issueIndexOfId(text);
  if (byId !== undefined) return byId;
  const m = /^([A-Za-z][A-Za-z0-9_]*)-(\d+)$/.exec(text);
  const p = m ? site.projectsByKey.get((m[1] as string).toUpperCase()) : undefined;
  return p ? site.issues.byProject[p.idx]?.[Number(m?.[2]) - 1] : undefined;
}

function sortIssues(list: number[], q: Query, site: SiteData): void {
  const s = site.issues;
  const keyCmp = (a: number, b: number) => {
    const pa = site.projects[s.project.get(a)]?.key ?? '';
    const pb = site.projects[s.project.get(b)]?.key ?? '';
    return pa < pb ? -1 : pa > pb ? 1 : s.num.get(a) - s.num.get(b);
  };
  const by: Record<string, (a: number, b: number) => number> = {
    key: keyCmp,
    issuekey: keyCmp,
    id: (a, b) => a - b,
    created: (a, b) => s.created.get(a) - s.created.get(b),
    updated: (a, b) => s.updated.get(a) - s.updated.get(b),
    project: (a, b) => s.project.get(a) - s.project.get(b),
    status: (a, b) => s.status.get(a) - s.status.get(b),
  };
  const keys = q.orderBy.map((k) => {
    const f = by[k.field];
    if (!f) throw new JqlError(`Not able to sort using field '${k.field}'.`);
    return { f, sign: k.direction === 'desc' ? -1 : 1 };
  });
  if (keys.length > 7) throw new JqlError('The ORDER BY clause can have at most 7 fields.');
  list.sort((a, b) => {
    for (const k of keys) {
      const c = k.f(a, b) * k.sign;
      if (c !== 0) return c;
    }
    return a - b;
  });
}
