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
const { readSettings } = await import('../src/storage/scan-settings');
const { readScanState } = await import('../src/scan/state');
const { runInvocation } = await import('../dev/host/runtime');
const { readSnapshotPointer, readIdentitySummaries } = await import('../src/scan/snapshot-store');
const { devInvoke } = await import('../dev/host/dev-invoke');

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

const readInHost = <T>(fn: () => Promise<T>): Promise<T> => runInvocation({ functionKey: 'bench', moduleKey: 'bench', moduleType: 'bench', timeoutMs: 10_000 }, fn) as Promise<T>;

/**
 * Virtual-clock seconds from the scan's start until every identity the scan finds is on the admin
 * page with its kind: each identity's first appearance in the published index (looked at whenever
 * the published snapshot changes), the latest of them over the identities of the complete
 * snapshot. Integrations the site's truth has but no scan can find (accounts quiet for the whole
 * window) are counted apart, in `integrations_not_found`.
 */
function watchFirstAnswer(startedAt: number): { onTick: () => void; beforeSkip: () => Promise<void>; seconds: () => Promise<number | null>; notFound: () => Promise<number> } {
  let seenAt = '';
  let checking = false;
  let lastCheck = 0;
  const firstSeen = new Map<string, number>();
  const check = async () => {
    const pointer = await readInHost(() => readSnapshotPointer());
    if (!pointer || `${pointer.generation}:${pointer.completedAt}` === seenAt) return;
    seenAt = `${pointer.generation}:${pointer.completedAt}`;
    const shown = (await readInHost(() => readIdentitySummaries(pointer))).filter((s) => s.kind);
    const at = Math.round((Date.now() - startedAt) / 1000);
    for (const s of shown) if (!firstSeen.has(s.accountId)) firstSeen.set(s.accountId, at);
    console.error(`[bench] ${at} s: ${shown.length} identities shown${pointer.partial ? ' (partial)' : ''}`);
  };
  const final = async () => {
    await check();
    const pointer = await readInHost(() => readSnapshotPointer());
    return pointer && !pointer.partial ? (await readInHost(() => readIdentitySummaries(pointer))).map((s) => s.accountId) : null;
  };
  return {
    onTick: () => {
      // A look every second of real time: the host emulates Forge storage's rate limits for the bench too.
      if (checking || performance.now() - lastCheck < 1000) return;
      checking = true;
      lastCheck = performance.now();
      void check()
        .catch((e: unknown) => console.error(`[bench] could not look at the admin page's index: ${String(e)}`))
        .finally(() => (checking = false));
    },
    // Before the clock jumps (a budget pause): what the page shows now was shown at this moment.
    beforeSkip: async () => {
      while (checking) await new Promise((r) => setTimeout(r, 5));
      checking = true;
      await check()
        .catch((e: unknown) => console.error(`[bench] could not look at the admin page's index: ${String(e)}`))
        .finally(() => (checking = false));
    },
    seconds: async () => {
      const ids = await final();
      return ids === null ? null : Math.max(0, ...ids.map((id) => firstSeen.get(id) ?? Infinity));
    },
    notFound: async () => {
      const ids = new Set((await final()) ?? []);
      return (sim?.truth.integrationAccountIds() ?? []).filter((id) => !ids.has(id)).length;
    },
  };
}
let firstAnswerSeconds: number | null = null;
let integrationsNotFound: number | null = null;

