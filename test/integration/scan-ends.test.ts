import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as backend from '../../src/index';
import { createHost, type Host } from '../../dev/host/host';
import { drainQueue } from '../../dev/tools/drain';
import { advanceTo, installVirtualTimers } from '../../dev/tools/virtual-clock';
import type { SimRequest, SimResponse } from '../../dev/sim/types';
import type { IdentityDetail, IdentityList, ScanStatus } from '../../src/contract';
import { ROOT } from '../support/host';
import { allIdentities, asAdmin } from '../support/scan';

// A scan always ends: `idle` with the clean scan's answer, or `failed` with a message; never a
// `running` that nothing drives. Quota resets and retry backoffs move the virtual clock on.
installVirtualTimers();
advanceTo(Math.ceil(Date.now() / 86_400_000) * 86_400_000 + 60_000);
process.env.SCAN_RETRY_BASE_MS = '20';

const ANCHOR = Math.floor(Date.now() / 86_400_000) * 86_400_000 - 86_400_000;
const dirs: string[] = [];
function startHost(dataDir?: string): Host {
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'scan-ends-'));
  dirs.push(dir);
  return createHost({ manifestFile: join(ROOT, 'manifest.yml'), backend: { index: backend }, dataDir: dir, site: 'demo', simDataAnchor: ANCHOR });
}
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function snapshotOf(host: Host): Promise<unknown> {
  const details: unknown[] = [];
  for (const i of await allIdentities(host)) details.push(await asAdmin<IdentityDetail>(host, 'identity/get', { accountId: i.accountId }));
  return details;
}

async function cleanSnapshot(): Promise<unknown> {
  const host = startHost();
  await scanNow(host);
  const snapshot = await snapshotOf(host);
  host.close();
  return snapshot;
}

/** Scan now, as an admin would press it, and let the queue run until nothing is left to do. */
async function scanNow(host: Host): Promise<ScanStatus> {
  await asAdmin<ScanStatus>(host, 'scan/start');
  await drainQueue(host, { skipIdleTime: true });
  return asAdmin<ScanStatus>(host, 'scan/status');
}

/** Answers matching requests with `answer` instead of the site (null lets the site answer). */
function interceptJira(host: Host, answer: (req: SimRequest) => SimResponse | null): { calls: () => number; stop: () => void } {
  const sim = host.sim;
  if (!sim) throw new Error('needs the simulated site');
  const handle = sim.handle.bind(sim);
  let calls = 0;
  sim.handle = (req) => {
    const a = answer(req);
    if (!a) return handle(req);
    calls++;
    return Promise.resolve(a);
  };
  return { calls: () => calls, stop: () => void (sim.handle = handle) };
}

const refusal = (status: number, message: string): SimResponse => ({ status, headers: { 'Content-Type': 'application/json' }, body: { errorMessages: [message], errors: {} } });

