import { afterEach, describe, expect, it } from 'vitest';
import type { Host } from '../../dev/host/host';
import type { HeatMapData, IdentityDetail, ScanStatus } from '../../src/contract';
import { startTestHost } from '../support/host';
import { allIdentities, asAdmin, scanToCompletion } from '../support/scan';
import { installVirtualTimers } from '../../dev/tools/virtual-clock';
import { PROJECTS } from '../../dev/sim/generate/names';

// Waits (pacing, backoff) pass on the virtual clock, not in real time.
installVirtualTimers();
process.env.SCAN_RETRY_BASE_MS = '20';

const DAY = 86_400_000;
let host: Host;
afterEach(() => host?.close());

const sim = () => {
  if (!host.sim) throw new Error('simulated site expected');
  return host.sim;
};

/** Every identity's touches per project, as identity/get shows them. */
async function touchesPerProject(ids: readonly string[]): Promise<Map<string, Record<string, number>>> {
  const out = new Map<string, Record<string, number>>();
  for (const accountId of ids) {
    const detail = await asAdmin<IdentityDetail>(host, 'identity/get', { accountId });
    out.set(accountId, Object.fromEntries(detail.projects.filter((p) => p.touches > 0).map((p) => [p.projectKey, p.touches])));
  }
  return out;
}

/** A completed full scan, then a day of work delivered as Jira's product events. */
async function scannedWithEvents(): Promise<ScanStatus> {
  host = startTestHost();
  const full = await scanToCompletion(host);
  sim().mutate.touchIssues({ fraction: 0.02, seed: 5 });
  await host.productEvents?.flush();
  await host.queue.idle();
  return full;
}

