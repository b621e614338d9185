/**
 * `npm run bench:backfill`: only the backfill's figures (issue 10), quicker than the whole bench. A
 * full scan of the simulated site (large by default, BENCH_SITE=demo for the demo) in real-site
 * mode (no product events: the backfill alone answers), on a virtual clock that skips budget
 * pauses. Prints the points by endpoint, whether the identity x project matrix equals the site's
 * truth, and the target 16 x touched pairs + 4 x identities. Last line: one JSON object.
 */
import { startBenchHost } from './bench-host';

const { host, inApp, close } = await startBenchHost('backfill', 'large');
const { drainQueue } = await import('../dev/tools/drain');
const { readIdentityActivity } = await import('../src/activity/read');
const { readSettings } = await import('../src/storage/scan-settings');
const { readBlocks } = await import('../src/activity/store');
const { SETTLE_MS } = await import('../src/scan/jql');

const sim = host.sim;
const bus = host.productEvents;
if (!sim || !bus) throw new Error('the bench needs the simulated site');
bus.knobs = { ...bus.knobs, enabled: false };

const startedAt = Date.now();
sim.meter.reset();
await host.functions.runTrigger('daily-trigger');
await drainQueue(host, { skipIdleTime: true });
const meter = sim.meter.snapshot();
const byEndpoint = Object.entries(meter.byEndpoint).sort((a, b) => b[1].points - a[1].points);
for (const [endpoint, m] of byEndpoint.slice(0, 14)) console.error(`[backfill] ${String(m.points).padStart(7)} points ${String(m.requests).padStart(6)} requests  ${endpoint}`);

const settings = await inApp(() => readSettings());
const sinceMs = Math.floor(startedAt / 86_400_000) * 86_400_000 - settings.windowDays * 86_400_000;
const identities = sim.truth.integrationAccountIds();
// Each work item once up to where the account's blocks end (the settled day boundary when it was
// measured), then once per day (ACTIVITY_DEFINITION: the recent tail is counted like the ledger's days).
const settledDay = Math.floor((startedAt - SETTLE_MS) / 86_400_000) * 86_400_000;
const blockEnds = new Map<string, number>();
for (const accountId of identities) {
  const ends = Object.values(await inApp(() => readBlocks(accountId))).flatMap((b) => (b.to === null ? [] : [Date.parse(`${b.to}T00:00:00Z`)]));
  blockEnds.set(accountId, ends.length > 0 ? Math.max(...ends) : settledDay);
}
const split = new Map<number, ReturnType<typeof sim.truth.touchMatrix>>();
const cellsSplitAt = (untilMs: number) => split.get(untilMs) ?? split.set(untilMs, [...sim.truth.touchMatrix({ sinceMs, untilMs }), ...sim.truth.ledgerCells({ sinceMs: untilMs })]).get(untilMs) ?? [];
const truth = new Map<string, Record<string, number>>();
for (const accountId of identities) {
  const untilMs = blockEnds.get(accountId) ?? settledDay;
  for (const c of cellsSplitAt(untilMs)) {
    if (c.accountId !== accountId || c.touches === 0) continue;
    const row = truth.get(accountId) ?? {};
    row[c.projectKey] = (row[c.projectKey] ?? 0) + c.touches;
    truth.set(accountId, row);
  }
}
const pairs = [...truth.values()].reduce((n, row) => n + Object.keys(row).length, 0);
let wrongPairs = 0;
for (const accountId of identities) {
  const measured = await inApp(() => readIdentityActivity(accountId));
  const expected = truth.get(accountId) ?? {};
  const keys = new Set([...Object.keys(expected), ...[...measured].filter(([, c]) => c.touches > 0).map(([k]) => k)]);
  for (const key of keys) {
    if ((measured.get(key)?.touches ?? 0) !== (expected[key] ?? 0)) {
      wrongPairs++;
      if (wrongPairs <= 10) console.error(`[backfill] ${accountId} ${key}: measured ${measured.get(key)?.touches ?? 0}, truth ${expected[key] ?? 0}`);
    }
  }
}
const activityEndpoints = byEndpoint.filter(([e]) => /search|changelog|worklog/.test(e)).reduce((n, [, m]) => n + m.points, 0);
close();
console.log(
  JSON.stringify({
    backfill_points: meter.points,
    backfill_activity_points: activityEndpoints,
    touched_pairs: pairs,
    identities: identities.length,
    target_points: 16 * pairs + 4 * identities.length,
    matrix_matches_truth: wrongPairs === 0,
    wrong_pairs: wrongPairs,
    backfill_hours: Math.round(((Date.now() - startedAt) / 3_600_000) * 100) / 100,
  }),
);
