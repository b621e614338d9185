import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as backend from '../../src/index';
import { createHost, type Host } from '../../dev/host/host';
import { drainQueue } from '../../dev/tools/drain';
import { advanceTo, installVirtualTimers } from '../../dev/tools/virtual-clock';
import type { Faults } from '../../dev/sim';
import type { IdentityDetail } from '../../src/contract';
import { ROOT } from './host';
import { allIdentities, asAdmin } from './scan';

/**
 * Scans on fresh hosts under a virtual clock, for the tests that compare a scan that met faults
 * with a clean one. Call once at the top of a test file: quota resets come at the top of the hour,
 * so the clock skips ahead while a scan waits for one; it starts just after a midnight, so that the
 * scans compared in a file all run on one day.
 */
export function scanLab() {
  installVirtualTimers();
  advanceTo(Math.ceil(Date.now() / 86_400_000) * 86_400_000 + 60_000);
  process.env.SCAN_RETRY_BASE_MS = '20';
  // Every host's simulated site ends its history at the same moment, whatever the clock says later.
  const anchor = Math.floor(Date.now() / 86_400_000) * 86_400_000 - 86_400_000;
  const dirs: string[] = [];
  const references = new Map<string, Promise<unknown>>();

  function startHost(dataDir?: string): Host {
    const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'scan-faults-'));
    dirs.push(dir);
    return createHost({ manifestFile: join(ROOT, 'manifest.yml'), backend: { index: backend }, dataDir: dir, site: 'demo', simDataAnchor: anchor });
  }

  /** Runs the daily trigger's scan to its end (skipping the hours it waits), with faults while it runs. */
  async function scan(host: Host, faults?: Partial<Faults>): Promise<void> {
    if (faults) host.sim?.faults.set(faults);
    await host.functions.runTrigger('daily-trigger');
    await drainQueue(host, { skipIdleTime: true });
    host.sim?.faults.clear();
  }

  /** Everything a reader can see of a snapshot, less the time it was taken (read one by one, as a page would). */
  async function snapshotOf(host: Host): Promise<unknown> {
    const details: unknown[] = [];
    for (const i of await allIdentities(host)) details.push(await asAdmin<IdentityDetail>(host, 'identity/get', { accountId: i.accountId }));
    return details;
  }

  /**
   * What a clean full scan on a fresh host shows at the current (virtual) time: the reference a
   * faulty scan must match. The site's history is anchored and the scan counts activity by day, so
   * scans hours apart on one day give the same snapshot: one clean scan per day serves every case.
   */
  function cleanSnapshot(): Promise<unknown> {
    const day = new Date().toISOString().slice(0, 10);
    let reference = references.get(day);
    if (!reference) {
      reference = (async () => {
        const host = startHost();
        await scan(host);
        const snapshot = await snapshotOf(host);
        host.close();
        return snapshot;
      })();
      references.set(day, reference);
    }
    return reference;
  }

  const cleanUp = () => dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
  return { startHost, scan, snapshotOf, cleanSnapshot, cleanUp };
}