describe('a scan always ends', () => {
  it('a lasting 403 on the audit log: the next scan is a full one, says why, and gives the clean answer', async () => {
    const host = startHost();
    expect((await scanNow(host)).state).toBe('idle');
    const audit = interceptJira(host, (req) => (req.path === '/rest/api/3/auditing/record' ? refusal(403, 'You do not have permission to view the audit log.') : null));
    const status = await scanNow(host);
    expect(status.state).toBe('idle');
    expect(status.fullScanReason).toContain("audit log is not available");
    // One look at the audit log, then the full scan: never a step that re-runs forever.
    expect(audit.calls()).toBe(1);
    const faulty = await snapshotOf(host);
    host.close();
    expect(faulty).toEqual(await cleanSnapshot());
  }, 120_000);

  it('a lasting 403 on the users list: the run fails with a message, and Scan now begins a new run', async () => {
    const host = startHost();
    const users = interceptJira(host, (req) => (req.path === '/rest/api/3/users/search' ? refusal(403, 'You do not have the permission to browse users.') : null));
    const failed = await scanNow(host);
    expect(failed.state).toBe('failed');
    expect(failed.failure).toContain("the site's users");
    expect(failed.failure).toContain('You do not have the permission to browse users.');
    expect(users.calls()).toBe(1);
    users.stop();
    const again = await asAdmin<ScanStatus>(host, 'scan/start');
    expect(again.state).toBe('running');
    expect(again.startedAt).not.toBe(failed.startedAt);
    await drainQueue(host, { skipIdleTime: true });
    expect(await asAdmin<ScanStatus>(host, 'scan/status')).toMatchObject({ state: 'idle', failure: null });
    const recovered = await snapshotOf(host);
    host.close();
    expect(recovered).toEqual(await cleanSnapshot());
  }, 120_000);

  it('50 answers of 500 in a row: retried, and the clean answer', async () => {
    const host = startHost();
    host.sim?.faults.set({ serverErrors: { status: 500, count: 50 } });
    const status = await scanNow(host);
    expect(status.state).toBe('idle');
    const faulty = await snapshotOf(host);
    host.close();
    expect(faulty).toEqual(await cleanSnapshot());
  }, 120_000);

  it('a 10-minute storm of burst 429s: steps back off and retry, and the clean answer', async () => {
    const host = startHost();
    const stormEnds = Date.now() + 10 * 60_000;
    const storm = interceptJira(host, () =>
      Date.now() < stormEnds ? { status: 429, headers: { 'Retry-After': '1', 'RateLimit-Reason': 'jira-burst-based', 'Content-Type': 'application/json' }, body: { errorMessages: ['Rate limit exceeded.'] } } : null,
    );
    const status = await scanNow(host);
    expect(Date.now()).toBeGreaterThan(stormEnds);
    expect(storm.calls()).toBeGreaterThan(10);
    expect(status.state).toBe('idle');
    expect(status.errors.length).toBeGreaterThan(0);
    const faulty = await snapshotOf(host);
    host.close();
    expect(faulty).toEqual(await cleanSnapshot());
  }, 120_000);

  it('a storm of Forge storage 429s in the middle of a step: retried, and the clean answer', async () => {
    const host = startHost();
    const g = globalThis as unknown as { __forge_fetch__: (target: { type: string }, path: string, init?: RequestInit) => Promise<Response> };
    const forgeFetch = g.__forge_fetch__;
    // After the scan's first 40 storage calls, every call is refused for two minutes.
    let calls = 0;
    let refused = 0;
    let stormEnds = Infinity;
    g.__forge_fetch__ = (target, path, init) => {
      if (target.type === 'kvs' && ++calls === 40) stormEnds = Date.now() + 2 * 60_000;
      if (target.type === 'kvs' && calls >= 40 && Date.now() < stormEnds) {
        refused++;
        return Promise.resolve(new Response(JSON.stringify({ code: 'RATE_LIMIT_EXCEEDED', message: 'Too many requests' }), { status: 429, headers: { 'content-type': 'application/json', 'retry-after': '1' } }));
      }
      return forgeFetch(target, path, init);
    };
    try {
      await asAdmin<ScanStatus>(host, 'scan/start');
      await drainQueue(host, { skipIdleTime: true });
    } finally {
      g.__forge_fetch__ = forgeFetch;
    }
    expect(refused).toBeGreaterThan(0);
    expect(Date.now()).toBeGreaterThan(stormEnds);
    expect((await asAdmin<ScanStatus>(host, 'scan/status')).state).toBe('idle');
    const faulty = await snapshotOf(host);
    host.close();
    expect(faulty).toEqual(await cleanSnapshot());
  }, 120_000);

  it('an identity Jira refuses is listed as unmeasured and skipped; the scan ends idle', async () => {
    const host = startHost();
    const clean = await scanNow(host);
    expect(clean.unmeasured).toEqual([]);
    const service = (await asAdmin<IdentityList>(host, 'identities/list', { kind: 'service-account' })).items[0];
    if (!service) throw new Error('setup');
    interceptJira(host, (req) => (req.method === 'POST' && JSON.stringify(req.body ?? '').includes(service.accountId) ? refusal(400, 'The account is not valid.') : null));
    // The weekly full scan measures every identity again.
    advanceTo(Date.now() + 8 * 86_400_000);
    const status = await scanNow(host);
    host.close();
    expect(status.state).toBe('idle');
    expect(status.unmeasured).toEqual([{ kind: 'identity', id: service.accountId, name: service.displayName, reason: expect.stringContaining('The account is not valid.') as string }]);
  }, 120_000);
});

