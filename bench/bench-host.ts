/**
 * The host a focused bench script runs on (bench:backfill, bench:ledger): the virtual clock is
 * installed before the host and the app are loaded (their timers and Date must be the clock's),
 * storage's rate windows on that clock too (a skipped minute is a minute for them), a fresh data folder, the site BENCH_SITE names (or the script's default), and a way to run code
 * inside an invocation as the app's functions do.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installVirtualTimers, monotonicNow } from '../dev/tools/virtual-clock';

export async function startBenchHost(name: string, defaultSite: 'demo' | 'large') {
  installVirtualTimers();
  // Background retries back off from 200 ms instead of 2 s: the site's faults are off, so this
  // only shortens waits after burst limits.
  process.env.SCAN_RETRY_BASE_MS ??= '200';
  const { createHost } = await import('../dev/host/host');
  const { runInvocation } = await import('../dev/host/runtime');
  const backend = await import('../src/index');
  const site = process.env.BENCH_SITE === 'demo' || process.env.BENCH_SITE === 'large' ? process.env.BENCH_SITE : defaultSite;
  const dataDir = mkdtempSync(join(tmpdir(), `registry-${name}-`));
  const host = createHost({ manifestFile: join(import.meta.dirname, '..', 'manifest.yml'), backend: { index: backend }, dataDir, site, storageClock: monotonicNow });
  const inApp = <T>(fn: () => Promise<T>) => runInvocation({ functionKey: 'bench', moduleKey: 'bench', moduleType: 'bench', timeoutMs: 60_000 }, fn) as Promise<T>;
  const close = () => {
    host.close();
    rmSync(dataDir, { recursive: true, force: true });
  };
  return { host, inApp, close };
}
