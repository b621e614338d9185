/**
 * `npm run bench`: the large simulated site through the local Forge host (real @forge packages,
 * SQLite KVS with Forge storage's rate limits, durable queue) with 50 ms of latency per Jira
 * request, on a virtual clock whose timers run without waiting (the same timeline, without the
 * idle time): a full scan; a week of product events with duplicates, reordering and drops, then
 * reconciled (`ledger_matches_truth`); a steady week, each day 1% of issues changed over the day
 * with the scheduled triggers at their intervals (`steady_points_per_day_large`); page views; an
 * event burst. Prints, as its last line, one JSON object with the figures.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installVirtualTimers, monotonicNow, uninstallVirtualTimers } from '../dev/tools/virtual-clock';

// Wall time, in real seconds (performance.now() moves with the virtual clock once it is installed).
const realNow = performance.now.bind(performance);
const benchStartedMs = realNow();
installVirtualTimers();
// Background retries back off from 200 ms here instead of 2 s: the site's faults are off, so
// this only shortens waits after burst limits.
process.env.SCAN_RETRY_BASE_MS ??= '200';

// Everything is loaded before the host starts: once its timers exist, a wait on real I/O (a module
// being read) would let the virtual clock run ahead.
const { createHost } = await import('../dev/host/host');
const { drainQueue } = await import('../dev/tools/drain');
const { largestValueAccepted } = await import('../dev/host/kvs');
const backend = await import('../src/index');
const { readSettings } = await import('../src/storage/scan-settings');
const { readScanState } = await import('../src/scan/state');
const { runInvocation, currentInvocation } = await import('../dev/host/runtime');
const { readSnapshotPointer, readIdentitySummaries } = await import('../src/scan/snapshot-store');
const { devInvoke } = await import('../dev/host/dev-invoke');
const { inApp, ledgerWeek, sliceShare } = await import('./activity');
const { accountsToReconcile, requestReconcile } = await import('../src/activity/compactor');
const { DAY_MS, SLICE_MS, Schedule, simulateDay } = await import('./day');
const { eventBurst } = await import('./burst');
const { handlers } = await import('../src/resolvers');
const ui = process.env.BENCH_SITE === 'demo' || process.env.BENCH_UI === '0' ? null : await import('./ui');

const ROOT = join(import.meta.dirname, '..');
const dataDir = mkdtempSync(join(tmpdir(), 'registry-bench-'));
const host = createHost({ manifestFile: join(ROOT, 'manifest.yml'), backend: { index: backend }, dataDir, site: process.env.BENCH_SITE === 'demo' ? 'demo' : 'large', storageClock: monotonicNow });
const sim = host.sim;
if (!sim) throw new Error('the bench needs the simulated site');
sim.faults.set({ latencyMs: 50 });

/** Points by the function that spent them (scan-worker, activity-worker, daily, resolver...), since the last reset. */
const pointsByFunction = new Map<string, number>();
/** The same, per function and endpoint. */
const pointsByFunctionEndpoint = new Map<string, number>();
sim.meter.observe((endpoint, points) => {
  let fn = currentInvocation()?.functionKey ?? 'outside any invocation';
  // The compactor folds events and reconciles in the same runs: its reconciliation is told apart by
  // the (async) call stack that spent the points.
  if (fn === 'activity-worker') {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 60;
    const stack = new Error().stack ?? '';
    Error.stackTraceLimit = limit;
    fn += /reconcil/i.test(stack) ? ' (reconciliation)' : /withProjects/.test(stack) ? ' (worklog projects)' : /noteNewcomers|lookUpNewcomers/.test(stack) ? ' (newcomers)' : ' (other)';
  }
  pointsByFunction.set(fn, (pointsByFunction.get(fn) ?? 0) + points);
  pointsByFunctionEndpoint.set(`${fn}: ${endpoint}`, (pointsByFunctionEndpoint.get(`${fn}: ${endpoint}`) ?? 0) + points);
});
const log = (line: string) => console.error(line);

