/**
 * `npm run bench:ledger`: only `ledger_matches_truth` (issue 10), quicker than the whole bench: a
 * simulated week of product events on the demo site (BENCH_SITE=large for the large one) with
 * duplicates, reordering and dropped events, the weekly reconciliation, and the ledger's cells
 * against the site's truth. Last line: one JSON object.
 */
import { startBenchHost } from './bench-host';

const { host, inApp, close } = await startBenchHost('ledger', 'demo');
const { drainQueue } = await import('../dev/tools/drain');
const { readAllActivity } = await import('../src/activity/read');
const { requestReconcile } = await import('../src/activity/compactor');
const { advanceTo } = await import('../dev/tools/virtual-clock');
const { ledgerWeek } = await import('./activity');

const week = await ledgerWeek(host, {
  duplicate: 0.1,
  drop: Number(process.env.LEDGER_DROP ?? 0.02),
  reconcile: async () => {
    advanceTo(Math.floor(Date.now() / 86_400_000) * 86_400_000 + 86_400_000 + 3_600_000);
    const known = await inApp(async () => [...(await readAllActivity()).keys()]);
    await inApp(() => requestReconcile(known));
    await drainQueue(host, { skipIdleTime: true });
  },
});
close();
console.log(JSON.stringify({ ledger_matches_truth: week.matches, ...week }));
