/**
 * `npm run bench`: scans the large simulated site through the local Forge host (real @forge
 * packages, SQLite KVS, durable queue) with 50 ms of latency per Jira request, then scans again
 * after 1% of issues changed. Prints, as its last line, one JSON object with the figures.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installVirtualClock } from '../dev/tools/virtual-clock';

installVirtualClock();
// Background retries back off from 200 ms here instead of 2 s: the site's faults are off, so
// this only shortens waits after burst limits.
process.env.SCAN_RETRY_BASE_MS ??= '200';

const { createHost } = await import('../dev/host/host');
const { drainQueue } = await import('../dev/tools/drain');
const { largestValueAccepted } = await import('../dev/host/kvs');
const backend = await import('../src/index');
const { readSettings } = await import('../src/scan/settings');
const { readScanState } = await import('../src/scan/state');
const { runInvocation } = await import('../dev/host/runtime');

const ROOT = join(import.meta.dirname, '..');
const dataDir = mkdtempSync(join(tmpdir(), 'registry-bench-'));
const host = createHost({ manifestFile: join(ROOT, 'manifest.yml'), backend: { index: backend }, dataDir, site: process.env.BENCH_SITE === 'demo' ? 'demo' : 'large' });
const sim = host.sim;
if (!sim) throw new Error('the bench needs the simulated site');
sim.faults.set({ latencyMs: 50 });

/** Step durations, from the consumer's invocations. */
let maxStepMs = 0;
const deliver = host.functions.deliverEvent.bind(host.functions);
host.functions.deliverEvent = async (event) => {
  const started = performance.now();
  try {
    return await deliver(event);
  } finally {
    maxStepMs = Math.max(maxStepMs, performance.now() - started);
  }
};

interface RunFigures {
  points: number;
  requests: number;
  maxPointsPerHour: number;
  wallSeconds: number;
}

/** Runs the daily trigger (which starts a scan) and drives the queue until the scan is done. */
/** Points per clock hour over both scans, as the site counted them. */
const pointsByHour = new Map<number, number>();

async function scan(label: string): Promise<RunFigures> {
  sim?.meter.reset();
  const started = performance.now();
  await host.functions.runTrigger('daily-trigger');
  // Nothing to do until a delayed step is due (the hour's budget is spent): skip ahead.
  await drainQueue(host, { skipIdleTime: true });
  const meter = sim?.meter.snapshot() ?? { points: 0, requests: 0, byHour: {} };
  for (const [hour, points] of Object.entries(meter.byHour)) pointsByHour.set(Number(hour), (pointsByHour.get(Number(hour)) ?? 0) + points);
  const figures = { points: meter.points, requests: meter.requests, maxPointsPerHour: Math.max(0, ...Object.values(meter.byHour)), wallSeconds: (performance.now() - started) / 1000 };
  const state = (await runInvocation({ functionKey: 'bench', moduleKey: 'bench', moduleType: 'bench', timeoutMs: 10_000 }, () => readScanState())) ?? null;
  console.error(`[bench] ${label}: ${JSON.stringify(figures)}; the app counted ${state?.points} points in ${state?.requests} requests`);
  const byEndpoint = Object.entries(sim?.meter.snapshot().byEndpoint ?? {}).sort((a, b) => b[1].points - a[1].points);
  for (const [endpoint, m] of byEndpoint.slice(0, 12)) console.error(`[bench]   ${String(m.points).padStart(7)} points ${String(m.requests).padStart(6)} requests  ${endpoint}`);
  return figures;
}

const fullStartedAt = Date.now();
const full = await scan('full scan');
// Virtual-clock time from the scan's start until every identity x project pair was measured.
const fullVirtualMs = Date.now() - fullStartedAt;
const settings = await runInvocation({ functionKey: 'bench', moduleKey: 'bench', moduleType: 'bench', timeoutMs: 10_000 }, () => readSettings());
// The scan's window: from midnight UTC, windowDays before the day the scan started.
const sinceMs = Math.floor(fullStartedAt / 86_400_000) * 86_400_000 - settings.windowDays * 86_400_000;
const pairs = sim.truth.touchedPairs({ sinceMs });
const identities = sim.truth.integrationAccountIds();
const touchedIssues = identities.map((id) => sim.truth.issuesTouchedBy(id, { sinceMs }).length);
const sizes = sim.truth.sizes();

// The steady day: 1% of issues change and reach the app as product events, then the day's scheduled discovery runs.
sim.meter.reset();
sim.mutate.touchIssues({ fraction: 0.01 });
await host.productEvents?.flush();
await drainQueue(host, { skipIdleTime: true });
const eventDayPoints = sim.meter.snapshot().points;
const incremental = await scan('incremental scan after 1% of issues changed');
const steadyPointsPerDay = eventDayPoints + incremental.points;
const { ledgerWeek } = await import('./activity');
const week = await ledgerWeek(host, { duplicate: 0.1, drop: 0.02, reconcile: null });
console.error(`[bench] ledger week: ${JSON.stringify(week)}`);

const result = {
  scan_points: full.points,
  scan_requests: full.requests,
  touched_pairs: pairs.length,
  naive_pair_points: identities.length * sizes.projects,
  naive_read_points: touchedIssues.reduce((sum, n) => sum + n + Math.ceil(n / 5000), 0),
  incremental_points: incremental.points,
  identities: identities.length,
  points_budget_per_hour: settings.pointsBudgetPerHour,
  max_points_per_hour: Math.max(0, ...pointsByHour.values()),
  max_step_seconds: Math.round(maxStepMs / 100) / 10,
  max_kvs_value_bytes: largestValueAccepted(),
  scan_wall_seconds: Math.round(full.wallSeconds),
  backfill_points: full.points,
  backfill_hours_large: Math.round((fullVirtualMs / 3_600_000) * 100) / 100,
  steady_points_per_day_large: steadyPointsPerDay,
  installations_per_global_pool: Math.floor((65_000 * 24) / Math.max(1, steadyPointsPerDay)),
  ledger_matches_truth: week.matches,
  ledger_week_cells: week.cells,
  ledger_week_mismatched: week.mismatched,
  target_points: Math.min(16 * pairs.length + 4 * identities.length, Math.floor(Math.min(identities.length * sizes.projects, touchedIssues.reduce((s, n) => s + n, 0)) / 10)),
};
host.close();
rmSync(dataDir, { recursive: true, force: true });
// The admin page's figures (issue 5): headless Chromium against `npm start`, demo and large sites.
const ui = process.env.BENCH_SITE === 'demo' ? {} : await (await import('./ui')).measureUi();
console.log(JSON.stringify({ ...result, ...ui }));
