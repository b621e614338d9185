import { afterEach, describe, expect, it } from 'vitest';
import type { Host } from '../../dev/host/host';
import type { IdentityDetail, IdentityList } from '../../src/contract';
import { runInvocation } from '../../dev/host/runtime';
import { readSnapshotPointer } from '../../src/scan/snapshot-store';
import { startTestHost } from '../support/host';
import { allIdentities, asAdmin, scanToCompletion } from '../support/scan';
import { installVirtualTimers } from '../../dev/tools/virtual-clock';

// Waits (pacing, backoff, Retry-After) pass on the virtual clock, not in real time.
installVirtualTimers();

process.env.SCAN_RETRY_BASE_MS = '20';

let host: Host;
afterEach(() => host?.close());

describe('an account that starts acting after the scan', () => {
  it('is on the identities list within a minute of its first event, as a candidate; the next scan measures it', async () => {
    host = startTestHost();
    const sim = host.sim;
    if (!sim) throw new Error('needs the simulated site');
    await scanToCompletion(host);
    const [issueKey] = sim.mutate.touchIssues({ fraction: 0.01, seed: 3 });
    await host.productEvents?.flush();
    await host.queue.idle();

    sim.mutate.addUser({ accountId: '712020:new-sync-bot', displayName: 'New Sync Bot', accountType: 'app' });
    sim.mutate.addUser({ accountId: '712020:new-hire', displayName: 'New Hire', accountType: 'atlassian' });
    const firstEvent = Date.now();
    sim.mutate.addEvent({ issueKey: issueKey as string, accountId: '712020:new-sync-bot', kind: 'comment' });
    sim.mutate.addEvent({ issueKey: issueKey as string, accountId: '712020:new-hire', kind: 'field' });
    await host.productEvents?.flush();
    await host.queue.idle();
    const list = await asAdmin<IdentityList>(host, 'identities/list', { search: 'New ', limit: 50 });
    // On the virtual clock: every wait the app makes (timers, pacing) counts in full.
    expect(Date.now() - firstEvent).toBeLessThan(60_000);
    const bot = list.items.find((i) => i.accountId === '712020:new-sync-bot');
    expect(bot?.kind).toBe('app-account');
    expect(bot?.touches).toBe(1);
    expect(bot?.evidence.map((e) => e.signal)).toContain('new account');
    const hire = list.items.find((i) => i.accountId === '712020:new-hire');
    expect(hire?.kind).toBe('person-integration');
    expect(hire?.evidence.map((e) => e.signal)).toEqual(['new account']);
    const detail = await asAdmin<IdentityDetail>(host, 'identity/get', { accountId: '712020:new-sync-bot' });
    expect(detail.touches).toBe(1);

    // The next (incremental) scan measures both: the bot stays as an app account, the new hire is an ordinary person.
    await scanToCompletion(host);
    const after = new Map((await allIdentities(host)).map((i) => [i.accountId, i]));
    expect(after.get('712020:new-sync-bot')?.kind).toBe('app-account');
    expect(after.get('712020:new-sync-bot')?.evidence.map((e) => e.signal)).not.toContain('new account');
    expect(after.has('712020:new-hire')).toBe(false);
  }, 120_000);

  it('a scan after a day of ordinary changes keeps the published snapshot and reads only the audit log', async () => {
    host = startTestHost();
    const sim = host.sim;
    if (!sim) throw new Error('needs the simulated site');
    await scanToCompletion(host);
    const pointer = () => runInvocation({ functionKey: 't', moduleKey: 't', moduleType: 't', timeoutMs: 10_000 }, () => readSnapshotPointer());
    const before = await pointer();
    const shownBefore = await allIdentities(host);
    sim.mutate.touchIssues({ fraction: 0.05, seed: 11 });
    sim.mutate.integrationsAct({ count: 50, seed: 12 });
    await host.productEvents?.flush();
    await host.queue.idle();
    sim.meter.reset();
    await scanToCompletion(host);
    expect(Object.keys(sim.meter.snapshot().byEndpoint)).toEqual(['GET /rest/api/3/auditing/record']);
    const after = await pointer();
    expect(after?.generation).toBe(before?.generation);
    expect(after?.completedAt).not.toBe(before?.completedAt);
    // The same identities, with the activity the events added.
    const shownAfter = await allIdentities(host);
    expect(shownAfter.map((i) => i.accountId).sort()).toEqual(shownBefore.map((i) => i.accountId).sort());
    expect(shownAfter.reduce((n, i) => n + i.touches, 0)).toBeGreaterThan(shownBefore.reduce((n, i) => n + i.touches, 0));
  }, 120_000);

  it('a known person the ledger shows working like automation is screened by the next scan with one count, then left alone for a week', async () => {
    host = startTestHost();
    const sim = host.sim;
    if (!sim) throw new Error('needs the simulated site');
    await scanToCompletion(host);
    const shown = new Set((await allIdentities(host)).map((i) => i.accountId));
    const person = sim.truth.ordinaryPeopleAccountIds().find((id) => !shown.has(id)) as string;
    // Twelve issues in a day: past the candidate line (1.5 a day over at least a week counted).
    for (const key of sim.mutate.touchIssues({ fraction: 0.05, seed: 21 }).slice(0, 12)) sim.mutate.addEvent({ issueKey: key, accountId: person, kind: 'field' });
    await host.productEvents?.flush();
    await host.queue.idle();
    sim.meter.reset();
    await scanToCompletion(host);
    // The first scan's rule: busy enough over the whole window? One count each, nothing measured for an ordinary person.
    const screening = sim.meter.snapshot().byEndpoint;
    expect(Object.keys(screening).sort()).toEqual(['GET /rest/api/3/auditing/record', 'POST /rest/api/3/search/approximate-count']);
    expect(screening['POST /rest/api/3/search/approximate-count']?.requests).toBeGreaterThanOrEqual(1);
    expect((await allIdentities(host)).map((i) => i.accountId)).not.toContain(person);
    // Found ordinary: the next scan does not measure them again.
    sim.meter.reset();
    await scanToCompletion(host);
    expect(Object.keys(sim.meter.snapshot().byEndpoint)).toEqual(['GET /rest/api/3/auditing/record']);
  }, 120_000);
});
