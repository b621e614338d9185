// Every endpoint the simulator implements, called as the app and as personas, success and error
// cases, several pages: every answer must conform to the official spec.
import { describe, expect, it } from 'vitest';
import { implementedOperations } from '../../dev/sim/index.js';
import { findOperation, SPEC_EXCEPTIONS, validateResponse } from './spec.js';
import { APP, asUser, call, demoSite, type Json } from './sim-helpers.js';

const site = demoSite();
const [siteAdmin, adminA, adminB, plain] = site.personas();
const A = adminA!.projects[0]!;
const B = adminB!.projects[0]!;
const users = [siteAdmin, adminA, adminB, plain].map((p) => asUser(p!.accountId));
const callers = [APP, ...users];
const integration = site.truth.integrationAccountIds()[0]!;

async function conform(method: string, path: string, o: Parameters<typeof call>[3] = {}): Promise<Awaited<ReturnType<typeof call>>> {
  const res = await call(site, method, path, o);
  const errors = validateResponse(method, path, res.status, res.body);
  expect(errors, `${method} ${path} → ${res.status}`).toEqual([]);
  return res;
}

describe('contract: spec module', () => {
  it('finds operations for concrete paths', () => {
    expect(findOperation('GET', '/rest/api/3/project/search')?.operationId).toBe('searchProjects');
    expect(findOperation('GET', '/rest/api/3/project/ABC')?.operationId).toBe('getProject');
    expect(findOperation('GET', '/rest/api/3/project/ABC/role/10002')?.operationId).toBe('getProjectRole');
    expect(findOperation('POST', '/rest/api/3/search/jql')?.operationId).toBe('searchAndReconsileIssuesUsingJqlPost');
  });

  it('rejects unknown methods and paths', () => {
    expect(findOperation('GET', '/rest/api/3/nothing-here')).toBeNull();
    expect(findOperation('PATCH', '/rest/api/3/myself')).toBeNull();
    expect(findOperation('DELETE', '/rest/api/3/search/approximate-count')).toBeNull();
    expect(findOperation('GET', '/rest/api/2/myself/extra')).toBeNull();
  });

  it('lists each spec exception once, with a reason', () => {
    expect(SPEC_EXCEPTIONS.map((e) => e.schema).sort()).toEqual(['AuditRecordBean', 'RoleActor']);
  });

  it('catches a body that breaks the schema', () => {
    expect(validateResponse('GET', '/rest/api/3/myself', 200, { accountId: 42 })).not.toEqual([]);
    expect(validateResponse('GET', '/rest/api/3/myself', 200, { accountId: 'x', surprise: true })).not.toEqual([]);
  });

  it('every implemented operation exists in the spec', () => {
    for (const op of implementedOperations()) {
      const concrete = op.template.replace(/\{[^}]+\}/g, 'X1');
      expect(findOperation(op.method, concrete)?.template, `${op.method} ${op.template}`).toBe(op.template);
    }
  });
});

describe('contract: identity and projects', () => {
  it('myself, mypermissions', async () => {
    for (const caller of callers) {
      await conform('GET', '/rest/api/3/myself', { caller, query: { expand: 'groups,applicationRoles' } });
      await conform('GET', '/rest/api/3/mypermissions', { caller, query: { permissions: 'ADMINISTER,ADMINISTER_PROJECTS,BROWSE_PROJECTS' } });
      await conform('GET', '/rest/api/3/mypermissions', { caller, query: { permissions: 'ADMINISTER_PROJECTS,BROWSE_PROJECTS,EDIT_ISSUES', projectKey: A } });
    }
    expect((await conform('GET', '/rest/api/3/mypermissions', {})).status).toBe(400);
    expect((await conform('GET', '/rest/api/3/mypermissions', { query: { permissions: 'BROWSE_PROJECTS', projectKey: 'NOPE' } })).status).toBe(404);
  });

  it('project search (pages, expands, actions) and get project', async () => {
    for (const caller of callers) {
      for (let startAt = 0; startAt < 30; startAt += 10) {
        await conform('GET', '/rest/api/3/project/search', { caller, query: { startAt: String(startAt), maxResults: '10', expand: 'lead,description,insight' } });
      }
      await conform('GET', '/rest/api/3/project/search', { caller, query: { action: 'edit', orderBy: '-lastIssueUpdatedDate' } });
      await conform('GET', `/rest/api/3/project/${A}`, { caller });
    }
    expect((await conform('GET', '/rest/api/3/project/search', { query: { orderBy: 'bogus' } })).status).toBe(400);
    expect((await conform('GET', '/rest/api/3/project/NOPE')).status).toBe(404);
  });

  it('permissions/check', async () => {
    const body = { globalPermissions: ['ADMINISTER'], projectPermissions: [{ permissions: ['BROWSE_PROJECTS', 'ADMINISTER_PROJECTS'] }] };
    for (const caller of callers) await conform('POST', '/rest/api/3/permissions/check', { caller, body });
    const other = await conform('POST', '/rest/api/3/permissions/check', { body: { ...body, accountId: integration } });
    expect(other.status).toBe(200);
    expect((await conform('POST', '/rest/api/3/permissions/check', { caller: users[3], body: { ...body, accountId: integration } })).status).toBe(403);
    expect((await conform('POST', '/rest/api/3/permissions/check', { body: { globalPermissions: ['NOPE'] } })).status).toBe(400);
  });
});

