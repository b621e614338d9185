/**
 * The bench's activity figures (issue 10): a simulated week of product events, delivered with
 * duplicates, reordering and some dropped, then reconciled; the ledger's identity x project x day
 * counts are compared with the simulated site's truth.
 */
import type { Host } from '../dev/host/host';
import { runInvocation } from '../dev/host/runtime';
import { drainQueue } from '../dev/tools/drain';
import { advanceTo } from '../dev/tools/virtual-clock';
import { readDayCells } from '../src/activity/read';

const DAY = 86_400_000;
const inApp = <T>(fn: () => Promise<T>) => runInvocation({ functionKey: 'bench', moduleKey: 'bench', moduleType: 'bench', timeoutMs: 60_000 }, fn);

export interface WeekFigures {
  matches: boolean;
  cells: number;
  mismatched: number;
  raised: number;
  duplicated: number;
  dropped: number;
  reconcilePoints: number;
}

/** Seven days of integrations at work and 0.2% of issues changed a day, delivered as Forge would. */
export async function ledgerWeek(host: Host, o: { duplicate: number; drop: number; reconcile: (() => Promise<void>) | null }): Promise<WeekFigures> {
  const sim = host.sim;
  const bus = host.productEvents;
  if (!sim || !bus) throw new Error('the ledger week needs the simulated site');
  const knobsBefore = bus.knobs;
  const statsBefore = { ...bus.stats };
  bus.knobs = { ...bus.knobs, duplicate: o.duplicate, drop: o.drop, reorder: true, delayMs: 0 };
  const weekStart = Math.floor(Date.now() / DAY) * DAY + DAY;
  for (let d = 0; d < 7; d++) {
    advanceTo(weekStart + d * DAY + 10 * 3_600_000);
    sim.mutate.integrationsAct({ count: 400, seed: 1000 + d });
    sim.mutate.touchIssues({ fraction: 0.002, seed: 2000 + d });
    await bus.flush();
    await drainQueue(host, { skipIdleTime: true });
  }
  bus.knobs = knobsBefore;
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
