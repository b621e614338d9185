import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_ADMIN_API_KEY, DEV_ORG_ID } from '../../dev/admin-api';
import { adminApiFor, installEgress } from '../../dev/host/egress';
import type { Host } from '../../dev/host/host';
import { runInvocation } from '../../dev/host/runtime';
import type { AdminSyncSettings, CredentialList, Envelope } from '../../src/contract';
import { ROOT, startTestHost } from '../support/host';
import { asAdmin, captureConsole, data } from '../support/registry';

let host: Host;
let call: ReturnType<typeof asAdmin>;
const answers: Array<Envelope<unknown>> = [];
beforeAll(() => {
  host = startTestHost();
  const admin = asAdmin(host);
  // Every answer of this file is kept, to prove none of them carries the key.
  call = async <T,>(key: string, payload: unknown = {}) => {
    const answer = await admin<T>(key, payload);
    answers.push(answer);
    return answer;
  };
});
afterAll(() => host.close());

const adminApi = () => {
  const api = host.sim ? adminApiFor(host.sim) : undefined;
  if (!api) throw new Error('the host should simulate the Admin API');
  return api;
};
const allCredentials = async () => data(await call<CredentialList>('credentials/list', {})).identities;

describe('Atlassian Administration sync', () => {
  it('is off by default and never returns the key', async () => {
    expect(data(await call<AdminSyncSettings>('admin-sync/get'))).toEqual({ enabled: false, orgId: null, hasApiKey: false, lastRun: null });
    expect(await call('admin-sync/run')).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('with a wrong key or an unreachable API answers a clear error and leaves the registry as it was', async () => {
    const [token] = await adminApi().tokens();
    if (!token) throw new Error('the Admin API should hold seeded tokens');
    // Make the token's user a known identity, with a credential the sync will later match by label.
    data(await call('credentials/save', { accountId: token.user.id, baseVersion: 0, credential: { kind: 'api-token', label: token.label, scopes: ['read:jira-work'], createdAt: null, expiresAt: null, lastUsedAt: null, ownerAccountId: null } }));
    const before = JSON.stringify(await allCredentials());

    data(await call('admin-sync/save', { enabled: true, orgId: DEV_ORG_ID, apiKey: 'wrong-key-0123456789abcdef' }));
    expect(await call('admin-sync/run')).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE', message: expect.stringMatching(/refused the API key.*Nothing was changed/) } });
    expect(JSON.stringify(await allCredentials())).toBe(before);

    data(await call('admin-sync/save', { enabled: true, orgId: DEV_ORG_ID, apiKey: DEV_ADMIN_API_KEY }));
    adminApi().setUnreachable(true);
    try {
      expect(await call('admin-sync/run')).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE', message: expect.stringMatching(/could not be reached/) } });
    } finally {
      adminApi().setUnreachable(false);
    }
    expect(JSON.stringify(await allCredentials())).toBe(before);
    const settings = data(await call<AdminSyncSettings>('admin-sync/get'));
    expect(settings).toMatchObject({ enabled: true, orgId: DEV_ORG_ID, hasApiKey: true, lastRun: { ok: false } });
  });

  it('matches tokens to identities, updates the same credential, and a rerun changes nothing', async () => {
    const tokens = await adminApi().tokens();
    const [token] = tokens;
    const { result, output } = await captureConsole(async () => {
      const first = data(await call<AdminSyncSettings>('admin-sync/run'));
      const second = data(await call<AdminSyncSettings>('admin-sync/run'));
      return { first, second };
    });
    const seed = await adminApi().seed();
    expect(result.first.lastRun).toMatchObject({ ok: true, tokens: seed.tokens.length + seed.serviceCredentials.length, refused: [] });
    expect(result.first.lastRun?.matched).toBeGreaterThan(0);
    const mine = (await allCredentials()).find((g) => g.accountId === token?.user.id);
    const synced = mine?.credentials.filter((c) => c.label === token?.label);
    expect(synced).toHaveLength(1);
    expect(synced?.[0]).toMatchObject({ source: 'admin-sync', externalId: token?.id, expiresAt: token?.expiresAt.slice(0, 10), scopes: ['read:jira-work'] });
    expect(mine?.version).toBe(2); // the manual save, then one sync; the rerun wrote nothing
    expect(output).not.toContain(DEV_ADMIN_API_KEY);
  });

  it('never puts the key in any answer, and reads it only as a Bearer header', () => {
    for (const answer of answers) expect(JSON.stringify(answer)).not.toContain(DEV_ADMIN_API_KEY);
    expect(answers.length).toBeGreaterThan(8);
    expect(adminApi().requests().join('\n')).not.toContain(DEV_ADMIN_API_KEY);
  });

  it('reads every page by its cursor (links.next is a cursor, not a URL)', async () => {
    const [first] = await adminApi().tokens();
    if (!first) throw new Error('seeded tokens expected');
    const owner = first.user.id;
    const extra = Array.from({ length: 30 }, (_, i) => ({ ...first, id: `tok-page-${i}`, label: `Paged token ${String(i).padStart(2, '0')}` }));
    await adminApi().addTokens(extra);
    const before = adminApi().requests().length;
    const run = data(await call<AdminSyncSettings>('admin-sync/run'));
    expect(run.lastRun?.ok).toBe(true);
    const pages = adminApi().requests().slice(before).filter((r) => r.includes('/api-tokens') && !r.includes('service-accounts'));
    expect(pages.length).toBeGreaterThanOrEqual(2);
    for (const r of pages.slice(1)) {
      const cursor = new URL(`https://x${r.slice(r.indexOf(' ') + 1)}`).searchParams.get('cursor') ?? '';
      expect(cursor).not.toMatch(/^https?:|\//);
      expect(cursor.length).toBeGreaterThan(0);
    }
    const mine = (await allCredentials()).find((g) => g.accountId === owner)?.credentials ?? [];
    expect(mine.filter((c) => c.label.startsWith('Paged token'))).toHaveLength(30);
  });

  it("reads service accounts' API tokens and OAuth clients from their own endpoints", async () => {
    const seed = await adminApi().seed();
    const sa = seed.serviceAccounts[0];
    if (!sa) throw new Error('the demo site should have service accounts');
    // Make it a known identity (the registry knows it), as a scan would.
    data(await call('credentials/save', { accountId: sa.atlassianId, baseVersion: 0, credential: { kind: 'other', label: 'Webhook secret (noted by hand)', scopes: [], createdAt: null, expiresAt: null, lastUsedAt: null, ownerAccountId: null } }));
    data(await call<AdminSyncSettings>('admin-sync/run'));
    const mine = (await allCredentials()).find((g) => g.accountId === sa.atlassianId)?.credentials ?? [];
    expect(mine).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'api-token', externalId: 'satok-0001', source: 'admin-sync', scopes: expect.arrayContaining(['read:jira-user', 'read:jira-work']) }),
        expect.objectContaining({ kind: 'oauth-client-credential', externalId: 'oauth-0001', source: 'admin-sync' }),
        expect.objectContaining({ kind: 'other', source: 'manual' }),
      ]),
    );
    expect(adminApi().requests().some((r) => r.includes(`/service-accounts/${sa.id}/oauth-clients`))).toBe(true);
  });

  it('retires credentials that were revoked or deleted in Atlassian Administration, keeping hand-entered ones', async () => {
    const sa = (await adminApi().seed()).serviceAccounts[0];
    if (!sa) throw new Error('service account expected');
    await adminApi().revoke('satok-0001');
    await adminApi().remove('oauth-0001');
    const run = data(await call<AdminSyncSettings>('admin-sync/run'));
    expect(run.lastRun).toMatchObject({ ok: true, retired: 2 });
    const mine = (await allCredentials()).find((g) => g.accountId === sa.atlassianId)?.credentials ?? [];
    expect(mine.map((c) => c.externalId)).toEqual([null]);
    const history = data(await call<{ entries: Array<{ action: string; source?: string }> }>('history/list', { accountId: sa.atlassianId })).entries;
    expect(history.filter((h) => h.action === 'deleted' && h.source === 'admin-sync')).toHaveLength(2);
  });

  it('refuses an identity that would pass the 50-credential cap, reports why, and writes every other identity', async () => {
    const tokens = await adminApi().tokens();
    const full = tokens[1];
    const other = tokens.find((t) => t.user.id !== full?.user.id && t.user.id !== tokens[0]?.user.id);
    if (!full || !other) throw new Error('two token owners expected');
    for (const t of [full, other]) {
      const known = (await allCredentials()).some((g) => g.accountId === t.user.id);
      if (!known) data(await call('credentials/save', { accountId: t.user.id, baseVersion: 0, credential: { kind: 'other', label: 'Known', scopes: [], createdAt: null, expiresAt: null, lastUsedAt: null, ownerAccountId: null } }));
    }
    await adminApi().addTokens(Array.from({ length: 60 }, (_, i) => ({ ...full, id: `tok-cap-${i}`, label: `Cap token ${i}` })));
    await adminApi().addTokens([{ ...other, id: 'tok-late', label: 'Late token' }]);
    const before = (await allCredentials()).find((g) => g.accountId === full.user.id);
    const run = data(await call<AdminSyncSettings>('admin-sync/run'));
    expect(run.lastRun).toMatchObject({ ok: false, refused: [{ accountId: full.user.id, reason: expect.stringMatching(/at most 50/) }] });
    expect(run.lastRun?.message).toMatch(/Refused 1 identity/);
    expect((await allCredentials()).find((g) => g.accountId === full.user.id)).toEqual(before);
    const others = (await allCredentials()).find((g) => g.accountId === other.user.id)?.credentials ?? [];
    expect(others.some((c) => c.externalId === 'tok-late')).toBe(true);
  });

  it('refuses a key or org id of the wrong shape', async () => {
    expect(await call('admin-sync/save', { enabled: true, orgId: DEV_ORG_ID, apiKey: 'has spaces in it 0123456789' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await call('admin-sync/save', { enabled: true, orgId: '../../etc', apiKey: null })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});

describe('egress from app code on the local host', () => {
  it('refuses addresses the manifest does not declare, like Forge', async () => {
    const owner = {};
    installEgress({ manifestFile: join(ROOT, 'manifest.yml'), sim: host.sim, owner });
    const inApp = <T,>(fn: () => Promise<T>) => runInvocation({ functionKey: 'resolver', moduleKey: 'admin-page', moduleType: 'jira:adminPage', timeoutMs: 5_000, owner }, fn);
    await expect(inApp(() => fetch('https://example.com/'))).rejects.toThrow(/not declared in manifest.yml/);
    const answer = await inApp(() => fetch(`https://api.atlassian.com/admin/api-access/v1/orgs/${DEV_ORG_ID}/api-tokens`, { headers: { Authorization: `Bearer ${DEV_ADMIN_API_KEY}` } }));
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ data: expect.any(Array), links: { self: expect.any(String) } });
  });
});