describe('contract: directory', () => {
  it('users/search pages through everyone', async () => {
    let seen = 0;
    for (let startAt = 0; ; startAt += 20) {
      const r = await conform('GET', '/rest/api/3/users/search', { query: { startAt: String(startAt), maxResults: '20' } });
      const n = (r.body as unknown[]).length;
      seen += n;
      if (n < 20) break;
    }
    expect(seen).toBe(site.truth.sizes().users);
  });

  it('user, user/bulk, user/search, user/groups', async () => {
    const ids = site.truth.integrationAccountIds().slice(0, 14);
    const first = await conform('GET', '/rest/api/3/user/bulk', { query: { accountId: ids } });
    expect(first.json.isLast).toBe(false);
    await conform('GET', '/rest/api/3/user/bulk', { query: { accountId: ids, startAt: '10' } });
    expect((await conform('GET', '/rest/api/3/user/bulk', {})).status).toBe(400);
    for (const caller of callers) {
      await conform('GET', '/rest/api/3/user', { caller, query: { accountId: integration, expand: 'groups,applicationRoles' } });
      await conform('GET', '/rest/api/3/user/search', { caller, query: { query: 's' } });
      await conform('GET', '/rest/api/3/user/groups', { caller, query: { accountId: siteAdmin!.accountId } });
    }
    expect((await conform('GET', '/rest/api/3/user', { query: { accountId: 'nobody' } })).status).toBe(404);
    expect((await conform('GET', '/rest/api/3/user/search', {})).status).toBe(400);
    expect((await conform('GET', '/rest/api/3/user/groups', { query: { accountId: 'nobody' } })).status).toBe(404);
  });

  it('group/member pages', async () => {
    const groups = (await conform('GET', '/rest/api/3/user/groups', { query: { accountId: plain!.accountId } })).body as Array<{ groupId: string }>;
    const groupId = groups[0]!.groupId;
    for (let startAt = 0; startAt < 60; startAt += 15) {
      await conform('GET', '/rest/api/3/group/member', { query: { groupId, startAt: String(startAt), maxResults: '15', includeInactiveUsers: 'true' } });
    }
    expect((await conform('GET', '/rest/api/3/group/member', {})).status).toBe(400);
    expect((await conform('GET', '/rest/api/3/group/member', { query: { groupId: 'nope' } })).status).toBe(404);
  });

  it('roles', async () => {
    await conform('GET', '/rest/api/3/role');
    expect((await conform('GET', '/rest/api/3/role', { caller: users[3] })).status).toBe(403);
    for (const caller of callers) {
      await conform('GET', `/rest/api/3/project/${A}/role`, { caller });
      for (const id of ['10000', '10001', '10002', '10003']) await conform('GET', `/rest/api/3/project/${A}/role/${id}`, { caller });
    }
    expect((await conform('GET', `/rest/api/3/project/${B}/role/10002`, { caller: users[1] })).status).toBe(404);
  });

  it('audit records', async () => {
    for (let offset = 0; offset < 300; offset += 100) {
      await conform('GET', '/rest/api/3/auditing/record', { query: { offset: String(offset), limit: '100' } });
    }
    await conform('GET', '/rest/api/3/auditing/record', { caller: users[0], query: { filter: 'group', from: '2020-01-01T00:00:00.000+0000' } });
    expect((await conform('GET', '/rest/api/3/auditing/record', { caller: users[1] })).status).toBe(403);
  });
});