async function scan(label: string): Promise<RunFigures> {
  sim?.meter.reset();
  const started = performance.now();
  const watch = watchFirstAnswer(Date.now());
  await host.functions.runTrigger('daily-trigger');
  // Nothing to do until a delayed step is due (the hour's budget is spent): skip ahead.
  await drainQueue(host, { skipIdleTime: true, onTick: watch.onTick, beforeSkip: watch.beforeSkip });
  if (firstAnswerSeconds === null) {
    firstAnswerSeconds = await watch.seconds();
    integrationsNotFound = await watch.notFound();
  }
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
host.storage.resetTotals();
sim.mutate.touchIssues({ fraction: 0.01 });
await host.productEvents?.flush();
await drainQueue(host, { skipIdleTime: true });
const eventDayPoints = sim.meter.snapshot().points;
const incremental = await scan('incremental scan after 1% of issues changed');
const steadyPointsPerDay = eventDayPoints + incremental.points;
const steadyStorage = { ...host.storage.totals };
const families = [...host.storage.byFamily].sort((a, b) => b[1] - a[1]).slice(0, 10);
console.error(`[bench] steady day storage: ${JSON.stringify(steadyStorage)}; units by key family: ${families.map(([f, u]) => `${f} ${u}`).join(', ')}`);
const { ledgerWeek } = await import('./activity');
const { requestReconcile } = await import('../src/activity/compactor');
const { readAllActivity } = await import('../src/activity/read');
const { advanceTo } = await import('../dev/tools/virtual-clock');
const week = await ledgerWeek(host, {
  duplicate: 0.1,
  drop: 0.02,
  // The next day, the weekly reconciliation of every account the app knows (the ledger's and the scan's).
  reconcile: async () => {
    advanceTo(Math.floor(Date.now() / 86_400_000) * 86_400_000 + 86_400_000 + 3_600_000);
    const known = await runInvocation({ functionKey: 'bench', moduleKey: 'bench', moduleType: 'bench', timeoutMs: 60_000 }, async () => {
      const pointer = await readSnapshotPointer();
      const scanned = pointer ? (await readIdentitySummaries(pointer)).map((s) => s.accountId) : [];
      return [...new Set([...(await readAllActivity()).keys(), ...scanned])];
    });
    await runInvocation({ functionKey: 'bench', moduleKey: 'bench', moduleType: 'bench', timeoutMs: 60_000 }, () => requestReconcile(known));
    await drainQueue(host, { skipIdleTime: true });
  },
});
console.error(`[bench] ledger week: ${JSON.stringify(week)}`);

/**
 * Points spent by page views, as the site counted them: the admin page (identities list and scan
 * status), the heat map, and 10 identities opened, as the site admin, after the scans. The
 * caller's own permission checks (mypermissions, myself) are left out, as the target says.
 */
async function pageViewPoints(): Promise<number> {
  const admin = host.personas().find((p) => p.role === 'site-admin')?.accountId ?? null;
  const call = async (functionKey: string, payload: unknown = {}) => {
    const answer = (await devInvoke(host, { as: admin, moduleKey: 'admin-page', functionKey, payload })) as { ok: boolean; data?: unknown; error?: { message: string } };
    if (!answer.ok) throw new Error(`${functionKey}: ${answer.error?.message ?? 'failed'}`);
    return answer.data;
  };
  // Background work the views ask for (project roles) is not a page view's: it waits until they are counted.
  let open = () => undefined as void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const deliverLater = host.functions.deliverEvent;
  host.functions.deliverEvent = async (event) => gate.then(() => deliverLater(event));
  sim?.meter.reset();
  const list = (await call('identities/list', { limit: 50 })) as { items: Array<{ accountId: string }> };
  await call('scan/status');
  const handlers = (await import('../src/resolvers')).handlers as Record<string, unknown>;
  // The heat map: one stored-data resolver where it exists, else the page's 20 identity reads.
  if ('heatmap/get' in handlers) await call('heatmap/get');
  else for (const i of list.items.slice(0, 20)) await call('identity/get', { accountId: i.accountId });
  for (const i of list.items.slice(0, 10)) await call('identity/get', { accountId: i.accountId });
  const byEndpoint = sim?.meter.snapshot().byEndpoint ?? {};
  const own = ['GET /rest/api/3/mypermissions', 'GET /rest/api/3/myself'];
  const spent = Object.entries(byEndpoint).filter(([endpoint]) => !own.includes(endpoint));
  for (const [endpoint, m] of spent) console.error(`[bench] page views: ${m.points} points ${m.requests} requests ${endpoint}`);
  host.functions.deliverEvent = deliverLater;
  open();
  await drainQueue(host, { skipIdleTime: true });
  return spent.reduce((sum, [, m]) => sum + m.points, 0);
}
const pagePoints = await pageViewPoints();
// A burst of 100 product events a second for a minute (real seconds: storage's limits count them).
const { eventBurst } = await import('./burst');
const burst = await eventBurst(host, { perSecond: 100, seconds: Number(process.env.BENCH_BURST_SECONDS ?? 60) });
console.error(`[bench] event burst: ${JSON.stringify(burst)}`);

const result = {
  first_answer_seconds_large: firstAnswerSeconds,
  integrations_not_found: integrationsNotFound,
  page_view_points: pagePoints,
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
  // The day's events and scheduled scan, plus a seventh of the weekly reconciliation (each account on its weekday).
  steady_points_per_day_large: steadyPointsPerDay + Math.round(week.reconcilePoints / 7),
  installations_per_global_pool: Math.floor((65_000 * 24) / Math.max(1, steadyPointsPerDay + Math.round(week.reconcilePoints / 7))),
  ledger_matches_truth: week.matches,
  ledger_week_cells: week.cells,
  ledger_week_mismatched: week.mismatched,
  reconcile_week_points: week.reconcilePoints,
  steady_event_points: eventDayPoints,
  steady_scan_points: incremental.points,
  steady_storage_refused: steadyStorage.refused,
  steady_peak_write_units_per_minute: steadyStorage.peakWriteUnitsPerMinute,
  burst_events_per_second: burst.events_per_second,
  burst_peak_write_units_per_minute: burst.peak_write_units_per_minute,
  burst_peak_read_units_per_minute: burst.peak_read_units_per_minute,
  burst_storage_refused: burst.storage_refused,
  target_points: Math.min(16 * pairs.length + 4 * identities.length, Math.floor(Math.min(identities.length * sizes.projects, touchedIssues.reduce((s, n) => s + n, 0)) / 10)),
};
host.close();
rmSync(dataDir, { recursive: true, force: true });
// The admin page's figures (issue 5): headless Chromium against `npm start`, demo and large sites.
// BENCH_UI=0 skips the browser figures (for a quick look at the scan's figures).
const ui = process.env.BENCH_SITE === 'demo' || process.env.BENCH_UI === '0' ? {} : await (await import('./ui')).measureUi();
console.log(JSON.stringify({ ...result, ...ui }));
