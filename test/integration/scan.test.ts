import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Host } from '../../dev/host/host';
import type { IdentityDetail, IdentityList, ScanStatus } from '../../src/contract';
import { startTestHost } from '../support/host';
import { allIdentities, asAdmin, scanToCompletion } from '../support/scan';
import { installVirtualTimers } from '../../dev/tools/virtual-clock';

// Waits (pacing, backoff, Retry-After) pass on the virtual clock, not in real time.
installVirtualTimers();

// Background retries wait 20 ms instead of 2 s here; the behaviour is the same.
process.env.SCAN_RETRY_BASE_MS = '20';

const DAY = 86_400_000;
let host: Host;

beforeAll(async () => {
  host = startTestHost();
  await scanToCompletion(host);
}, 120_000);
afterAll(() => host.close());

const sim = () => {
  if (!host.sim) throw new Error('simulated site expected');
  return host.sim;
};

describe('a full scan of the demo site', () => {
  it('finds every seeded integration identity and no ordinary person', async () => {
    const identities = await allIdentities(host);
    const found = new Set(identities.map((i) => i.accountId));
    expect([...found].sort()).toEqual([...sim().truth.integrationAccountIds()].sort());
    for (const person of sim().truth.ordinaryPeopleAccountIds()) expect(found.has(person)).toBe(false);
  });

  it('gives each identity a kind and evidence for it', async () => {
    const identities = await allIdentities(host);
    const kinds = new Set(identities.map((i) => i.kind));
    expect(kinds).toEqual(new Set(['service-account', 'app-account', 'rovo-agent', 'person-integration']));
    for (const i of identities) expect(i.evidence.length).toBeGreaterThan(0);
    for (const p of identities.filter((i) => i.kind === 'person-integration')) {
      expect(p.score).toBeGreaterThanOrEqual(0.6);
      expect(p.evidence.map((e) => e.signal)).toContain('volume');
    }
  });

  it('finds exactly the projects each identity touched in the window', async () => {
    // The scan's window starts at midnight UTC, 90 days before the day it started.
    const since = Math.floor(Date.now() / DAY) * DAY - 90 * DAY;
    // The matrix: touches per identity x project (distinct work items it acted on) equal the site's truth.
    const truth = new Map<string, Map<string, number>>();
    for (const pair of sim().truth.touchedPairs({ sinceMs: since })) {
      truth.set(pair.accountId, (truth.get(pair.accountId) ?? new Map<string, number>()).set(pair.projectKey, pair.issues));
    }
    for (const summary of await allIdentities(host)) {
      const detail = await asAdmin<IdentityDetail>(host, 'identity/get', { accountId: summary.accountId });
      const touched = Object.fromEntries(detail.projects.filter((p) => p.touches > 0).map((p) => [p.projectKey, p.touches]));
      const expected = Object.fromEntries(truth.get(summary.accountId) ?? []);
      expect(touched, summary.displayName).toEqual(expected);
      expect(detail.touches, summary.displayName).toBe(Object.values(expected).reduce((n, v) => n + v, 0));
      expect(summary.touches, summary.displayName).toBe(detail.touches);
    }
  });

  it('shows access held, directly or through groups, and flags the unused part', async () => {
    for (const summary of await allIdentities(host)) {
      const detail = await asAdmin<IdentityDetail>(host, 'identity/get', { accountId: summary.accountId });
      const withRole = sim().truth.projectsWithRole(summary.accountId);
      const access = detail.projects.filter((p) => p.hasAccess).map((p) => p.projectKey);
      expect(access, summary.displayName).toEqual(expect.arrayContaining(withRole));
      for (const p of detail.projects) expect(p.unusedAccess, `${summary.displayName} ${p.projectKey}`).toBe(p.hasAccess && p.touches === 0);
      expect(detail.unusedAccessProjects).toBe(detail.projects.filter((p) => p.unusedAccess).length);
      expect(detail.leastPrivilege.map((l) => l.projectKey).sort()).toEqual(detail.projects.filter((p) => !p.unusedAccess && p.hasAccess).map((p) => p.projectKey).sort());
    }
  });

  it('names the project roles an identity holds, directly or through a group, read in the background once it is opened', async () => {
    let viaGroup = 0;
    const recorded = sim().recorded().length;
    // The first view serves what is stored and asks the background for the rest: no Jira call for roles.
    for (const summary of await allIdentities(host)) await asAdmin<IdentityDetail>(host, 'identity/get', { accountId: summary.accountId });
    expect(sim().recorded().slice(recorded).filter((r) => r.path.includes('/role'))).toEqual([]);
    await host.queue.idle();
    for (const summary of await allIdentities(host)) {
      const detail = await asAdmin<IdentityDetail>(host, 'identity/get', { accountId: summary.accountId });
      expect(detail.rolesPending).toBe(false);
      const withRole = new Set(sim().truth.projectsWithRole(summary.accountId));
      const read = detail.projects.filter((p) => p.roles.length > 0);
      for (const p of read) expect(withRole.has(p.projectKey), `${summary.displayName} ${p.projectKey}`).toBe(true);
      for (const p of detail.projects.filter((x) => !x.unusedAccess && x.hasAccess).slice(0, 20)) {
        expect(p.roles.length > 0, `${summary.displayName} ${p.projectKey}`).toBe(withRole.has(p.projectKey));
      }
      viaGroup += read.filter((p) => p.roles.some((r) => r.via === 'group')).length;
      for (const l of detail.leastPrivilege) expect(l.roles).toEqual(detail.projects.find((p) => p.projectKey === l.projectKey)?.roles.map((r) => r.name));
    }
    expect(viaGroup).toBeGreaterThan(0);
  });

  it('reports the scan in scan/status', async () => {
    const status = await asAdmin<ScanStatus>(host, 'scan/status');
    expect(status).toMatchObject({ state: 'idle', errors: [] });
    expect(status.pointsUsed).toBeGreaterThan(0);
    expect(status.requests).toBeGreaterThan(0);
    expect(status.lastCompletedAt).not.toBeNull();
  });
});