/** Step durations, from the consumer's invocations. */
let maxStepMs = 0;
const deliver = host.functions.deliverEvent.bind(host.functions);
host.functions.deliverEvent = async (event) => {
  const started = performance.now();
  try {
    return await deliver(event);
  } finally {
    const ms = performance.now() - started;
    maxStepMs = Math.max(maxStepMs, ms);
    if (ms > 120_000) log(`[bench] a step on ${event.queueName} took ${Math.round(ms / 1000)} s: ${JSON.stringify(event.body).slice(0, 120)}`);
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
      // A look every second (of the virtual clock): the host emulates Forge storage's rate limits for the bench too.
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
  const started = realNow();
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
  const figures = { points: meter.points, requests: meter.requests, maxPointsPerHour: Math.max(0, ...Object.values(meter.byHour)), wallSeconds: (realNow() - started) / 1000 };
  const state = (await readInHost(() => readScanState())) ?? null;
  console.error(`[bench] ${label}: ${JSON.stringify(figures)}; the app counted ${state?.points} points in ${state?.requests} requests`);
  const byEndpoint = Object.entries(sim?.meter.snapshot().byEndpoint ?? {}).sort((a, b) => b[1].points - a[1].points);
  for (const [endpoint, m] of byEndpoint.slice(0, 12)) console.error(`[bench]   ${String(m.points).padStart(7)} points ${String(m.requests).padStart(6)} requests  ${endpoint}`);
  return figures;
}

const fullStartedAt = Date.now();
const full = await scan('full scan');
// Virtual-clock time from the scan's start until every identity x project pair was measured.
const fullVirtualMs = Date.now() - fullStartedAt;
const settings = await readInHost(() => readSettings());
// The scan's window: from midnight UTC, windowDays before the day the scan started.
const sinceMs = Math.floor(fullStartedAt / 86_400_000) * 86_400_000 - settings.windowDays * 86_400_000;
const pairs = sim.truth.touchedPairs({ sinceMs });
const identities = sim.truth.integrationAccountIds();
const touchedIssues = identities.map((id) => sim.truth.issuesTouchedBy(id, { sinceMs }).length);
const sizes = sim.truth.sizes();

// The ledger week: integrations at work for seven days, delivered with duplicates, reordering and
// drops, then the next day the reconciliation of every account the app knows (the ledger's and the
// scan's). Its points are `reconcile_week_points`, apart from the steady figure.
const week = await ledgerWeek(host, {
  duplicate: 0.1,
  drop: 0.02,
  reconcile: async () => {
    const known = await inApp(async () => {
      const pointer = await readSnapshotPointer();
      const scanned = pointer ? (await readIdentitySummaries(pointer)).map((s) => s.accountId) : [];
      return [...new Set([...(await accountsToReconcile()), ...scanned])];
    });
    await inApp(() => requestReconcile(known));
    await drainQueue(host, { skipIdleTime: true });
  },
});
log(`[bench] ledger week: ${JSON.stringify(week)}`);

/**
 * Points spent by page views, as the site counted them: the admin page (identities list and scan
 * status), the heat map, and 10 identities opened, as the site admin. The caller's own permission
 * checks (mypermissions, myself) are left out, as the target says. A view that fails (Forge
 * storage busy) is logged and the pass is not counted: `null` then.
 */
async function pageViewPass(label: string): Promise<{ points: number; failures: string[] }> {
  const admin = host.personas().find((p) => p.role === 'site-admin')?.accountId ?? null;
  const failures: string[] = [];
  const call = async (functionKey: string, payload: unknown = {}) => {
    const answer = (await devInvoke(host, { as: admin, moduleKey: 'admin-page', functionKey, payload })) as { ok: boolean; data?: unknown; error?: { code?: string; message: string } };
    if (!answer.ok) {
      failures.push(`${functionKey}: ${answer.error?.code ?? ''} ${answer.error?.message ?? 'failed'}`);
      log(`[bench] page views (${label}): ${functionKey} failed: ${answer.error?.code ?? ''} ${answer.error?.message ?? ''}`);
    }
    return answer.ok ? answer.data : null;
  };
  const before = sim?.meter.snapshot().byEndpoint ?? {};
  const readsBefore = new Map([...host.storage.byFamily].filter(([f]) => f.startsWith('read ')));
  const list = ((await call('identities/list', { limit: 50 })) as { items: Array<{ accountId: string }> } | null) ?? { items: [] };
  await call('scan/status');
  // The heat map: one stored-data resolver where it exists, else the page's 20 identity reads.
  if ('heatmap/get' in handlers) await call('heatmap/get');
  else for (const i of list.items.slice(0, 20)) await call('identity/get', { accountId: i.accountId });
  for (const i of list.items.slice(0, 10)) await call('identity/get', { accountId: i.accountId });
  const own = ['GET /rest/api/3/mypermissions', 'GET /rest/api/3/myself'];
  const after = sim?.meter.snapshot().byEndpoint ?? {};
  const spent = Object.entries(after)
    .map(([endpoint, m]) => [endpoint, { points: m.points - (before[endpoint]?.points ?? 0), requests: m.requests - (before[endpoint]?.requests ?? 0) }] as const)
    .filter(([endpoint, m]) => !own.includes(endpoint) && m.requests > 0);
  for (const [endpoint, m] of spent) log(`[bench] page views (${label}): ${m.points} points ${m.requests} requests ${endpoint}`);
  const points = spent.reduce((sum, [, m]) => sum + m.points, 0);
  // Storage read units by key family over the pass (background work running beside it included).
  const reads = [...host.storage.byFamily].filter(([f]) => f.startsWith('read ')).map(([f, u]) => [f, u - (readsBefore.get(f) ?? 0)] as const).filter(([, u]) => u > 0);
  log(`[bench] page views (${label}): ${points} points beyond the caller's own checks, ${failures.length} failed; storage read units ${reads.reduce((n, [, u]) => n + u, 0)} (${reads.sort((a, b) => b[1] - a[1]).slice(0, 8).map(([f, u]) => `${f.slice(5)} ${u}`).join(', ')})`);
  return { points, failures };
}

// The steady week: each day 1% of issues change, spread over the day (a slice every 15 minutes) and
// delivered as product events, with the scheduled triggers at their intervals since the full scan's
// (the daily trigger: the day's scan, the ledger's upkeep, the reconciliation of the accounts due
// that weekday). The steady figure is the week's points over seven: every weekday's share of the
// weekly reconciliation, each with seven observed days behind it (the ledger week's).
const steadyDays = Number(process.env.BENCH_STEADY_DAYS ?? 7);
const steadyStart = Math.ceil(Date.now() / DAY_MS) * DAY_MS;
const schedule = new Schedule(host, fullStartedAt, steadyStart);
const slicesPerDay = DAY_MS / SLICE_MS;
const issuesPerDay = Math.round(sizes.issues * 0.01);
const steadyPerDay: number[] = [];
const steadyByEndpoint = new Map<string, { points: number; requests: number }>();
const steadyByFunction = new Map<string, number>();
const steadyByFunctionEndpoint = new Map<string, number>();
host.storage.resetTotals();
const eventsBefore = { ...(host.productEvents?.stats ?? { raised: 0 }) };
for (let d = 0; d < steadyDays; d++) {
  sim.meter.reset();
  pointsByFunction.clear();
  pointsByFunctionEndpoint.clear();
  const dayWall = realNow();
  await simulateDay(host, {
    start: steadyStart + d * DAY_MS,
    schedule,
    log,
    change: (slice, at) => {
      sim.mutate.touchIssues({ fraction: sliceShare(issuesPerDay, slice) / sizes.issues, at, seed: 300_000 + d * slicesPerDay + slice });
    },
  });
  const m = sim.meter.snapshot();
  steadyPerDay.push(m.points);
  for (const [endpoint, e] of Object.entries(m.byEndpoint)) {
    const t = steadyByEndpoint.get(endpoint) ?? { points: 0, requests: 0 };
    steadyByEndpoint.set(endpoint, { points: t.points + e.points, requests: t.requests + e.requests });
  }
  for (const [fn, p] of pointsByFunction) steadyByFunction.set(fn, (steadyByFunction.get(fn) ?? 0) + p);
  for (const [key, p] of pointsByFunctionEndpoint) steadyByFunctionEndpoint.set(key, (steadyByFunctionEndpoint.get(key) ?? 0) + p);
  const byFn = [...pointsByFunction].sort((a, b) => b[1] - a[1]).map(([f, p]) => `${f} ${p}`).join(', ');
  log(`[bench] steady day ${d + 1}: ${m.points} points in ${m.requests} requests (${byFn || 'none'}); ${Math.round(realNow() - dayWall) / 1000} s of real time`);
}
const steadyTotal = steadyPerDay.reduce((a, b) => a + b, 0);
const steadyPointsPerDay = Math.round(steadyTotal / Math.max(1, steadyDays));
const steadyStorage = { ...host.storage.totals };
log(`[bench] steady week: ${steadyDays} days, ${host.productEvents ? host.productEvents.stats.raised - eventsBefore.raised : 0} events, points per day ${JSON.stringify(steadyPerDay)}, ${steadyTotal} in all, ${steadyPointsPerDay} a day (the week over ${steadyDays})`);
log(`[bench] steady week points by function: ${[...steadyByFunction].sort((a, b) => b[1] - a[1]).map(([f, p]) => `${f} ${p}`).join(', ') || 'none'}`);
for (const [key, p] of [...steadyByFunctionEndpoint].sort((a, b) => b[1] - a[1]).slice(0, 12)) log(`[bench]   steady week ${String(p).padStart(7)} points  ${key}`);
for (const [endpoint, e] of [...steadyByEndpoint].sort((a, b) => b[1].points - a[1].points)) log(`[bench]   steady week ${String(e.points).padStart(7)} points ${String(e.requests).padStart(6)} requests  ${endpoint}`);
const families = [...host.storage.byFamily].sort((a, b) => b[1] - a[1]).slice(0, 10);
log(`[bench] steady week storage: ${JSON.stringify(steadyStorage)}; units by key family: ${families.map(([f, u]) => `${f} ${u}`).join(', ')}`);

/** Page views measured on a pass with no failure (a failed pass is logged; a minute later, another). */
async function pageViewPoints(): Promise<number | null> {
  // Background work the views ask for (project roles) is not a page view's: it waits until they are counted.
  let open = () => undefined as void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const deliverLater = host.functions.deliverEvent;
  host.functions.deliverEvent = async (event) => gate.then(() => deliverLater(event));
  let points: number | null = null;
  for (let pass = 1; pass <= 3 && points === null; pass++) {
    const result = await pageViewPass(`pass ${pass}`);
    if (result.failures.length === 0) points = result.points;
    else await new Promise((r) => setTimeout(r, 60_000));
  }
  host.functions.deliverEvent = deliverLater;
  open();
  await drainQueue(host, { skipIdleTime: true });
  return points;
}
const pagePoints = await pageViewPoints();
// A burst of 100 product events a second for a minute (on the clock storage's limits count).
// Page views in the middle of it: they must answer while the events are stored and folded.
const burstSeconds = Number(process.env.BENCH_BURST_SECONDS ?? 60);
const [burst, loadPass] = await Promise.all([
  eventBurst(host, { perSecond: 100, seconds: burstSeconds }),
  new Promise((r) => setTimeout(r, (burstSeconds * 1000) / 2)).then(() => pageViewPass('during the event burst')),
]);
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
  identities: identities.length,
  points_budget_per_hour: settings.pointsBudgetPerHour,
  max_points_per_hour: Math.max(0, ...pointsByHour.values()),
  max_step_seconds: Math.round(maxStepMs / 100) / 10,
  max_kvs_value_bytes: largestValueAccepted(),
  scan_wall_seconds: Math.round(full.wallSeconds),
  backfill_points: full.points,
  backfill_hours_large: Math.round((fullVirtualMs / 3_600_000) * 100) / 100,
  // A steady week's points over seven: each day 1% of issues changed (as events) and the scheduled triggers.
  steady_points_per_day_large: steadyPointsPerDay,
  installations_per_global_pool: Math.floor((65_000 * 24) / Math.max(1, steadyPointsPerDay)),
  ledger_matches_truth: week.matches,
  ledger_week_cells: week.cells,
  ledger_week_mismatched: week.mismatched,
  reconcile_week_points: week.reconcilePoints,
  steady_days_points: steadyPerDay,
  steady_storage_refused: steadyStorage.refused,
  page_view_failures_during_burst: loadPass.failures.length,
  steady_peak_write_units_per_minute: steadyStorage.peakWriteUnitsPerMinute,
  burst_events_per_second: burst.events_per_second,
  burst_peak_write_units_per_minute: burst.peak_write_units_per_minute,
  burst_peak_read_units_per_minute: burst.peak_read_units_per_minute,
  burst_storage_refused: burst.storage_refused,
  target_points: Math.min(16 * pairs.length + 4 * identities.length, Math.floor(Math.min(identities.length * sizes.projects, touchedIssues.reduce((s, n) => s + n, 0)) / 10)),
};
host.close();
rmSync(dataDir, { recursive: true, force: true });
// The browser and `npm start` are real I/O: real timers from here on.
uninstallVirtualTimers();
// The admin page's figures (issue 5): headless Chromium against `npm start`, demo and large sites.
// BENCH_UI=0 skips the browser figures (for a quick look at the scan's figures).
const uiFigures = ui ? await ui.measureUi() : {};
console.log(JSON.stringify({ ...result, ...uiFigures, bench_wall_seconds: Math.round((realNow() - benchStartedMs) / 1000) }));
