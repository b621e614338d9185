import { describe, expect, it } from 'vitest';
import { createSimSite } from '../../dev/sim/index.js';
import { asUser, call, demoSite, type Json } from '../contract/sim-helpers.js';

const NOW = Date.UTC(2026, 5, 1, 12);
const DAY = 86_400_000;

async function allUsers(site: ReturnType<typeof demoSite>): Promise<Json[]> {
  return (await call(site, 'GET', '/rest/api/3/users/search', { query: { maxResults: '1000' } })).body as Json[];
}

describe('sim data', () => {
  it('is deterministic: same seed, same site; other seed, other site', async () => {
    const a = demoSite({ seed: 7, now: () => NOW });
    const b = demoSite({ seed: 7, now: () => NOW });
    const c = demoSite({ seed: 8, now: () => NOW });
    expect(await allUsers(a)).toEqual(await allUsers(b));
    expect(a.truth.sizes()).toEqual(b.truth.sizes());
    expect(a.truth.touchedPairs({ sinceMs: 0 })).toEqual(b.truth.touchedPairs({ sinceMs: 0 }));
    const jql = { jql: 'project = AND ORDER BY key', fields: ['*all'], expand: 'changelog', maxResults: 100 };
    expect((await call(a, 'POST', '/rest/api/3/search/jql', { body: jql })).body).toEqual((await call(b, 'POST', '/rest/api/3/search/jql', { body: jql })).body);
    expect(await allUsers(a)).not.toEqual(await allUsers(c));
  });

  it('has service accounts, agents, app accounts, people and a few inactive users', async () => {
    const site = demoSite({ now: () => NOW });
    const users = await allUsers(site);
    const service = users.filter((u) => u.accountType === 'app' && u.appType === 'service');
    const agents = users.filter((u) => u.appType === 'agent');
    const apps = users.filter((u) => u.accountType === 'app' && u.appType !== 'service' && u.appType !== 'agent');
    const people = users.filter((u) => u.accountType === 'atlassian');
    expect(service.length).toBe(5);
    expect(agents.length).toBeGreaterThan(0);
    expect(agents.length + apps.length).toBe(10);
    expect(apps.some((u) => u.appType === undefined) && apps.some((u) => u.appType === 'unknown')).toBe(true);
    expect(people.length).toBe(40);
    expect(people.filter((u) => u.active === false).length).toBeGreaterThanOrEqual(2);
    for (const s of service) if (s.emailAddress) expect(s.emailAddress).toMatch(/@serviceaccount\.atlassian\.com$/);
    expect(service.some((s) => s.emailAddress)).toBe(true);
    const sizes = site.truth.sizes();
    expect(sizes.projects).toBe(25);
    expect(sizes.issues).toBeGreaterThan(2000);
  });

  it('truth: integrations vs ordinary people; integrations hold unused access, some only through a group', async () => {
    const site = demoSite({ now: () => NOW });
    const integrations = site.truth.integrationAccountIds();
    const people = site.truth.ordinaryPeopleAccountIds();
    expect(integrations.length).toBe(19);
    expect(integrations.filter((id) => people.includes(id))).toEqual([]);
    const pairs = site.truth.touchedPairs({ sinceMs: 0 });
    let unused = 0;
    for (const id of integrations) {
      const touched = new Set(pairs.filter((p) => p.accountId === id).map((p) => p.projectKey));
      unused += site.truth.projectsWithRole(id).filter((k) => !touched.has(k)).length;
    }
    expect(unused).toBeGreaterThan(0);
    // Some service account has roles but is named in no role directly: access through a group.
    const viaGroupOnly = [];
    for (const id of integrations) {
      const roleProjects = site.truth.projectsWithRole(id);
      if (roleProjects.length === 0) continue;
      const project = roleProjects[0]!;
      let direct = false;
      for (const role of ['10000', '10001', '10002', '10003']) {
        const r = await call(site, 'GET', `/rest/api/3/project/${project}/role/${role}`);
        if ((r.json.actors as Json[]).some((a) => (a.actorUser as Json | undefined)?.accountId === id)) direct = true;
      }
      if (!direct) viaGroupOnly.push(id);
    }
    expect(viaGroupOnly.length).toBeGreaterThan(0);
  });

  it('automation-like people work round the clock; ordinary people keep office hours', async () => {
    const site = demoSite({ now: () => NOW });
    const hoursOf = async (accountId: string) => {
      const keys = site.truth.issuesTouchedBy(accountId, { sinceMs: 0 }).slice(0, 60);
      const r = await call(site, 'POST', '/rest/api/3/changelog/bulkfetch', { body: { issueIdsOrKeys: keys, maxResults: 10000 } });
      const hours = new Set<number>();
      for (const log of r.json.issueChangeLogs as Json[]) {
        for (const h of log.changeHistories as Json[]) {
          if ((h.author as Json).accountId === accountId) hours.add(new Date(Date.parse((h.created as string).replace('+0000', 'Z'))).getUTCHours());
        }
      }
      return hours.size;
    };
    const users = await allUsers(site);
    const automationPerson = users.find((u) => u.accountType === 'atlassian' && / \((scripts|reporting|sync|ops)\)$/.test(u.displayName as string))!;
    expect(await hoursOf(automationPerson.accountId as string)).toBeGreaterThan(12);
    const worker = site.truth.ordinaryPeopleAccountIds().find((id) => site.truth.issuesTouchedBy(id, { sinceMs: 0 }).length > 30)!;
    expect(await hoursOf(worker)).toBeLessThanOrEqual(10);
  });

  it('mutations show up in search, counts and changelogs', async () => {
    let t = NOW;
    const site = createSimSite({ now: () => t });
    const [, adminA] = site.personas();
    const A = adminA!.projects[0]!;
    const recentBefore = (await call(site, 'POST', '/rest/api/3/search/approximate-count', { body: { jql: 'updated >= -1d' } })).json.count as number;
    t += DAY;
    const touched = site.mutate.touchIssues({ fraction: 0.05, at: t - 1000, seed: 3 });
    expect(touched.length).toBeGreaterThan(50);
    const recentAfter = (await call(site, 'POST', '/rest/api/3/search/approximate-count', { body: { jql: 'updated >= -1d' } })).json.count as number;
    expect(recentAfter).toBeGreaterThanOrEqual(touched.length);
    expect(recentAfter).not.toBe(recentBefore);

    const svc = site.truth.integrationAccountIds()[0]!;
    const before = site.truth.issuesTouchedBy(svc, { sinceMs: t - DAY }).length;
    site.mutate.addEvent({ issueKey: `${A}-3`, accountId: svc, kind: 'status', at: t - 500 });
    expect(site.truth.issuesTouchedBy(svc, { sinceMs: t - DAY })).toContain(`${A}-3`);
    expect(site.truth.issuesTouchedBy(svc, { sinceMs: t - DAY }).length).toBeGreaterThanOrEqual(Math.max(1, before));
    const found = (await call(site, 'POST', '/rest/api/3/search/jql', { body: { jql: `issuekey in updatedBy("${svc}", "-1d")`, fields: ['key'] } })).json.issues as Json[];
    expect(found.map((i) => i.key)).toContain(`${A}-3`);
    const log = (await call(site, 'GET', `/rest/api/3/issue/${A}-3/changelog`)).json;
    const last = (log.values as Json[]).at(-1)!;
    expect((last.author as Json).accountId).toBe(svc);
    expect(((last.items as Json[])[0] as Json).field).toBe('status');

    // Role changes apply at once.
    const plain = site.personas()[3]!;
    expect((await call(site, 'GET', '/rest/api/3/project/search', { caller: asUser(plain.accountId), query: { action: 'edit' } })).json.total).toBe(0);
    site.mutate.setRoleActor({ projectKey: A, roleName: 'Administrators', accountId: plain.accountId, present: true });
    expect((await call(site, 'GET', '/rest/api/3/project/search', { caller: asUser(plain.accountId), query: { action: 'edit' } })).json.total).toBe(1);
  });

  it('builds the large site within a few seconds, and counts fast', async () => {
    const started = performance.now();
    const site = createSimSite({ size: 'large', now: () => NOW });
    const ms = performance.now() - started;
    const sizes = site.truth.sizes();
    console.log(`large site built in ${Math.round(ms)} ms:`, sizes);
    expect(sizes.projects).toBeGreaterThanOrEqual(2000);
    expect(sizes.issues).toBeGreaterThanOrEqual(500_000);
    expect(site.truth.integrationAccountIds().length).toBeGreaterThanOrEqual(300);
    const pairs = site.truth.touchedPairs({ sinceMs: NOW - 90 * DAY });
    const busiest = pairs.sort((a, b) => b.issues - a.issues)[0]!;
    const projects = pairs.filter((p) => p.accountId === busiest.accountId).map((p) => p.projectKey);
    const t0 = performance.now();
    const r = await call(site, 'POST', '/rest/api/3/search/approximate-count', {
      body: { jql: `project in (${projects.join(', ')}) AND issuekey in updatedBy("${busiest.accountId}", "-90d")` },
    });
    console.log(`approximate-count over updatedBy × ${projects.length} projects: ${Math.round(performance.now() - t0)} ms`);
    expect(r.json.count).toBe(site.truth.issuesTouchedBy(busiest.accountId, { sinceMs: NOW - 90 * DAY }).length);
  }, 120_000);
});