describe('identities/list', () => {
  it('searches, filters by kind and project, sorts and pages', async () => {
    const services = await asAdmin<IdentityList>(host, 'identities/list', { kind: 'service-account' });
    expect(services.total).toBeGreaterThan(0);
    expect(services.items.every((i) => i.kind === 'service-account')).toBe(true);
    const first = services.items[0];
    if (!first) throw new Error('no service account');
    const bySearch = await asAdmin<IdentityList>(host, 'identities/list', { search: first.displayName.slice(0, 6).toUpperCase() });
    expect(bySearch.items.map((i) => i.accountId)).toContain(first.accountId);
    const sorted = await asAdmin<IdentityList>(host, 'identities/list', { sort: { field: 'projectsTouched', direction: 'desc' }, limit: 5, offset: 0 });
    const counts = sorted.items.map((i) => i.projectsTouched);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(sorted.items).toHaveLength(5);
    const page2 = await asAdmin<IdentityList>(host, 'identities/list', { sort: { field: 'projectsTouched', direction: 'desc' }, limit: 5, offset: 5 });
    expect(page2.items.map((i) => i.accountId)).not.toContain(sorted.items[0]?.accountId);
  });

  it('refuses bad input naming the field', async () => {
    const { invokeAs, persona } = await import('../support/host');
    const answer = await invokeAs(host, { as: persona(host, 'site-admin').accountId, moduleKey: 'admin-page', functionKey: 'identities/list', payload: { limit: 5000 } });
    expect(answer).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('limit') } });
  });
});

describe('admin marks win over the heuristics', () => {
  afterEach(async () => {
    for (const accountId of sim().truth.ordinaryPeopleAccountIds().slice(0, 1)) await asAdmin(host, 'identity/mark', { accountId, integration: null });
  });

  it('marks an ordinary person as an integration and unmarks a service account, at the next scan', async () => {
    const person = sim().truth.ordinaryPeopleAccountIds()[0] as string;
    const service = (await asAdmin<IdentityList>(host, 'identities/list', { kind: 'service-account' })).items[0]?.accountId as string;
    await asAdmin(host, 'identity/mark', { accountId: person, integration: true });
    await asAdmin(host, 'identity/mark', { accountId: service, integration: false });
    await scanToCompletion(host);
    const ids = new Map((await allIdentities(host)).map((i) => [i.accountId, i]));
    expect(ids.get(person)).toMatchObject({ kind: 'person-integration', override: 'integration' });
    expect(ids.has(service)).toBe(false);
    await asAdmin(host, 'identity/mark', { accountId: service, integration: null });
    await asAdmin(host, 'identity/mark', { accountId: person, integration: null });
    await scanToCompletion(host);
    const again = new Set((await allIdentities(host)).map((i) => i.accountId));
    expect(again.has(service)).toBe(true);
    expect(again.has(person)).toBe(false);
  }, 120_000);
});
