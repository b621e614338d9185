/**
 * `npm run bench:ledger`: only `ledger_matches_truth` (issue 10), quicker than the whole bench: a
 * simulated week of product events on the demo site (BENCH_SITE=large for the large one) with
 * duplicates, reordering and dropped events, the weekly reconciliation, and the ledger's cells
 * against the site's truth. Last line: one JSON object.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installVirtualClock } from '../dev/tools/virtual-clock';

installVirtualClock();
process.env.SCAN_RETRY_BASE_MS ??= '200';

const { createHost } = await import('../dev/host/host');
const { drainQueue } = await import('../dev/tools/drain');
const backend = await import('../src/index');
const { runInvocation } = await import('../dev/host/runtime');
const { readAllActivity } = await import('../src/activity/read');
const { requestReconcile } = await import('../src/activity/compactor');
const { advanceTo } = await import('../dev/tools/virtual-clock');
const { ledgerWeek } = await import('./activity');

const ROOT = join(import.meta.dirname, '..');
const dataDir = mkdtempSync(join(tmpdir(), 'registry-ledger-'));
const host = createHost({ manifestFile: join(ROOT, 'manifest.yml'), backend: { index: backend }, dataDir, site: process.env.BENCH_SITE === 'large' ? 'large' : 'demo' });
const inApp = <T>(fn: () => Promise<T>) => runInvocation({ functionKey: 'bench', moduleKey: 'bench', moduleType: 'bench', timeoutMs: 60_000 }, fn) as Promise<T>;

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
host.close();
rmSync(dataDir, { recursive: true, force: true });
console.log(JSON.stringify({ ledger_matches_truth: week.matches, ...week }));
