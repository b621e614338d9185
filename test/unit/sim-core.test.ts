import { describe, expect, it } from 'vitest';
import { APP, asUser, call, demoSite } from '../contract/sim-helpers.js';

const site = demoSite();
const [siteAdmin, adminA, adminB, plain] = site.personas();

function perms(json: Record<string, unknown>): Record<string, boolean> {
  const p = json.permissions as Record<string, { havePermission: boolean }>;
  return Object.fromEntries(Object.entries(p).map(([k, v]) => [k, v.havePermission]));
}

describe('sim personas', () => {
  it('has a site admin, two single-project admins and a plain user', () => {
    expect(site.personas().map((p) => p.role)).toEqual(['site-admin', 'project-admin', 'project-admin', 'user']);
    expect(adminA!.projects).toHaveLength(1);
    expect(adminB!.projects).toHaveLength(1);
    expect(adminA!.projects[0]).not.toBe(adminB!.projects[0]);
  });

  it('answers /myself for users and for the app bot', async () => {
    const me = await call(site, 'GET', '/rest/api/3/myself', { caller: asUser(plain!.accountId) });
    expect(me.status).toBe(200);
    expect(me.json.accountId).toBe(plain!.accountId);
    const bot = await call(site, 'GET', '/rest/api/3/myself');
    expect(bot.json.accountType).toBe('app');
  });

  it('rejects unknown callers with 401', async () => {
    const r = await call(site, 'GET', '/rest/api/3/myself', { caller: asUser('nobody') });
    expect(r.status).toBe(401);
  });
});

describe('sim mypermissions', () => {
  const ask = (caller: ReturnType<typeof asUser> | typeof APP, query: Record<string, string>) =>
    call(site, 'GET', '/rest/api/3/mypermissions', { caller, query });

  it('requires the permissions parameter', async () => {
    const r = await ask(APP, {});
    expect(r.status).toBe(400);
    expect(r.json.errorMessages).toHaveLength(1);
  });

  it('rejects unknown permission keys', async () => {
    expect((await ask(APP, { permissions: 'NOPE' })).status).toBe(400);
  });

  it('gives each persona the right global answers', async () => {
    const q = { permissions: 'ADMINISTER,ADMINISTER_PROJECTS,BROWSE_PROJECTS' };
    expect(perms((await ask(asUser(siteAdmin!.accountId), q)).json)).toEqual({ ADMINISTER: true, ADMINISTER_PROJECTS: true, BROWSE_PROJECTS: true });
    expect(perms((await ask(asUser(adminA!.accountId), q)).json)).toEqual({ ADMINISTER: false, ADMINISTER_PROJECTS: true, BROWSE_PROJECTS: true });
    expect(perms((await ask(asUser(plain!.accountId), q)).json)).toEqual({ ADMINISTER: false, ADMINISTER_PROJECTS: false, BROWSE_PROJECTS: true });
    expect(perms((await ask(APP, q)).json)).toEqual({ ADMINISTER: false, ADMINISTER_PROJECTS: false, BROWSE_PROJECTS: true });
  });

  it('scopes project permissions to the project', async () => {
    const q = (projectKey: string) => ({ permissions: 'ADMINISTER_PROJECTS,BROWSE_PROJECTS', projectKey });
    const a = adminA!.projects[0]!;
    const b = adminB!.projects[0]!;
    expect(perms((await ask(asUser(adminA!.accountId), q(a))).json).ADMINISTER_PROJECTS).toBe(true);
    expect(perms((await ask(asUser(adminA!.accountId), q(b))).json).ADMINISTER_PROJECTS).toBe(false);
    expect(perms((await ask(asUser(adminB!.accountId), q(b))).json).ADMINISTER_PROJECTS).toBe(true);
    expect(perms((await ask(asUser(plain!.accountId), q(a))).json)).toEqual({ ADMINISTER_PROJECTS: false, BROWSE_PROJECTS: true });
    expect(perms((await ask(asUser(siteAdmin!.accountId), q(b))).json).ADMINISTER_PROJECTS).toBe(true);
  });

  it('answers 404 for a missing project', async () => {
    expect((await ask(APP, { permissions: 'BROWSE_PROJECTS', projectKey: 'NOPE' })).status).toBe(404);
  });
});

