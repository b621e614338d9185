import { kvs } from '@forge/kvs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as backend from '../../src/index';
import { createHost, type Host } from '../../dev/host/host';
import { runInvocation } from '../../dev/host/runtime';
import { drainQueue } from '../../dev/tools/drain';
import { advanceTo, installVirtualClock } from '../../dev/tools/virtual-clock';
import type { Faults } from '../../dev/sim';
import type { IdentityDetail, IdentityList } from '../../src/contract';
import { ROOT } from '../support/host';
import { allIdentities, asAdmin } from '../support/scan';

// Quota resets come at the top of the hour: the clock skips ahead while a scan waits for one.
// It starts just after a midnight, so that the scans compared here all start on one day.
installVirtualClock();
advanceTo(Math.ceil(Date.now() / 86_400_000) * 86_400_000 + 60_000);
process.env.SCAN_RETRY_BASE_MS = '20';

// Every host's simulated site ends its history at the same moment, whatever the clock says later.
const ANCHOR = Math.floor(Date.now() / 86_400_000) * 86_400_000 - 86_400_000;
const dirs: string[] = [];
function startHost(dataDir?: string): Host {
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'scan-faults-'));
  dirs.push(dir);
  return createHost({ manifestFile: join(ROOT, 'manifest.yml'), backend: { index: backend }, dataDir: dir, site: 'demo', simDataAnchor: ANCHOR });
}
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Everything a reader can see of a snapshot, less the time it was taken (read one by one, as a page would). */
async function snapshotOf(host: Host): Promise<unknown> {
  const details: unknown[] = [];
  for (const i of await allIdentities(host)) details.push(await asAdmin<IdentityDetail>(host, 'identity/get', { accountId: i.accountId }));
  return details;
}

/** A clean full scan on a fresh host at the current (virtual) time: the reference a faulty scan must match. */
async function cleanSnapshot(): Promise<unknown> {
  const host = startHost();
  await scan(host);
  const snapshot = await snapshotOf(host);
  host.close();
  return snapshot;
}

async function scan(host: Host, faults?: Partial<Faults>): Promise<void> {
  if (faults) host.sim?.faults.set(faults);
  await host.functions.runTrigger('daily-trigger');
  await drainQueue(host, { skipIdleTime: true });
  host.sim?.faults.clear();
}

const readState = () => runInvocation({ functionKey: 't', moduleKey: 't', moduleType: 't', timeoutMs: 5_000 }, () => kvs.get('scan:state')) as Promise<{ phase: string; cursor: number } | undefined>;

describe('faults during a scan give the same snapshot as a clean scan', () => {
  it.each<[string, Partial<Faults>]>([
    ['a burst 429 storm', { rateLimitStorm: { reason: 'jira-burst-based', count: 4, retryAfterSeconds: 1 } }],
    ['a tenant quota 429 storm', { rateLimitStorm: { reason: 'jira-quota-tenant-based', count: 6, retryAfterSeconds: 1 } }],
    ['a global quota 429 storm', { rateLimitStorm: { reason: 'jira-quota-global-based', count: 6, retryAfterSeconds: 1 } }],
    ['a burst of 5xx answers', { serverErrors: { status: 503, count: 8 } }],
    ['junk bodies', { junkBodies: { count: 10 } }],
  ])('%s', async (_name, faults) => {
    const host = startHost();
    await scan(host, faults);
    const faulty = await snapshotOf(host);
    host.close();
    // Quota pauses move the clock on; the reference scan runs at the time the faulty one ended.
    expect(faulty).toEqual(await cleanSnapshot());
  }, 120_000);

  it("an hourly quota that runs out: the scan pauses until Jira's reset and finishes", async () => {
    const host = startHost();
    host.sim?.quota.set({ hourlyPoints: 300, kind: 'tenant' });
    const started = Date.now();
    await scan(host);
    // The clock had to move past at least two hour boundaries for ~900 points at 300 an hour.
    expect(Date.now() - started).toBeGreaterThan(3_600_000);
    host.sim?.quota.set({ hourlyPoints: 65_000 });
    const faulty = await snapshotOf(host);
    host.close();
    expect(faulty).toEqual(await cleanSnapshot());
  }, 120_000);
});

describe('a step killed halfway', () => {
  it('resumes from its checkpoint on a new host and gives the same snapshot', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'scan-killed-'));
    let host = startHost(dataDir);
    host.sim?.faults.set({ latencyMs: 40 });
    await host.functions.runTrigger('daily-trigger');
    // Let the scan get into the identities phase, then stop the host under the running step.
    for (let i = 0; i < 500; i++) {
      const state = await readState();
      if (state?.phase === 'identities' && state.cursor > 0) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect((await readState())?.phase).toBe('identities');
    host.close();
    host = startHost(dataDir);
    await drainQueue(host, { skipIdleTime: true });
    const resumed = await snapshotOf(host);
    host.close();
    expect(resumed).toEqual(await cleanSnapshot());
  }, 120_000);
});

describe('readers during a scan', () => {
  it('see the previous complete snapshot until the new one is published', async () => {
    const host = startHost();
    await scan(host);
    const before = await asAdmin<IdentityList>(host, 'identities/list', {});
    // New activity that the next scan will find: a service account works in a project it never touched.
    const service = before.items.find((i) => i.kind === 'service-account');
    if (!service || !host.sim) throw new Error('setup');
    const detail = await asAdmin<IdentityDetail>(host, 'identity/get', { accountId: service.accountId });
    const untouched = detail.projects.find((p) => p.hasAccess && p.updated === 0);
    if (!untouched) throw new Error('no untouched project');
    host.sim.mutate.addEvent({ issueKey: `${untouched.projectKey}-1`, accountId: service.accountId, kind: 'field' });

    host.queue.stop();
    await host.functions.runTrigger('daily-trigger');
    // The scan is under way (its first step ran with the trigger's push); readers still see the old one.
    const during = await asAdmin<IdentityList>(host, 'identities/list', {});
    expect(during.snapshot).toEqual(before.snapshot);
    expect(during.items).toEqual(before.items);
    host.queue.start();
    await drainQueue(host, { skipIdleTime: true });
    const after = await asAdmin<IdentityDetail>(host, 'identity/get', { accountId: service.accountId });
    expect(after.projects.find((p) => p.projectKey === untouched.projectKey)?.updated).toBe(1);
    const list = await asAdmin<IdentityList>(host, 'identities/list', {});
    expect(list.snapshot?.completedAt).not.toBe(before.snapshot?.completedAt);
    host.close();
  }, 120_000);
});
