import { describe, expect, it } from 'vitest';
import { createSimSite } from '../../dev/sim/index.js';
import { APP, call, demoSite, type Json } from '../contract/sim-helpers.js';

describe('points cost model', () => {
  it('charges 1 per request, +1 per project/issue, +2 per user/group/role/permission', async () => {
    const site = demoSite();
    const [, adminA] = site.personas();
    const A = adminA!.projects[0]!;
    const cost = async (method: string, path: string, o: Parameters<typeof call>[3] = {}) => {
      site.meter.reset();
      const r = await call(site, method, path, o);
      return { points: site.meter.snapshot().points, r };
    };
    expect((await cost('GET', '/rest/api/3/project/search', { query: { maxResults: '10' } })).points).toBe(1 + 10);
    expect((await cost('GET', '/rest/api/3/project/search', { query: { maxResults: '10', expand: 'lead' } })).points).toBe(1 + 10 + 2 * 10);
    expect((await cost('GET', '/rest/api/3/users/search', { query: { maxResults: '7' } })).points).toBe(1 + 2 * 7);
    expect((await cost('GET', '/rest/api/3/mypermissions', { query: { permissions: 'ADMINISTER,BROWSE_PROJECTS' } })).points).toBe(1 + 2 * 2);
    expect((await cost('GET', '/rest/api/3/myself')).points).toBe(3);
    expect((await cost('POST', '/rest/api/3/search/approximate-count', { body: { jql: `project = ${A}` } })).points).toBe(1);
    const search = await cost('POST', '/rest/api/3/search/jql', { body: { jql: `project = ${A}`, maxResults: 20 } });
    expect(search.points).toBe(1 + 20);
    const members = await cost('GET', '/rest/api/3/group/member', { query: { groupname: 'jira-software-users', maxResults: '8' } });
    expect(members.points).toBe(17); // the rate-limiting page's own example: 8 users = 17 points
    expect((await cost('POST', `/rest/api/3/issue/${A}-1/notify`, { body: { subject: 'x' } })).points).toBe(2);
    expect((await cost('GET', '/rest/api/3/nope')).points).toBe(1);
    const snap = site.meter.snapshot();
    expect(snap.requests).toBe(1);
    expect(Object.keys(snap.byEndpoint)).toEqual(['GET (unknown)']);
  });

  it('meters per endpoint', async () => {
    const site = demoSite();
    await call(site, 'GET', '/rest/api/3/project/ABC');
    await call(site, 'GET', '/rest/api/3/project/DEF');
    expect(site.meter.snapshot().byEndpoint['GET /rest/api/3/project/{projectIdOrKey}']).toEqual({ requests: 2, points: 2 });
  });
});

describe('hourly quota', () => {
  it('sends rate-limit headers, near-limit flag, then 429 with the quota reason until the top of the hour', async () => {
    let t = Date.UTC(2026, 5, 1, 12, 59, 0);
    const site = createSimSite({ now: () => (t += 10), hourlyPoints: 100 });
    const first = await call(site, 'GET', '/rest/api/3/myself');
    expect(first.headers['X-RateLimit-Limit']).toBe('100');
    expect(first.headers['X-RateLimit-Remaining']).toBe('97');
    expect(first.headers['X-RateLimit-Reset']).toBe('2026-06-01T13:00:00.000Z');
    expect(first.headers['X-RateLimit-NearLimit']).toBeUndefined();
    expect(first.headers['Beta-RateLimit-Policy']).toBe('"global-app-quota";q=100;w=3600');
    expect(first.headers['Beta-RateLimit']).toMatch(/^"global-app-quota";t=\d+$/);
    let last = first;
    for (let i = 0; i < 40 && last.status === 200; i++) last = await call(site, 'GET', '/rest/api/3/myself');
    expect(last.status).toBe(429);
    expect(last.headers['RateLimit-Reason']).toBe('jira-quota-global-based');
    expect(Number(last.headers['Retry-After'])).toBeGreaterThan(0);
    expect(Number(last.headers['Retry-After'])).toBeLessThanOrEqual(60);
    expect(last.headers['X-RateLimit-NearLimit']).toBe('true');
    expect(last.headers['Beta-RateLimit']).toMatch(/;r=0;/);
    t = Date.UTC(2026, 5, 1, 13, 0, 1); // the top of the hour resets the pool
    expect((await call(site, 'GET', '/rest/api/3/myself')).status).toBe(200);
  });

  it('reports the tenant reason for a tenant quota', async () => {
    const site = demoSite({ hourlyPoints: 1 });
    site.quota.set({ kind: 'tenant' });
    await call(site, 'GET', '/rest/api/3/myself');
    const r = await call(site, 'GET', '/rest/api/3/myself');
    expect(r.status).toBe(429);
    expect(r.headers['RateLimit-Reason']).toBe('jira-quota-tenant-based');
    expect(r.headers['Beta-RateLimit-Policy']).toContain('tenant-app-quota');
    site.quota.set({ hourlyPoints: 1000 });
    expect((await call(site, 'GET', '/rest/api/3/myself')).status).toBe(200);
  });
});

