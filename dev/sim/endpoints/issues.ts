// Issue reads and writes: GET/PUT /issue/{key}, POST /issue, POST /issue/{key}/notify. Writes
// become events in the store, so searches, counts and changelogs see them.
import { badRequest, forbidden, isResult, jiraError, listParam, ok, type HandlerContext, type HandlerResult } from '../http.js';
import { expandSet } from '../render/project.js';
import { issueJson, issueKeyOf } from '../render/issue.js';
import { CHANGE_FIELDS, EVENT_KIND } from '../store/issues.js';
import { findIssueType } from '../store/issue-types.js';
import { browsableIssue, findProject } from './lookup.js';

type Fields = Record<string, unknown>;

function fieldsOf(body: unknown): { fields: Fields; update: Fields } | null {
  if (typeof body !== 'object' || body === null) return null;
  const b = body as { fields?: unknown; update?: unknown };
  const obj = (v: unknown): Fields => (typeof v === 'object' && v !== null ? (v as Fields) : {});
  return { fields: obj(b.fields), update: obj(b.update) };
}

function accountIdOf(v: unknown): string | undefined {
  return typeof v === 'object' && v !== null && typeof (v as { accountId?: unknown }).accountId === 'string' ? (v as { accountId: string }).accountId : undefined;
}

export function getIssue(ctx: HandlerContext): HandlerResult {
  const issue = browsableIssue(ctx, ctx.params.issueIdOrKey ?? '');
  if (isResult(issue)) return issue;
  const fields = listParam(ctx.req.query, 'fields');
  return ok(issueJson(ctx.site, issue, fields.length > 0 ? fields : ['*all'], expandSet(ctx.req.query.get('expand'))), { core: 1 });
}

export function createIssue(ctx: HandlerContext): HandlerResult {
  const input = fieldsOf(ctx.req.body);
  if (!input) return badRequest('The request body is missing.');
  const { fields } = input;
  const ref = fields.project as { key?: unknown; id?: unknown } | undefined;
  const projectRef = typeof ref?.key === 'string' ? ref.key : typeof ref?.id === 'string' ? ref.id : undefined;
  const project = projectRef ? findProject(ctx, projectRef) : undefined;
  const errors: Record<string, string> = {};
  if (!project || !ctx.access.canBrowse(ctx.caller, project)) errors.project = 'Specify a valid project ID or key';
  if (typeof fields.summary !== 'string' || fields.summary.trim() === '') errors.summary = 'You must specify a summary of the issue.';
  const issueType = typeof fields.issuetype === 'object' && fields.issuetype !== null ? findIssueType(fields.issuetype as { id?: unknown; name?: unknown }) : undefined;
  if (typeof fields.issuetype !== 'object' || fields.issuetype === null) errors.issuetype = 'Specify an issue type';
  else if (!issueType) errors.issuetype = 'Specify a valid issue type';
  else if (issueType.subtask && typeof fields.parent !== 'object') errors.parentId = 'Given parent work item does not belong to appropriate hierarchy.';
  const labels = labelsOf(fields.labels, errors);
  const properties = propertiesOf((ctx.req.body as { properties?: unknown }).properties, errors);
  if (Object.keys(errors).length > 0 || !project || !issueType) return jiraError(400, [], errors);
  if (!ctx.access.hasProjectPermission(ctx.caller, 'CREATE_ISSUES', project)) return forbidden('You do not have permission to create issues in this project.');
  const user = (v: unknown) => {
    const id = accountIdOf(v);
    return id ? ctx.site.usersByAccountId.get(id)?.idx : undefined;
  };
  const store = ctx.site.issues;
  const creator = ctx.caller.user.idx;
  const idx = store.addIssue({
    project: project.idx,
    creator,
    reporter: user(fields.reporter) ?? creator,
    assignee: user(fields.assignee) ?? -1,
    created: ctx.now,
    status: 0,
  });
  store.addEvent(idx, creator, ctx.now, EVENT_KIND.create);
  store.written.set(idx, { issueTypeId: issueType.id, summary: fields.summary as string, description: fields.description ?? null, labels, properties });
  const id = store.issueId(idx);
  return { status: 201, body: { id, key: issueKeyOf(ctx.site, idx), self: `${ctx.site.baseUrl}/rest/api/3/issue/${id}` }, cost: { writes: 1 } };
}

/** Labels as Jira takes them: strings without spaces, at most 255 characters each. */
function labelsOf(v: unknown, errors: Record<string, string>): string[] {
  if (v === undefined) return [];
  if (!Array.isArray(v) || v.some((l) => typeof l !== 'string' || l === '' || /\s/.test(l) || l.length > 255)) {
    errors.labels = 'Labels must be strings without spaces, of at most 255 characters.';
    return [];
  }
  return [...new Set(v as string[])];
}

/** IssueUpdateDetails.properties: entity properties set with the issue ([{ key, value }], key at most 255 characters). */
function propertiesOf(v: unknown, errors: Record<string, string>): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (v === undefined) return out;
  if (!Array.isArray(v)) {
    errors.properties = 'properties must be a list of { key, value }.';
    return out;
  }
  for (const p of v as Array<{ key?: unknown; value?: unknown }>) {
    if (typeof p !== 'object' || p === null || typeof p.key !== 'string' || p.key === '' || p.key.length > 255 || p.value === undefined) {
      errors.properties = 'Each property needs a key of at most 255 characters and a value.';
      return out;
    }
    out.set(p.key, p.value);
  }
  return out;
}

export function editIssue(ctx: HandlerContext): HandlerResult {
  const issue = browsableIssue(ctx, ctx.params.issueIdOrKey ?? '');
  if (isResult(issue)) return issue;
  const input = fieldsOf(ctx.req.body);
  const names = input ? [...new Set([...Object.keys(input.fields), ...Object.keys(input.update)])] : [];
  if (!input || names.length === 0) return badRequest('The request body is missing or changes nothing.');
  const project = ctx.site.projects[ctx.site.issues.project.get(issue)];
  if (!project || !ctx.access.hasProjectPermission(ctx.caller, 'EDIT_ISSUES', project)) return badRequest('You do not have permission to edit issues in this project.');
  const errors: Record<string, string> = {};
  const indexes = names.map((n) => {
    const i = CHANGE_FIELDS.findIndex((f) => f.fieldId === n);
    if (i < 0) errors[n] = `Field '${n}' cannot be set. It is not on the appropriate screen, or unknown.`;
    return i;
  });
  if (Object.keys(errors).length > 0) return jiraError(400, [], errors);
  const store = ctx.site.issues;
  const assignee = accountIdOf(input.fields.assignee);
  if (assignee) store.assignee.set(issue, ctx.site.usersByAccountId.get(assignee)?.idx ?? -1);
  for (const i of indexes) store.addEvent(issue, ctx.caller.user.idx, ctx.now, EVENT_KIND.field, i);
  if (ctx.req.query.get('returnIssue') === 'true') return { status: 200, body: issueJson(ctx.site, issue, ['*all'], new Set()), cost: { writes: 1, core: 1 } };
  return { status: 204, cost: { writes: 1 } };
}

export function notifyIssue(ctx: HandlerContext): HandlerResult {
  const issue = browsableIssue(ctx, ctx.params.issueIdOrKey ?? '');
  if (isResult(issue)) return issue;
  if (typeof ctx.req.body !== 'object' || ctx.req.body === null) return badRequest('The request body is missing.');
  return { status: 204, cost: { writes: 1 } };
}
