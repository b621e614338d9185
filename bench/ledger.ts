/**
 * `npm run bench:ledger`: only `ledger_matches_truth` (issue 10), quicker than the whole bench: a
 * simulated week of product events on the demo site (BENCH_SITE=large for the large one) with
 * duplicates, reordering and dropped events, the weekly reconciliation, and the ledger's cells
 * against the site's truth; then a second week with no dropped events (the steady case), whose
 * reconciliation should cost counts only. Last line: one JSON object.
 */
import { startBenchHost } from './bench-host';

// Real time (performance.now() moves with the virtual clock once the bench host is started).
const realNow = performance.now.bind(performance);
const started = realNow();
const { host, inApp, close } = await startBenchHost('ledger', 'demo');
const { drainQueue } = await import('../dev/tools/drain');
const { readAllActivity } = await import('../src/activity/read');
const { accountsToReconcile, requestReconcile } = await import('../src/activity/compactor');
const { ledgerWeek } = await import('./activity');

const reconcile = async () => {
  const known = await inApp(() => accountsToReconcile());
  await inApp(() => requestReconcile(known));
  await drainQueue(host, { skipIdleTime: true });
  // Printed before the week's cells are compared (on the large site that comparison can meet storage's read limits).
  console.error(`[ledger] reconciliation of ${known.length} accounts: ${JSON.stringify(host.sim?.meter.snapshot().byEndpoint ?? {})}`);
};
const week = await ledgerWeek(host, { duplicate: 0.1, drop: Number(process.env.LEDGER_DROP ?? 0.02), reconcile });
const steady = await ledgerWeek(host, { duplicate: 0.1, drop: 0, reconcile });
const accounts = (await inApp(async () => [...(await readAllActivity()).keys()])).length;
close();
console.log(
  JSON.stringify({
    ledger_matches_truth: week.matches && steady.matches,
    ...week,
    site: process.env.BENCH_SITE ?? 'demo',
    accounts_reconciled: accounts,
    reconcile_week_points_no_drops: steady.reconcilePoints,
    no_drops_matches: steady.matches,
    no_drops_cells: steady.cells,
    wall_seconds: Math.round((realNow() - started) / 1000),
  }),
);
