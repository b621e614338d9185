import { afterEach, describe, expect, it } from 'vitest';
import type { Host } from '../../dev/host/host';
import type { IdentityList, ScanStatus } from '../../src/contract';
import { startTestHost } from '../support/host';
import { allIdentities, asAdmin } from '../support/scan';
import { installVirtualTimers } from '../../dev/tools/virtual-clock';

// Waits (pacing, backoff, Retry-After) pass on the virtual clock, not in real time.
installVirtualTimers();

// Background retries wait 20 ms instead of 2 s here; the behaviour is the same.
process.env.SCAN_RETRY_BASE_MS = '20';

let host: Host;
afterEach(() => host?.close());

describe("a site's first scan answers early", () => {
  it('shows every integration with its kind before it reads a single project, then fills in and drops the ordinary people', async () => {
    host = startTestHost();
    const sim = host.sim;
    if (!sim) throw new Error('needs the simulated site');
    // The scan's first request for the projects list waits while we look at the admin page.
    let early: { list: IdentityList; status: ScanStatus } | null = null;
    let projectsRequested = 0;
    const handle = sim.handle.bind(sim);
    sim.handle = async (req) => {
      if (req.path === '/rest/api/3/project/search' && projectsRequested++ === 0) {
        const list = await asAdmin<IdentityList>(host, 'identities/list', { limit: 200 });
        early = { list, status: await asAdmin<ScanStatus>(host, 'scan/status') };
      }
      return handle(req);
    };
    await asAdmin<ScanStatus>(host, 'scan/start');
    await host.queue.idle();
    sim.handle = handle;

    const final = await allIdentities(host);
    expect(final.length).toBeGreaterThan(0);
    expect(early).not.toBeNull();
    const seen = early as unknown as { list: IdentityList; status: ScanStatus };
    expect(seen.status.phase).toBe('projects');
    expect(seen.list.snapshot?.partial).toBe(true);
    const shown = new Map(seen.list.items.map((i) => [i.accountId, i]));
    // Every identity of the complete answer was already there, with its kind.
    for (const f of final) expect(shown.get(f.accountId)?.kind, f.displayName).toBe(f.kind);
    // People still being measured say so; none of them has counts yet.
    const candidates = seen.list.items.filter((i) => i.evidence.some((e) => e.signal === 'candidate'));
    expect(candidates.length).toBeGreaterThan(0);
    for (const c of candidates) expect(c.touches).toBe(0);
    // The complete answer has no ordinary person (candidates that were not automation are gone) and no candidate left.
    const ordinary = new Set(sim.truth.ordinaryPeopleAccountIds());
    expect(final.filter((f) => ordinary.has(f.accountId))).toEqual([]);
    expect(final.filter((f) => f.evidence.some((e) => e.signal === 'candidate'))).toEqual([]);
    expect((await asAdmin<IdentityList>(host, 'identities/list', { limit: 1 })).snapshot?.partial).toBeUndefined();
  }, 120_000);
});