describe('an access change seen in the audit log, while product events arrive', () => {
  it('refreshes access only: the projects it names read again, each identity checked there, activity kept, a new project shown', async () => {
    const full = await scannedWithEvents();
    const identities = await allIdentities(host);
    // An integration gains a role in a project it could not browse (Jira records it under "projects").
    const target = identities.find((i) => i.kind === 'service-account') ?? identities[0];
    if (!target) throw new Error('no identity');
    const before = await asAdmin<IdentityDetail>(host, 'identity/get', { accountId: target.accountId });
    const project = PROJECTS.map(([key]) => key).find((k) => !before.projects.some((p) => p.projectKey === k && p.hasAccess));
    if (!project) throw new Error('no project to grant');
    sim().mutate.setRoleActor({ projectKey: project, roleName: 'Developers', accountId: target.accountId, present: true });
    // A new project, where the widest identities start working (their events reach the ledger).
    sim().mutate.addProject({ key: 'GATE', name: 'Payments Gateway' });
    const widest = (await asAdmin<HeatMapData>(host, 'heatmap/get')).rows.map((r) => r.accountId);
    for (const accountId of widest) {
      sim().mutate.setRoleActor({ projectKey: 'GATE', roleName: 'Developers', accountId, present: true });
      sim().mutate.createIssue({ projectKey: 'GATE', accountId });
    }
    await host.productEvents?.flush();
    await host.queue.idle();
    const ids = identities.map((i) => i.accountId);
    const activityBefore = await touchesPerProject(ids);
    const listBefore = new Map((await allIdentities(host)).map((i) => [i.accountId, i]));

    sim().meter.reset();
    const status = await asAdmin<ScanStatus>(host, 'scan/start');
    expect(status.fullScanReason).toBeNull();
    await host.queue.idle();
    const done = await asAdmin<ScanStatus>(host, 'scan/status');
    expect(done.state).toBe('idle');
    expect(done.fullScanReason).toBeNull();

    // Only the audit log, the two projects it names (project/search by id) and permission checks: no search, count or changelog.
    const meter = sim().meter.snapshot();
    expect(Object.keys(meter.byEndpoint).sort()).toEqual(['GET /rest/api/3/auditing/record', 'GET /rest/api/3/project/search', 'POST /rest/api/3/permissions/check']);
    expect(meter.byEndpoint['GET /rest/api/3/project/search']).toEqual({ requests: 1, points: 3 });
    // One permission check per known identity, in the two projects named, and one for the app itself.
    expect(meter.byEndpoint['POST /rest/api/3/permissions/check']?.requests).toBe(ids.length + 1);
    expect(meter.points).toBeLessThan(full.pointsUsed / 5);
    console.log(`[access refresh] ${meter.points} points (${meter.requests} requests) against the full scan's ${full.pointsUsed}`);

    // The identity's changed access shows; every activity figure is as it was.
    const after = await asAdmin<IdentityDetail>(host, 'identity/get', { accountId: target.accountId });
    const row = after.projects.find((p) => p.projectKey === project);
    expect(row?.hasAccess).toBe(true);
    expect(row?.canEdit).toBe(true);
    expect(await touchesPerProject(ids)).toEqual(activityBefore);
    const listAfter = await allIdentities(host);
    expect(listAfter.map((i) => i.accountId).sort()).toEqual([...ids].sort());
    for (const i of listAfter) expect([i.accountId, i.touches, i.kind]).toEqual([i.accountId, listBefore.get(i.accountId)?.touches, listBefore.get(i.accountId)?.kind]);

    // The new project: in the identities' project lists with its name and access, and in the heat map.
    const worker = await asAdmin<IdentityDetail>(host, 'identity/get', { accountId: widest[0] });
    expect(worker.projects.find((p) => p.projectKey === 'GATE')).toMatchObject({ projectName: 'Payments Gateway', hasAccess: true, touches: 1 });
    const map = await asAdmin<HeatMapData>(host, 'heatmap/get');
    expect(map.projects.find((p) => p.key === 'GATE')).toMatchObject({ name: 'Payments Gateway', identities: widest.length });
  }, 300_000);

  it('a group membership change checks that account alone, in every project, and keeps the project list', async () => {
    const full = await scannedWithEvents();
    const target = (await allIdentities(host)).find((i) => i.kind === 'service-account');
    if (!target) throw new Error('no service account');
    const before = await asAdmin<IdentityDetail>(host, 'identity/get', { accountId: target.accountId });
    const activityBefore = await touchesPerProject([target.accountId]);
    // A person who is no integration joins a group: nothing the app shows changes, only the audit log is read.
    const person = sim().truth.ordinaryPeopleAccountIds()[0] as string;
    sim().mutate.setGroupMember({ groupName: 'team-1', accountId: person, present: true });
    await host.queue.idle();
    sim().meter.reset();
    expect((await scanToCompletion(host)).fullScanReason).toBeNull();
    expect(Object.keys(sim().meter.snapshot().byEndpoint)).toEqual(['GET /rest/api/3/auditing/record']);

    sim().mutate.setGroupMember({ groupName: 'jira-software-users', accountId: target.accountId, present: true });
    // The page view's background reads (project roles) finish first: the meter is the scan's alone.
    await host.queue.idle();
    sim().meter.reset();
    const done = await scanToCompletion(host);
    expect(done.fullScanReason).toBeNull();
    const meter = sim().meter.snapshot();
    // The audit log, who the app is (the account is an app account: were it the app itself, its own access could have changed), one permission check.
    expect(Object.keys(meter.byEndpoint).sort()).toEqual(['GET /rest/api/3/auditing/record', 'GET /rest/api/3/myself', 'POST /rest/api/3/permissions/check']);
    expect(meter.byEndpoint['POST /rest/api/3/permissions/check']?.requests).toBe(1);
    expect(meter.points).toBeLessThan(full.pointsUsed / 50);
    const after = await asAdmin<IdentityDetail>(host, 'identity/get', { accountId: target.accountId });
    const browsable = (d: IdentityDetail) => d.projects.filter((p) => p.hasAccess).length;
    expect(browsable(after)).toBeGreaterThan(browsable(before));
    expect(after.unusedAccessProjects).toBeGreaterThan(before.unusedAccessProjects);
    expect(await touchesPerProject([target.accountId])).toEqual(activityBefore);
  }, 300_000);

  it('turns into a full scan when the app can newly browse a project that existed before: its history is counted', async () => {
    host = startTestHost();
    sim().mutate.setProjectBrowsableByApp({ projectKey: 'OPS', browsable: false });
    await scanToCompletion(host);
    sim().mutate.touchIssues({ fraction: 0.02, seed: 5 });
    await host.productEvents?.flush();
    await host.queue.idle();
    const hidden = (await asAdmin<ScanStatus>(host, 'scan/status')).unmeasured.find((u) => u.id === 'OPS');
    expect(hidden?.kind).toBe('project');

    // Jira records it as a permission scheme's change.
    sim().mutate.setProjectBrowsableByApp({ projectKey: 'OPS', browsable: true });
    const done = await scanToCompletion(host);
    expect(done.fullScanReason).toContain('OPS');
    expect(done.unmeasured.find((u) => u.id === 'OPS')).toBeUndefined();
    // OPS's history is counted: the identities' figures there equal the site's truth (before
    // today, the backfill: each item once; from today, when events began, the ledger's days).
    const today = Math.floor(Date.now() / DAY) * DAY;
    const cells = [...sim().truth.touchMatrix({ sinceMs: today - 90 * DAY, untilMs: today }), ...sim().truth.ledgerCells({ sinceMs: today })].filter((c) => c.projectKey === 'OPS');
    const expected = new Map<string, number>();
    for (const c of cells) expected.set(c.accountId, (expected.get(c.accountId) ?? 0) + c.touches);
    const shown = (await allIdentities(host)).map((i) => i.accountId).filter((id) => (expected.get(id) ?? 0) > 0);
    expect(shown.length).toBeGreaterThan(0);
    for (const accountId of shown) {
      const detail = await asAdmin<IdentityDetail>(host, 'identity/get', { accountId });
      expect(detail.projects.find((p) => p.projectKey === 'OPS')?.touches, accountId).toBe(expected.get(accountId));
    }
  }, 300_000);
});
