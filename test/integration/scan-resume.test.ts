import { kvs } from '@forge/kvs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runInvocation } from '../../dev/host/runtime';
import { drainQueue } from '../../dev/tools/drain';
import type { IdentityDetail, IdentityList } from '../../src/contract';
import { asAdmin } from '../support/scan';
import { scanLab } from '../support/scan-faults';
import { installVirtualTimers } from '../../dev/tools/virtual-clock';

// Waits (pacing, backoff, Retry-After) pass on the virtual clock, not in real time.
installVirtualTimers();

const lab = scanLab();
afterAll(lab.cleanUp);

const readState = () => runInvocation({ functionKey: 't', moduleKey: 't', moduleType: 't', timeoutMs: 5_000 }, () => kvs.get('scan:state')) as Promise<{ phase: string; cursor: number } | undefined>;

describe('a step killed halfway', () => {
  it('resumes from its checkpoint on a new host and gives the same snapshot', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'scan-killed-'));
    let host = lab.startHost(dataDir);
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
    host = lab.startHost(dataDir);
    await drainQueue(host, { skipIdleTime: true });
    const resumed = await lab.snapshotOf(host);
    host.close();
    expect(resumed).toEqual(await lab.cleanSnapshot());
  }, 120_000);
});

describe('readers during a scan', () => {
  it('see the previous complete snapshot until the new one is published', async () => {
    const host = lab.startHost();
    await lab.scan(host);
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
