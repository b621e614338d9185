import { describe, expect, it } from 'vitest';
import { callerFromContext } from '../../src/access/caller';
import { DecisionCache } from '../../src/access/decision-cache';
import { callList } from '../../src/resolvers/project/who-to-call';
import { trendOf } from '../../src/activity/project-trend';

describe('callerFromContext: the Forge context only, and only well-formed values', () => {
  const base = { accountId: 'acc-1', installContext: 'ari:cloud:jira::site/1', moduleKey: 'project-page', extension: { project: { key: 'AND' } } };
  it('reads account, module, project and installation', () => {
    expect(callerFromContext(base)).toEqual({ accountId: 'acc-1', moduleKey: 'project-page', projectKey: 'AND', installContext: 'ari:cloud:jira::site/1', siteUrl: null });
  });
  it.each([
    ['a JQL-shaped project key', { ...base, extension: { project: { key: 'AND" OR project = API' } } }],
    ['a lower-case key', { ...base, extension: { project: { key: 'and' } } }],
    ['a project on the admin page', { ...base, moduleKey: 'admin-page' }],
    ['a non-string key', { ...base, extension: { project: { key: ['AND'] } } }],
  ])('drops %s', (_name, ctx) => {
    expect(callerFromContext(ctx).projectKey).toBeNull();
  });
  it('treats junk as nobody from nowhere', () => {
    for (const junk of [null, undefined, 'x', [], { accountId: 5, moduleKey: 'global-page' }]) {
      expect(callerFromContext(junk)).toEqual({ accountId: null, moduleKey: null, projectKey: null, installContext: null, siteUrl: null });
    }
  });
});

describe('DecisionCache: brief, per installation and user, failures never cached', () => {
  const scope = (installContext: string | null, accountId = 'u1') => ({ installContext, accountId });
  it('answers from memory within the TTL and asks again after it (a revoked role stops within the TTL)', async () => {
    let now = 0;
    const cache = new DecisionCache<boolean>(30_000, () => now);
    let answer = true;
    let asked = 0;
    const check = async () => (asked++, answer);
    expect(await cache.get(scope('site-1'), 'admin', check)).toBe(true);
    answer = false;
    now = 29_999;
    expect(await cache.get(scope('site-1'), 'admin', check)).toBe(true);
    now = 30_000;
    expect(await cache.get(scope('site-1'), 'admin', check)).toBe(false);
    expect(asked).toBe(2);
  });
  it('never shares a decision across installations, users or questions', async () => {
    const cache = new DecisionCache<string>(30_000, () => 0);
    await cache.get(scope('site-1'), 'admin', async () => 'site-1 says yes');
    expect(await cache.get(scope('site-2'), 'admin', async () => 'site-2 asked')).toBe('site-2 asked');
    expect(await cache.get(scope('site-1', 'u2'), 'admin', async () => 'u2 asked')).toBe('u2 asked');
    expect(await cache.get(scope('site-1'), 'project:AND', async () => 'AND asked')).toBe('AND asked');
  });
  it('does not cache without an installation, nor a check that failed', async () => {
    const cache = new DecisionCache<boolean>(30_000, () => 0);
    let asked = 0;
    await cache.get(scope(null), 'admin', async () => (asked++, true));
    await cache.get(scope(null), 'admin', async () => (asked++, true));
    expect(asked).toBe(2);
    await expect(cache.get(scope('site-1'), 'admin', async () => Promise.reject(new Error('503')))).rejects.toThrow('503');
    expect(await cache.get(scope('site-1'), 'admin', async () => false)).toBe(false);
  });
});

describe("the project page's call list and trend", () => {
  const people = new Map([
    ['o', { accountId: 'o', displayName: 'Olga Owner', active: true, email: 'olga@example.com' }],
    ['b', { accountId: 'b', displayName: 'Ben Backup', active: false, email: null }],
    ['c', { accountId: 'c', displayName: 'Cora Cred', active: true, email: null }],
  ]);
  const ownership = { ownerAccountId: 'o', backupAccountId: 'b', team: '', purpose: '', runbookUrl: '', notes: '' };
  const cred = { kind: 'api-token' as const, label: 'x', scopes: [], createdAt: null, expiresAt: null, lastUsedAt: null, ownerAccountId: 'c', id: '1', source: 'manual' as const, externalId: null, updatedAt: '' };
  it('lists people in order, each once, and counts the deactivated instead of listing them', () => {
    expect(callList(ownership, [cred, { ...cred, id: '2', ownerAccountId: 'o' }], people)).toEqual({
      callList: [
        { accountId: 'o', displayName: 'Olga Owner', active: true, email: 'olga@example.com', role: 'owner' },
        { accountId: 'c', displayName: 'Cora Cred', active: true, email: null, role: 'credential-owner' },
      ],
      deactivatedContacts: 1,
    });
    expect(callList(null, [], people)).toEqual({ callList: [], deactivatedContacts: 0 });
  });
  it('names a recorded person the app never looked up rather than dropping them', () => {
    expect(callList({ ...ownership, backupAccountId: null, ownerAccountId: 'x' }, [], people).callList).toEqual([{ accountId: 'x', displayName: 'Name not known yet', active: true, email: null, role: 'owner' }]);
  });
  it('compares with the previous scan, and ignores prototype keys', () => {
    const memo = { generation: 'g2', counts: {}, previous: { generation: 'g1', counts: { a: 10, b: 10, c: 10 } } };
    expect(trendOf(memo, 'a', 20)).toBe('rising');
    expect(trendOf(memo, 'b', 2)).toBe('falling');
    expect(trendOf(memo, 'c', 11)).toBe('steady');
    expect(trendOf(memo, 'z', 3)).toBe('new');
    expect(trendOf(memo, '__proto__', 3)).toBe('new');
    expect(trendOf({ ...memo, previous: null }, 'a', 3)).toBeNull();
  });
});
