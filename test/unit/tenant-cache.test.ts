/** The in-memory cache every module-level cache uses: per installation, expiring, bounded (issue 11, item 5). */
import { describe, expect, it } from 'vitest';
import { TenantCache } from '../../src/jira/tenant';

describe('TenantCache', () => {
  it('keeps each installation’s values apart', () => {
    let installation: string | null = 'install-A';
    const cache = new TenantCache<string>(60_000, 10, () => 0, () => installation);
    cache.set('712020:person', 'Ada (site A)');
    installation = 'install-B';
    expect(cache.get('712020:person')).toBeUndefined();
    cache.set('712020:person', 'Ada (site B)');
    expect(cache.get('712020:person')).toBe('Ada (site B)');
    installation = 'install-A';
    expect(cache.get('712020:person')).toBe('Ada (site A)');
  });

  it('keeps nothing when the installation is unknown', () => {
    const cache = new TenantCache<string>(60_000, 10, () => 0, () => null);
    cache.set('k', 'v');
    expect(cache.get('k')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('forgets values after the TTL', () => {
    let now = 0;
    const cache = new TenantCache<string>(1_000, 10, () => now, () => 'i');
    cache.set('k', 'v');
    now = 999;
    expect(cache.get('k')).toBe('v');
    now = 1_000;
    expect(cache.get('k')).toBeUndefined();
  });

  it('holds at most maxEntries in all, dropping the oldest first', () => {
    let installation = 'A';
    const cache = new TenantCache<number>(60_000, 3, () => 0, () => installation);
    cache.set('1', 1);
    cache.set('2', 2);
    installation = 'B';
    cache.set('3', 3);
    cache.set('4', 4);
    expect(cache.size).toBe(3);
    installation = 'A';
    expect(cache.get('1')).toBeUndefined();
    expect(cache.get('2')).toBe(2);
  });
});
