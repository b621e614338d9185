/**
 * Forge storage's rate limits on the local host, and the app's backoff (src/storage/kvs.ts): the
 * host answers 429 RATE_LIMIT_EXCEEDED as the service does, the real @forge/kvs throws what it
 * would throw in the cloud, and the app's data come through a storage 429 storm intact.
 */
import { kvs as forgeKvs, ForgeKvsAPIError } from '@forge/kvs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as backend from '../../src/index';
import { createHost, type Host } from '../../dev/host/host';
import { runInvocation } from '../../dev/host/runtime';
import { kvs, StorageBusy, STORAGE_RETRY, WhereConditions } from '../../src/storage/kvs';
import type { IdentityDetail, ScanStatus } from '../../src/contract';
import { ROOT } from '../support/host';
import { accounts, asAdmin as registryCaller, data, ownership } from '../support/registry';
import { allIdentities, asAdmin, scanToCompletion } from '../support/scan';
import { installVirtualTimers } from '../../dev/tools/virtual-clock';

// Waits (pacing, backoff, Retry-After) pass on the virtual clock, not in real time.
installVirtualTimers();

process.env.STORAGE_RETRY_BASE_MS = '5';

const hosts: Host[] = [];
function startHost(storageLimits?: Host['storage']['limits']): Host {
  const host = createHost({ manifestFile: join(ROOT, 'manifest.yml'), backend: { index: backend }, dataDir: ':memory:', site: 'demo', ...(storageLimits ? { storageLimits } : {}) });
  hosts.push(host);
  return host;
}
afterAll(() => hosts.forEach((h) => h.close()));

/** Runs storage calls as a Forge function would (the newest host's globals answer them). */
function inFunction<T>(_host: Host, fn: () => Promise<T>): Promise<T> {
  return runInvocation({ functionKey: 'test', moduleKey: 'test', moduleType: 'test', timeoutMs: 25_000 }, fn);
}

describe('the local host enforces Forge storage rate limits', () => {
  it('answers the write over the per-minute limit with 429, which @forge/kvs throws as RATE_LIMIT_EXCEEDED', async () => {
    const host = startHost({ requestsPerSecond: 1000, readUnitsPerMinute: 4000, writeUnitsPerMinute: 3 });
    await inFunction(host, async () => {
      for (let i = 0; i < 3; i++) await forgeKvs.set(`k${i}`, i);
      const refused = await forgeKvs.set('k3', 3).then(() => null, (e: unknown) => e);
      expect(refused).toBeInstanceOf(ForgeKvsAPIError);
      expect(refused).toMatchObject({ code: 'RATE_LIMIT_EXCEEDED', responseDetails: { status: 429 } });
      // Reads have their own budget; the refused write wrote nothing.
      expect(await forgeKvs.get('k3')).toBeUndefined();
      expect(await forgeKvs.get('k2')).toBe(2);
    });
  });

  it('counts a 65 KB value as 7 write units', async () => {
    const host = startHost({ requestsPerSecond: 1000, readUnitsPerMinute: 4000, writeUnitsPerMinute: 8 });
    await inFunction(host, async () => {
      await forgeKvs.set('big', 'x'.repeat(65 * 1024 - 20));
      await forgeKvs.set('small', 1);
      await expect(forgeKvs.set('again', 1)).rejects.toMatchObject({ code: 'RATE_LIMIT_EXCEEDED' });
    });
  });
});

describe("the app's storage access backs off on 429", () => {
  it('rides out a burst over the per-second limit (published backoff timings)', async () => {
    const host = startHost({ requestsPerSecond: 10, readUnitsPerMinute: 4000, writeUnitsPerMinute: 4000 });
    delete process.env.STORAGE_RETRY_BASE_MS;
    try {
      await inFunction(host, async () => {
        await Promise.all(Array.from({ length: 25 }, (_, i) => kvs.set(`burst:${i}`, i)));
        const page = await kvs.query().where('key', WhereConditions.beginsWith('burst:')).limit(20).getMany();
        const rest = await kvs.query().where('key', WhereConditions.beginsWith('burst:')).limit(20).cursor(page.nextCursor as string).getMany();
        const values = [...page.results, ...rest.results].map((r) => Number(r.value)).sort((a, b) => a - b);
        expect(values).toEqual(Array.from({ length: 25 }, (_, i) => i));
      });
    } finally {
      process.env.STORAGE_RETRY_BASE_MS = '5';
    }
  }, 30_000);

  it('retries builders too (a transaction), and gives up after a bounded number of attempts with StorageBusy', async () => {
    const host = startHost();
    await inFunction(host, async () => {
      host.storage.storm(STORAGE_RETRY.attempts - 1);
      await kvs.transact().set('tx:a', 1).set('tx:b', 2).execute();
      expect(host.storage.stormRemaining()).toBe(0);
      host.storage.storm(STORAGE_RETRY.attempts - 1);
      expect(await kvs.get('tx:a')).toBe(1);
      host.storage.storm(STORAGE_RETRY.attempts);
      await expect(kvs.set('tx:a', 99)).rejects.toBeInstanceOf(StorageBusy);
      expect(await kvs.get('tx:a')).toBe(1);
    });
  });
});

describe('a storage 429 storm leaves the app data intact', () => {
  it('a scan under a storm ends with the clean scan\'s identities; saves under a storm are kept or refused whole', async () => {
    const clean = startHost();
    await scanToCompletion(clean);
    const expected = await allIdentities(clean);
    expect(expected.length).toBeGreaterThan(0);

    const host = startHost();
    await asAdmin(host, 'scan/start');
    // Storms keep coming while the scan's queue works: the first requests of each are refused.
    let refused = 0;
    const stormy = setInterval(() => {
      refused += 3 - host.storage.stormRemaining();
      host.storage.storm(3);
    }, 500);
    try {
      await host.queue.idle();
    } finally {
      clearInterval(stormy);
      refused += 3 - host.storage.stormRemaining();
      host.storage.storm(0);
    }
    expect(refused).toBeGreaterThan(6);
    expect((await asAdmin<ScanStatus>(host, 'scan/status')).state).toBe('idle');
    expect(await allIdentities(host)).toEqual(expected);

    // A registry save in a storm the app rides out is saved; one it cannot ride out changes nothing.
    const call = registryCaller(host);
    const [id] = accounts(host).identities;
    host.storage.storm(STORAGE_RETRY.attempts - 1);
    expect(data(await call<{ version: number }>('ownership/save', { accountId: id, baseVersion: 0, ownership: ownership({ team: 'Storm' }) })).version).toBe(1);
    host.storage.storm(100);
    const refusedSave = await call('ownership/save', { accountId: id, baseVersion: 1, ownership: ownership({ team: 'Lost' }) });
    host.storage.storm(0);
    expect(refusedSave).toMatchObject({ ok: false, error: { code: 'LIMIT', message: expect.stringMatching(/storage/i) } });
    const detail = data(await call<IdentityDetail>('identity/get', { accountId: id }));
    expect(detail).toMatchObject({ version: 1, ownership: { team: 'Storm' } });
  }, 120_000);
});
