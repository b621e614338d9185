/**
 * The bench's activity figures (issue 10): a simulated week of product events, delivered with
 * duplicates, reordering and some dropped, then reconciled; the ledger's identity x project x day
 * counts are compared with the simulated site's truth.
 */
import type { Host } from '../dev/host/host';
import { runInvocation } from '../dev/host/runtime';
import { advanceTo } from '../dev/tools/virtual-clock';
import { readDayCells } from '../src/activity/read';
import { DAY_MS as DAY, SLICE_MS, simulateDay } from './day';

/**
 * Runs bench code in an invocation. The bench's own reads (comparing thousands of ledgers with the
 * truth) meet storage's per-minute limits like the app's: when storage is busy, a minute later again.
 */
export async function inApp<T>(fn: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await runInvocation({ functionKey: 'bench', moduleKey: 'bench', moduleType: 'bench', timeoutMs: 60_000 }, fn);
    } catch (e) {
      if (attempt >= 10 || (e as { code?: unknown }).code !== 'LIMIT') throw e;
      await new Promise((r) => setTimeout(r, 60_000));
    }
  }
}

export interface WeekFigures {
  matches: boolean;
  cells: number;
  mismatched: number;
  raised: number;
  duplicated: number;
  dropped: number;
  reconcilePoints: number;
}

/** Slice `slice`'s share of `perDay` (whole numbers that add up to it over the day). */
export function sliceShare(perDay: number, slice: number): number {
  const slices = DAY / SLICE_MS;
  return Math.floor(((slice + 1) * perDay) / slices) - Math.floor((slice * perDay) / slices);
}

/**
 * Seven days of integrations at work (400 changes a day) and 0.2% of issues changed a day, spread
 * over each day in slices (bench/day.ts) and delivered as Forge would. No scheduled trigger runs:
 * this week measures the ledger alone, and its reconciliation (`reconcile`, the day after) apart.
 */
export async function ledgerWeek(host: Host, o: { duplicate: number; drop: number; reconcile: (() => Promise<void>) | null }): Promise<WeekFigures> {
  const sim = host.sim;
  const bus = host.productEvents;
  if (!sim || !bus) throw new Error('the ledger week needs the simulated site');
  const knobsBefore = bus.knobs;
  const statsBefore = { ...bus.stats };
  bus.knobs = { ...bus.knobs, duplicate: o.duplicate, drop: o.drop, reorder: true, delayMs: 0 };
  const weekStart = Math.floor(Date.now() / DAY) * DAY + DAY;
  const slices = DAY / SLICE_MS;
  for (let d = 0; d < 7; d++) {
    await simulateDay(host, {
      start: weekStart + d * DAY,
      schedule: null,
      change: (slice, at) => {
        sim.mutate.integrationsAct({ count: sliceShare(400, slice), at, seed: 1000 + d * slices + slice });
        sim.mutate.touchIssues({ fraction: 0.002 / slices, at, seed: 200_000 + d * slices + slice });
      },
    });
  }
  bus.knobs = knobsBefore;
  // The day after the week, an hour in: its seven whole days are the week's.
  advanceTo(weekStart + 7 * DAY + 3_600_000);
  sim.meter.reset();
  if (o.reconcile) await o.reconcile();
  const reconcilePoints = sim.meter.snapshot().points;
  const truth = sim.truth.ledgerCells({ sinceMs: weekStart });
  let mismatched = 0;
  const cache = new Map<string, Record<string, Record<string, { touches: number; created: number; updated: number; transitioned: number; commented: number; worked: number }>>>();
  for (const t of truth) {
    let days = cache.get(t.accountId);
    if (!days) cache.set(t.accountId, (days = await inApp(() => readDayCells(t.accountId))));
    const c = days[t.day]?.[t.projectKey];
    const same = !!c && c.touches === t.touches && c.created === t.created && c.updated === t.updated && c.transitioned === t.transitioned && c.commented === t.commented && c.worked === t.worked;
    if (!same) {
      mismatched++;
      if (process.env.BENCH_DEBUG) console.error(`[ledger] ${t.accountId} ${t.projectKey} ${t.day}: truth ${JSON.stringify(t)} ledger ${JSON.stringify(c ?? null)}`);
    }
  }
  // Nothing the truth lacks: every ledger cell of the week is a truth cell.
  const truthIds = new Set(truth.map((t) => `${t.accountId}|${t.projectKey}|${t.day}`));
  const firstDay = new Date(weekStart).toISOString().slice(0, 10);
  for (const [accountId, days] of cache) {
    for (const [day, projects] of Object.entries(days)) {
      if (day < firstDay) continue;
      for (const projectKey of Object.keys(projects)) if (!truthIds.has(`${accountId}|${projectKey}|${day}`)) mismatched++;
    }
  }
  return {
    matches: mismatched === 0,
    cells: truth.length,
    mismatched,
    raised: bus.stats.raised - statsBefore.raised,
    duplicated: bus.stats.duplicated - statsBefore.duplicated,
    dropped: bus.stats.dropped - statsBefore.dropped,
    reconcilePoints,
  };
}
