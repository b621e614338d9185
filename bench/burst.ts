/**
 * A burst of product events (issue 10: "stays within Forge storage's published rate limits under
 * bursts of 100 events a second"): integrations act on the simulated site at `perSecond` changes a
 * second for `seconds` of real time (storage's limits count real seconds), each change delivered
 * to the app's trigger as Forge would; then the compactor folds them. Measured by the host's
 * storage emulation: the most write and read units in any minute, and requests it refused.
 *
 * Alone: `npx tsx bench/burst.ts` (demo site, 100 events a second for 60 s).
 */
import type { Host } from '../dev/host/host';
import { drainQueue } from '../dev/tools/drain';

export interface BurstFigures {
  events_per_second: number;
  seconds: number;
  raised: number;
  delivered: number;
  failed_deliveries: number;
  storage_refused: number;
  peak_write_units_per_minute: number;
  peak_read_units_per_minute: number;
  /** Real seconds from the burst's end until the compactor had folded everything. */
  fold_seconds: number;
}

export async function eventBurst(host: Host, o: { perSecond: number; seconds: number }): Promise<BurstFigures> {
  const sim = host.sim;
  const bus = host.productEvents;
  if (!sim || !bus) throw new Error('the burst needs the simulated site');
  const before = { ...bus.stats };
  host.storage.resetTotals();
  const tickMs = 100;
  const perTick = Math.round((o.perSecond * tickMs) / 1000);
  const started = performance.now();
  const deliveries: Array<Promise<void>> = [];
  for (let tick = 0; performance.now() - started < o.seconds * 1000; tick++) {
    // Each tick raises its share of changes; they are delivered as they come, not after the burst.
    sim.mutate.integrationsAct({ count: perTick, seed: 50_000 + tick });
    deliveries.push(bus.flush(true));
    const due = started + (tick + 1) * tickMs;
    await new Promise((r) => setTimeout(r, Math.max(0, due - performance.now())));
  }
  await Promise.all(deliveries);
  await bus.flush(true);
  const burstEnd = performance.now();
  await drainQueue(host, { skipIdleTime: true });
  const t = host.storage.totals;
  return {
    events_per_second: o.perSecond,
    seconds: o.seconds,
    raised: bus.stats.raised - before.raised,
    delivered: bus.stats.delivered - before.delivered,
    failed_deliveries: bus.stats.failed - before.failed,
    storage_refused: t.refused,
    peak_write_units_per_minute: t.peakWriteUnitsPerMinute,
    peak_read_units_per_minute: t.peakReadUnitsPerMinute,
    fold_seconds: Math.round((performance.now() - burstEnd) / 100) / 10,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { createHost } = await import('../dev/host/host');
  const backend = await import('../src/index');
  const dataDir = mkdtempSync(join(tmpdir(), 'registry-burst-'));
  const host = createHost({ manifestFile: join(import.meta.dirname, '..', 'manifest.yml'), backend: { index: backend }, dataDir, site: process.env.BENCH_SITE === 'large' ? 'large' : 'demo' });
  try {
    const figures = await eventBurst(host, { perSecond: Number(process.env.BURST_PER_SECOND ?? 100), seconds: Number(process.env.BURST_SECONDS ?? 60) });
    console.log(JSON.stringify(figures));
  } finally {
    host.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