describe('burst limits', () => {
  it('allows about 100 GETs a second per endpoint, then 429 jira-burst-based', async () => {
    const t = Date.UTC(2026, 5, 1, 12);
    const site = createSimSite({ now: () => t });
    const statuses: number[] = [];
    for (let i = 0; i < 105; i++) statuses.push((await call(site, 'GET', '/rest/api/3/myself')).status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(100);
    const r = await call(site, 'GET', '/rest/api/3/myself');
    expect(r.status).toBe(429);
    expect(r.headers['RateLimit-Reason']).toBe('jira-burst-based');
    expect(r.headers['Retry-After']).toBe('1');
    // Another endpoint has its own bucket; approximate-count allows 150.
    expect((await call(site, 'GET', '/rest/api/3/project/search')).status).toBe(200);
    let counts = 0;
    for (let i = 0; i < 160; i++) if ((await call(site, 'POST', '/rest/api/3/search/approximate-count', { body: { jql: 'project = AND' } })).status === 200) counts++;
    expect(counts).toBe(150);
  });
});

describe('faults', () => {
  it('rate-limit storms affect exactly the next N requests', async () => {
    const site = demoSite();
    site.faults.set({ rateLimitStorm: { reason: 'jira-quota-tenant-based', count: 2, retryAfterSeconds: 7 } });
    const a = await call(site, 'GET', '/rest/api/3/myself');
    const b = await call(site, 'GET', '/rest/api/3/myself');
    const c = await call(site, 'GET', '/rest/api/3/myself');
    expect([a.status, b.status, c.status]).toEqual([429, 429, 200]);
    expect(a.headers['RateLimit-Reason']).toBe('jira-quota-tenant-based');
    expect(a.headers['Retry-After']).toBe('7');
  });

  it('server errors, junk bodies and latency', async () => {
    const site = demoSite();
    site.faults.set({ serverErrors: { status: 503, count: 1 }, junkBodies: { count: 1 } });
    const err = await call(site, 'GET', '/rest/api/3/myself');
    expect(err.status).toBe(503);
    expect(err.headers['Retry-After']).toBe('2');
    const junk = await site.handle({ method: 'GET', path: '/rest/api/3/myself', query: new URLSearchParams(), caller: APP });
    expect(junk.status).toBe(200);
    expect(typeof junk.body).toBe('string');
    expect(() => JSON.parse(junk.body as string)).toThrow();
    expect(typeof (await call(site, 'GET', '/rest/api/3/myself')).json.accountId).toBe('string');
    site.faults.set({ latencyMs: 30 });
    const started = performance.now();
    await call(site, 'GET', '/rest/api/3/myself');
    expect(performance.now() - started).toBeGreaterThanOrEqual(25);
    site.faults.clear();
    site.faults.set({ serverErrors: { status: 500, count: 0 } });
    expect((await call(site, 'GET', '/rest/api/3/myself')).status).toBe(200);
  });

  it('records every request handled', async () => {
    const site = demoSite();
    site.faults.set({ serverErrors: { status: 502, count: 1 } });
    await call(site, 'GET', '/rest/api/3/myself');
    await call(site, 'GET', '/rest/api/3/project/NOPE');
    expect(site.recorded()).toEqual([
      { method: 'GET', path: '/rest/api/3/myself', status: 502 },
      { method: 'GET', path: '/rest/api/3/project/NOPE', status: 404 },
    ] satisfies Json[]);
  });
});