describe('status says running only while a step is queued or in flight', () => {
  it('a run whose queue lost its step shows failed with a message, and Scan now carries it on to the clean answer', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'scan-lost-'));
    let host = startHost(dataDir);
    host.sim?.faults.set({ latencyMs: 20 });
    const started = await asAdmin<ScanStatus>(host, 'scan/start');
    let during: ScanStatus | null = null;
    for (let i = 0; i < 500 && !during; i++) {
      const s = await asAdmin<ScanStatus>(host, 'scan/status');
      if (s.phase === 'people') during = s;
      else await new Promise((r) => setTimeout(r, 20));
    }
    if (!during) throw new Error('the scan never reached the people phase');
    // While it runs: a recent heartbeat, plain words, one progress.
    expect(during.state).toBe('running');
    expect(Date.now() - Date.parse(during.heartbeatAt ?? '')).toBeLessThan(30_000);
    expect(during.phaseLabel).toMatch(/^[A-Z][a-z' ,]+/);
    expect(during.progress.done).toBeGreaterThan(0);
    expect(during.progress.done).toBeLessThan(during.progress.total);
    // The queue loses the step (Forge gave up on it): the host stops and its queue is gone.
    host.close();
    rmSync(join(dataDir, 'events.sqlite'), { force: true });
    host = startHost(dataDir);
    advanceTo(Date.now() + 10 * 60_000);
    const stalled = await asAdmin<ScanStatus>(host, 'scan/status');
    expect(stalled.state).toBe('failed');
    expect(stalled.failure).toContain('stopped reporting progress');
    const resumed = await asAdmin<ScanStatus>(host, 'scan/start');
    expect(resumed.state).toBe('running');
    expect(resumed.startedAt).toBe(started.startedAt);
    await drainQueue(host, { skipIdleTime: true });
    expect((await asAdmin<ScanStatus>(host, 'scan/status')).state).toBe('idle');
    const snapshot = await snapshotOf(host);
    host.close();
    expect(snapshot).toEqual(await cleanSnapshot());
  }, 120_000);

  it('scan/cancel ends the run at once; readers keep the previous snapshot; Scan now begins a new run', async () => {
    const host = startHost();
    await scanNow(host);
    const before = await asAdmin<IdentityList>(host, 'identities/list', {});
    host.sim?.faults.set({ latencyMs: 20 });
    const started = await asAdmin<ScanStatus>(host, 'scan/start');
    const cancelled = await asAdmin<ScanStatus>(host, 'scan/cancel');
    expect(cancelled.state).toBe('cancelled');
    await drainQueue(host, { skipIdleTime: true });
    const after = await asAdmin<ScanStatus>(host, 'scan/status');
    expect(after.state).toBe('cancelled');
    expect(after.lastCompletedAt).toBe(before.snapshot?.completedAt);
    expect(await asAdmin<IdentityList>(host, 'identities/list', {})).toEqual(before);
    const next = await asAdmin<ScanStatus>(host, 'scan/start');
    expect(next.state).toBe('running');
    expect(next.startedAt).not.toBe(started.startedAt);
    await drainQueue(host, { skipIdleTime: true });
    expect((await asAdmin<ScanStatus>(host, 'scan/status')).state).toBe('idle');
    host.close();
  }, 120_000);
});

describe('answers early, and page views spend no Jira points', () => {
  it("a first scan shows every app account with its kind before activity is measured, then fills in; page views cost nothing beyond the caller's checks", async () => {
    const host = startHost();
    host.sim?.faults.set({ latencyMs: 20 });
    await asAdmin<ScanStatus>(host, 'scan/start');
    let early: IdentityList | null = null;
    for (let i = 0; i < 1000 && !early; i++) {
      const list = await asAdmin<IdentityList>(host, 'identities/list', { limit: 200 });
      if (list.snapshot) early = list;
      else await new Promise((r) => setTimeout(r, 20));
    }
    if (!early) throw new Error('nothing was published early');
    expect(early.snapshot?.partial).toBe(true);
    expect((await asAdmin<ScanStatus>(host, 'scan/status')).partial).toBe(true);
    const kinds = new Set(early.items.map((i) => i.kind));
    expect(kinds).toEqual(new Set(['service-account', 'rovo-agent', 'app-account']));
    await drainQueue(host, { skipIdleTime: true });
    const done = await asAdmin<IdentityList>(host, 'identities/list', { limit: 200 });
    expect(done.snapshot?.partial).toBeUndefined();
    expect((await asAdmin<ScanStatus>(host, 'scan/status')).partial).toBe(false);
    // Every identity shown early is in the complete answer, with the same kind.
    for (const i of early.items) expect(done.items.find((d) => d.accountId === i.accountId)?.kind, i.displayName).toBe(i.kind);

    const sim = host.sim;
    if (!sim) throw new Error('setup');
    // Background work the views ask for (project roles) waits until the views are counted.
    let open = () => undefined as void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const deliver = host.functions.deliverEvent.bind(host.functions);
    host.functions.deliverEvent = async (event) => gate.then(() => deliver(event));
    sim.meter.reset();
    await asAdmin<IdentityList>(host, 'identities/list', {});
    await asAdmin<ScanStatus>(host, 'scan/status');
    for (const i of done.items.slice(0, 10)) await asAdmin<IdentityDetail>(host, 'identity/get', { accountId: i.accountId });
    const spent = Object.entries(sim.meter.snapshot().byEndpoint).filter(([endpoint]) => !['GET /rest/api/3/mypermissions', 'GET /rest/api/3/myself'].includes(endpoint));
    expect(spent).toEqual([]);
    open();
    await host.queue.idle();
    host.close();
  }, 120_000);
});
