/** Forge storage's published per-installation rate limits, as the local host enforces them (fake clock). */
import { describe, expect, it } from 'vitest';
import { KvsError } from '../../dev/host/kvs/errors';
import { PUBLISHED_STORAGE_LIMITS, StorageRateLimiter, unitsOf } from '../../dev/host/kvs/rate-limit';

function refusal(fn: () => void): KvsError | null {
  try {
    fn();
    return null;
  } catch (e) {
    if (e instanceof KvsError) return e;
    throw e;
  }
}

describe('storage rate limits', () => {
  it('are the published ones by default', () => {
    expect(PUBLISHED_STORAGE_LIMITS).toEqual({ requestsPerSecond: 1000, readUnitsPerMinute: 4000, writeUnitsPerMinute: 4000 });
  });

  it.each([
    ['a tiny payload', { key: 'a', value: 1 }, 1],
    ['exactly 10 KB of JSON', 'x'.repeat(10 * 1024 - 2), 1],
    ['one byte over 10 KB', 'x'.repeat(10 * 1024 - 1), 2],
    ['65 KB (the published example: 7 units)', 'x'.repeat(65 * 1024 - 2), 7],
  ])('count %s as %i unit(s) of 10 KB', (_name, body, units) => {
    expect(unitsOf(body)).toBe(units);
  });

  it('refuse the request over the per-second rate with 429 RATE_LIMIT_EXCEEDED, and admit again a second later', () => {
    let now = 0;
    const limiter = new StorageRateLimiter({ requestsPerSecond: 3, readUnitsPerMinute: 100, writeUnitsPerMinute: 100 }, () => now);
    for (let i = 0; i < 3; i++) limiter.admit('/api/v1/get', { key: 'k' });
    const e = refusal(() => limiter.admit('/api/v1/get', { key: 'k' }));
    expect(e).toMatchObject({ status: 429, code: 'RATE_LIMIT_EXCEEDED' });
    now = 1001;
    expect(refusal(() => limiter.admit('/api/v1/get', { key: 'k' }))).toBeNull();
  });

  it('count writes in 10 KB units of the request over a sliding minute', () => {
    let now = 0;
    const limiter = new StorageRateLimiter({ requestsPerSecond: 1000, readUnitsPerMinute: 100, writeUnitsPerMinute: 10 }, () => now);
    limiter.admit('/api/v1/set', { key: 'big', value: 'x'.repeat(65 * 1024) }); // 7 units
    limiter.admit('/api/v1/delete', { key: 'a' }); // 8
    now = 30_000;
    limiter.admit('/api/v1/transaction', { set: [] }); // 9
    expect(refusal(() => limiter.admit('/api/v1/set', { key: 'b', value: 'x'.repeat(15 * 1024) }))?.code).toBe('RATE_LIMIT_EXCEEDED'); // 2 more: 11 > 10
    limiter.admit('/api/v1/batch/set', [{ key: 'c', value: 1 }]); // 10
    expect(refusal(() => limiter.admit('/api/v1/secret/set', { key: 'd', value: 1 }))?.status).toBe(429);
    // Reads have their own budget.
    expect(refusal(() => limiter.admit('/api/v1/get', { key: 'a' }))).toBeNull();
    now = 60_001; // the first two writes (8 units) left the window
    expect(refusal(() => limiter.admit('/api/v1/set', { key: 'e', value: 1 }))).toBeNull();
  });

  it('count reads by the size of their answer', () => {
    let now = 0;
    const limiter = new StorageRateLimiter({ requestsPerSecond: 1000, readUnitsPerMinute: 8, writeUnitsPerMinute: 100 }, () => now);
    limiter.admit('/api/v1/query', { limit: 20 });
    limiter.chargeRead('/api/v1/query', { data: 'x'.repeat(65 * 1024) }); // 7 units
    limiter.admit('/api/v1/entity/get', { key: 'a' });
    limiter.chargeRead('/api/v1/entity/get', undefined); // 8
    expect(refusal(() => limiter.admit('/api/v1/batch/get', [{ key: 'a' }]))?.code).toBe('RATE_LIMIT_EXCEEDED');
    expect(refusal(() => limiter.admit('/api/v1/set', { key: 'a', value: 1 }))).toBeNull();
    now = 60_001;
    expect(refusal(() => limiter.admit('/api/v1/get', { key: 'a' }))).toBeNull();
  });

  it('answer an injected storm with 429 for exactly its count, refused requests costing nothing', () => {
    const limiter = new StorageRateLimiter({ requestsPerSecond: 2, readUnitsPerMinute: 100, writeUnitsPerMinute: 100 }, () => 0);
    limiter.storm(3);
    for (let i = 0; i < 3; i++) expect(refusal(() => limiter.admit('/api/v1/set', { key: 'k', value: i }))?.status).toBe(429);
    expect(limiter.stormRemaining()).toBe(0);
    expect(refusal(() => limiter.admit('/api/v1/set', { key: 'k', value: 1 }))).toBeNull();
    expect(refusal(() => limiter.admit('/api/v1/set', { key: 'k', value: 2 }))).toBeNull();
  });
});
