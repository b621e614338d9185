import { afterAll, describe, expect, it } from 'vitest';
import type { Faults } from '../../dev/sim';
import { scanLab } from '../support/scan-faults';

const lab = scanLab();
afterAll(lab.cleanUp);

describe('faults during a scan give the same snapshot as a clean scan', () => {
  it.each<[string, Partial<Faults>]>([
    ['a burst 429 storm', { rateLimitStorm: { reason: 'jira-burst-based', count: 4, retryAfterSeconds: 1 } }],
    ['a tenant quota 429 storm', { rateLimitStorm: { reason: 'jira-quota-tenant-based', count: 6, retryAfterSeconds: 1 } }],
    ['a global quota 429 storm', { rateLimitStorm: { reason: 'jira-quota-global-based', count: 6, retryAfterSeconds: 1 } }],
    ['a burst of 5xx answers', { serverErrors: { status: 503, count: 8 } }],
    ['junk bodies', { junkBodies: { count: 10 } }],
  ])('%s', async (_name, faults) => {
    const host = lab.startHost();
    await lab.scan(host, faults);
    const faulty = await lab.snapshotOf(host);
    host.close();
    // Quota pauses move the clock on; the reference is the clean scan of the day the faulty one ended.
    expect(faulty).toEqual(await lab.cleanSnapshot());
  }, 120_000);

  it("an hourly quota that runs out: the scan pauses until Jira's reset and finishes", async () => {
    const host = lab.startHost();
    host.sim?.quota.set({ hourlyPoints: 300, kind: 'tenant' });
    const started = Date.now();
    await lab.scan(host);
    // The clock had to move past at least two hour boundaries for ~900 points at 300 an hour.
    expect(Date.now() - started).toBeGreaterThan(3_600_000);
    host.sim?.quota.set({ hourlyPoints: 65_000 });
    const faulty = await lab.snapshotOf(host);
    host.close();
    expect(faulty).toEqual(await lab.cleanSnapshot());
  }, 120_000);

  it("a global pool shared with other installations: the scan keeps to a fair share of what remains, never meets a 429, and finishes", async () => {
    const host = lab.startHost();
    // A small global pool of which ten other sites take 300 points an hour: what is left is shared.
    host.sim?.quota.set({ hourlyPoints: 600, kind: 'global', otherInstallations: 10, otherPointsPerHour: 30 });
    const started = Date.now();
    await lab.scan(host);
    const refused = (host.sim?.recorded() ?? []).filter((r) => r.status === 429);
    expect(refused).toEqual([]);
    // It waited for at least one of the pool's resets (the top of an hour) rather than take what the other sites need.
    expect(Date.now()).toBeGreaterThanOrEqual(Math.floor(started / 3_600_000) * 3_600_000 + 3_600_000);
    host.sim?.quota.set({ hourlyPoints: 65_000, kind: 'global', otherInstallations: 0, otherPointsPerHour: 0 });
    const shared = await lab.snapshotOf(host);
    host.close();
    expect(shared).toEqual(await lab.cleanSnapshot());
  }, 120_000);
});