describe('sim projects', () => {
  const search = (caller: ReturnType<typeof asUser> | typeof APP, query: Record<string, string> = {}) =>
    call(site, 'GET', '/rest/api/3/project/search', { caller, query });

  it('pages through every project without repeats', async () => {
    const keys: string[] = [];
    for (let startAt = 0; ; startAt += 7) {
      const r = await search(APP, { startAt: String(startAt), maxResults: '7' });
      expect(r.status).toBe(200);
      keys.push(...(r.json.values as Array<{ key: string }>).map((p) => p.key));
      if (r.json.isLast) break;
      expect(r.json.nextPage).toBeTypeOf('string');
    }
    expect(keys.length).toBe(site.truth.sizes().projects);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.slice(0, 2)).toEqual([adminA!.projects[0], adminB!.projects[0]]);
  });

  it('caps maxResults at 100', async () => {
    expect((await search(APP, { maxResults: '500' })).json.maxResults).toBe(100);
  });

  it('action=edit lists only administered projects', async () => {
    const keysOf = async (accountId: string) =>
      ((await search(asUser(accountId), { action: 'edit', maxResults: '100' })).json.values as Array<{ key: string }>).map((p) => p.key);
    expect(await keysOf(adminA!.accountId)).toEqual(adminA!.projects);
    expect(await keysOf(adminB!.accountId)).toEqual(adminB!.projects);
    expect(await keysOf(plain!.accountId)).toEqual([]);
    expect((await keysOf(siteAdmin!.accountId)).length).toBe(site.truth.sizes().projects);
  });

  it('hides private projects from people without a role in them', async () => {
    const all = (await search(APP, { maxResults: '100' })).json.total as number;
    const plainTotal = (await search(asUser(plain!.accountId), { maxResults: '100' })).json.total as number;
    expect(plainTotal).toBeLessThan(all);
    const hidden = ((await search(APP, { maxResults: '100' })).json.values as Array<{ key: string; isPrivate: boolean }>).find((p) => p.isPrivate)!;
    expect((await call(site, 'GET', `/rest/api/3/project/${hidden.key}`, { caller: asUser(plain!.accountId) })).status).toBe(404);
    expect((await call(site, 'GET', `/rest/api/3/project/${hidden.key}`)).status).toBe(200);
  });

  it('filters by keys and expands the lead', async () => {
    const r = await search(APP, { keys: adminB!.projects[0]!, expand: 'lead' });
    const values = r.json.values as Array<{ key: string; lead: { accountId: string } }>;
    expect(values.map((p) => p.key)).toEqual(adminB!.projects);
    expect(values[0]!.lead.accountId).toBe(adminB!.accountId);
  });

  it('gets one project by key or id, 404 with Jira error body when missing', async () => {
    const byKey = await call(site, 'GET', `/rest/api/3/project/${adminA!.projects[0]}`);
    expect(byKey.status).toBe(200);
    const byId = await call(site, 'GET', `/rest/api/3/project/${byKey.json.id as string}`);
    expect(byId.json.key).toBe(adminA!.projects[0]);
    const missing = await call(site, 'GET', '/rest/api/3/project/NOPE');
    expect(missing.status).toBe(404);
    expect(missing.json).toEqual({ errorMessages: [expect.any(String)], errors: {} });
  });

  it('answers unknown paths with 404 and a Jira error body', async () => {
    const r = await call(site, 'GET', '/rest/api/3/nothing-here');
    expect(r.status).toBe(404);
    expect(r.json).toMatchObject({ errorMessages: [expect.any(String)], errors: {} });
  });
});