describe('contract: issues', () => {
  const jql = `project = ${A} ORDER BY key`;

  it('search/jql (POST and GET, pages, fields, expand) and approximate-count', async () => {
    let token: string | undefined;
    for (let page = 0; page < 3; page++) {
      const r = await conform('POST', '/rest/api/3/search/jql', {
        body: { jql, maxResults: 25, fields: ['summary', 'project', 'creator', 'reporter', 'assignee', 'status', 'created', 'updated', 'issuetype'], expand: 'changelog', ...(token ? { nextPageToken: token } : {}) },
      });
      token = r.json.nextPageToken as string | undefined;
    }
    for (const caller of callers) {
      await conform('GET', '/rest/api/3/search/jql', { caller, query: { jql, fields: 'key', maxResults: '100' } });
      await conform('POST', '/rest/api/3/search/approximate-count', { caller, body: { jql } });
    }
    expect((await conform('POST', '/rest/api/3/search/jql', { body: { jql: 'ORDER BY key' } })).status).toBe(400);
    expect((await conform('POST', '/rest/api/3/search/jql', { body: { jql: 'project = = 1' } })).status).toBe(400);
    expect((await conform('POST', '/rest/api/3/search/approximate-count', { body: { jql: '' } })).status).toBe(400);
  });

  it('issue reads: get, changelog pages, bulk changelogs, comments, worklogs', async () => {
    const keys = ((await call(site, 'POST', '/rest/api/3/search/jql', { body: { jql, fields: ['key'], maxResults: 40 } })).json.issues as Json[]).map((i) => i.key as string);
    const bulk = await conform('POST', '/rest/api/3/changelog/bulkfetch', { body: { issueIdsOrKeys: keys, maxResults: 20 } });
    await conform('POST', '/rest/api/3/changelog/bulkfetch', { body: { issueIdsOrKeys: keys, maxResults: 20, nextPageToken: bulk.json.nextPageToken } });
    expect((await conform('POST', '/rest/api/3/changelog/bulkfetch', { body: { issueIdsOrKeys: [] } })).status).toBe(400);
    for (const key of keys.slice(0, 10)) {
      await conform('GET', `/rest/api/3/issue/${key}`, { query: { expand: 'changelog' } });
      await conform('GET', `/rest/api/3/issue/${key}/changelog`, { query: { maxResults: '2' } });
      await conform('GET', `/rest/api/3/issue/${key}/changelog`, { query: { startAt: '2', maxResults: '2' } });
      await conform('GET', `/rest/api/3/issue/${key}/comment`, { query: { orderBy: '-created' } });
      await conform('GET', `/rest/api/3/issue/${key}/worklog`);
    }
    expect((await conform('GET', `/rest/api/3/issue/${A}-999999`)).status).toBe(404);
    expect((await conform('GET', `/rest/api/3/issue/${A}-999999/comment`)).status).toBe(404);
  });

  it('issue writes: create, edit, notify', async () => {
    const created = await conform('POST', '/rest/api/3/issue', { caller: users[1], body: { fields: { project: { key: A }, summary: 'From a test', issuetype: { name: 'Task' } } } });
    expect(created.status).toBe(201);
    const key = created.json.key as string;
    expect((await conform('PUT', `/rest/api/3/issue/${key}`, { caller: users[1], body: { fields: { summary: 'Edited' } } })).status).toBe(204);
    expect((await conform('PUT', `/rest/api/3/issue/${key}`, { caller: users[1], body: { fields: { nonsense: 1 } } })).status).toBe(400);
    expect((await conform('POST', `/rest/api/3/issue/${key}/notify`, { body: { subject: 'Hi', textBody: 'Hello' } })).status).toBe(204);
    expect((await conform('POST', '/rest/api/3/issue', { body: { fields: { project: { key: 'NOPE' } } } })).status).toBe(400);
  });

  it('issue types: the project lists them, create refuses an unknown one, and entity properties and labels are searchable', async () => {
    const project = (await conform('GET', `/rest/api/3/project/${A}`, { query: { expand: 'issueTypes' } })).json;
    const types = project.issueTypes as Json[];
    expect(types.map((t) => t.id)).toContain('10001');
    const bad = await conform('POST', '/rest/api/3/issue', { body: { fields: { project: { key: A }, summary: 'x', issuetype: { id: '999999' } } } });
    expect(bad.status).toBe(400);
    expect((bad.json.errors as Json).issuetype).toBe('Specify a valid issue type');
    const body = { fields: { project: { key: A }, summary: 'Keyed', issuetype: { id: '10001' }, labels: ['integration-registry'] }, properties: [{ key: 'integration-registry', value: { workItem: 'remind:abc' } }] };
    const made = await conform('POST', '/rest/api/3/issue', { body });
    expect(made.status).toBe(201);
    const search = async (jql: string) => ((await conform('POST', '/rest/api/3/search/jql', { body: { jql, fields: ['labels', 'issuetype'] } })).json.issues as Json[]).map((i) => i.id);
    expect(await search('issue.property[integration-registry].workItem = "remind:abc"')).toEqual([made.json.id]);
    expect(await search('issue.property[integration-registry].workItem = "remind:other"')).toEqual([]);
    expect(await search(`labels = integration-registry AND project = ${A}`)).toContain(made.json.id);
  });
});

describe('contract: recorded traffic', () => {
  it('contains only operations the spec has', () => {
    const recorded = site.recorded();
    expect(recorded.length).toBeGreaterThan(150);
    const unknown = recorded.filter((r) => findOperation(r.method, r.path) === null);
    expect(unknown).toEqual([]);
  });

  it('exercised every implemented operation', () => {
    const hit = new Set(site.recorded().map((r) => `${r.method} ${findOperation(r.method, r.path)?.template}`));
    const missed = implementedOperations().filter((op) => !hit.has(`${op.method} ${op.template}`));
    expect(missed).toEqual([]);
  });
});
