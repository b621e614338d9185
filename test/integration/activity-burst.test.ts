import { afterEach, describe, expect, it } from 'vitest';
import type { Host } from '../../dev/host/host';
import { readDayCells } from '../../src/activity/read';
import { runInApp, startTestHost } from '../support/host';
import { installVirtualTimers } from '../../dev/tools/virtual-clock';

// Waits (pacing, backoff, Retry-After) pass on the virtual clock, not in real time.
installVirtualTimers();

let host: Host;
afterEach(() => host?.close());


describe('a burst of product events', () => {
  it('shares storage writes between events delivered together, and still counts each change once', async () => {
    host = startTestHost();
    const sim = host.sim;
    const bus = host.productEvents;
    if (!sim || !bus) throw new Error('needs the simulated site');
    const since = Date.now();
    sim.mutate.integrationsAct({ count: 400, seed: 7 });
    host.storage.resetTotals();
    await bus.flush();
    const inboxUnits = host.storage.totals.writeUnits;
    await host.queue.idle();
    expect(bus.stats.delivered).toBe(bus.stats.raised);
    expect(host.storage.totals.refused).toBe(0);
    // One write per event would be 400 units (and 6,000 a minute at 100 events a second, over Forge's 4,000).
    expect(inboxUnits).toBeLessThan(bus.stats.raised / 5);
    const truth = sim.truth.ledgerCells({ sinceMs: since });
    for (const t of truth) {
      const cell = (await runInApp(() => readDayCells(t.accountId)))[t.day]?.[t.projectKey];
      expect({ id: `${t.accountId} ${t.projectKey} ${t.day}`, touches: cell?.touches, commented: cell?.commented }).toEqual({ id: `${t.accountId} ${t.projectKey} ${t.day}`, touches: t.touches, commented: t.commented });
    }
  }, 60_000);
});
