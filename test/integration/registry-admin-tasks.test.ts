import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host } from '../../dev/host/host';
import type { BulkOwnershipResult, CredentialInput, CredentialView, Envelope, ExpiringList, IdentityDetail, IdentityList } from '../../src/contract';
import { startTestHost } from '../support/host';
import { accounts, asAdmin, data, ownership } from '../support/registry';
import { scanToCompletion } from '../support/scan';
import { installVirtualTimers } from '../../dev/tools/virtual-clock';

// Waits (pacing, backoff, Retry-After) pass on the virtual clock, not in real time.
installVirtualTimers();

/**
 * Registry tasks of the admin page's second edition (issue 12): the site-wide expiring list, bulk
 * ownership with a version check per identity, retiring a credential, and form errors that name
 * every field at fault in words for people.
 */
process.env.SCAN_RETRY_BASE_MS = '20';
let host: Host;
let call: ReturnType<typeof asAdmin>;
let identities: string[];
let people: string[];
beforeAll(async () => {
  host = startTestHost();
  call = asAdmin(host);
  await scanToCompletion(host);
  const list = data(await call<IdentityList>('identities/list', { limit: 200 }));
  identities = list.items.map((i) => i.accountId);
  ({ people } = accounts(host));
}, 120_000);
afterAll(() => host?.close());

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const credential = (over: Partial<CredentialInput> = {}): CredentialInput => ({ kind: 'api-token', label: 'Nightly sync', scopes: [], createdAt: null, expiresAt: null, lastUsedAt: null, ownerAccountId: null, ...over });
const person = (n: number) => people[n] as string;
const identity = (n: number) => identities[n] as string;

describe('credentials/expiring', () => {
  it('lists what expires soonest first, with owner, backup, runbook and the projects that stop; retired ones leave it', async () => {
    const id = identity(0);
    data(await call('ownership/save', { accountId: id, baseVersion: 0, ownership: ownership({ ownerAccountId: person(0), backupAccountId: person(1), runbookUrl: 'https://wiki.example.com/run' }) }));
    const a = data(await call<{ version: number; credential: CredentialView }>('credentials/save', { accountId: id, baseVersion: 0, credential: credential({ label: 'Expires in 3 days', expiresAt: day(3) }) }));
    const b = data(await call<{ version: number; credential: CredentialView }>('credentials/save', { accountId: id, baseVersion: a.version, credential: credential({ label: 'Expired', expiresAt: day(-2) }) }));
    data(await call('credentials/save', { accountId: id, baseVersion: b.version, credential: credential({ label: 'Far away', expiresAt: day(200) }) }));

    const list = data(await call<ExpiringList>('credentials/expiring', {}));
    expect(list.items.map((i) => i.credential.label)).toEqual(['Expired', 'Expires in 3 days']);
    const [expired] = list.items;
    expect(expired).toMatchObject({ accountId: id, owner: { accountId: person(0) }, backup: { accountId: person(1) }, runbookUrl: 'https://wiki.example.com/run', credential: { tier: 'expired', daysToExpiry: -2 } });
    expect(expired?.owner?.displayName).not.toMatch(/unavailable/);
    expect(expired?.projectsTotal).toBeGreaterThanOrEqual(expired?.projects.length ?? 0);
    expect(data(await call<ExpiringList>('credentials/expiring', { tier: 'critical' })).items.map((i) => i.credential.label)).toEqual(['Expires in 3 days']);

    // Retiring the expired one (an edit that records the date) removes it from the list and from the risks.
    const detail = data(await call<IdentityDetail>('identity/get', { accountId: id }));
    const old = detail.credentials.find((c) => c.label === 'Expired');
    if (!old) throw new Error('missing');
    const { id: credentialId, source: _s, externalId: _e, updatedAt: _u, tier: _t, daysToExpiry: _d, ...input } = old;
    data(await call('credentials/save', { accountId: id, baseVersion: detail.credentialsVersion, credentialId, credential: { ...input, retiredAt: day(0) } }));
    expect(data(await call<ExpiringList>('credentials/expiring', {})).items.map((i) => i.credential.label)).toEqual(['Expires in 3 days']);
    const after = data(await call<IdentityDetail>('identity/get', { accountId: id }));
    expect(after.risks.filter((r) => r.code === 'credential-expired')).toEqual([]);
    expect(after.credentials.find((c) => c.label === 'Expired')?.retiredAt).toBe(day(0));
    expect(after.history.entries[0]?.changes.map((c) => c.field)).toEqual(['retiredAt']);
  });
});

describe('ownership/bulk-save', () => {
  it('sets owner, backup and team on every chosen identity, each checked against its own version', async () => {
    const [x, y, z] = [identity(1), identity(2), identity(3)];
    data(await call('ownership/save', { accountId: y, baseVersion: 0, ownership: ownership({ team: 'Keep', purpose: 'Keeps its purpose' }) }));
    // z changed since the admin loaded it (they saw version 0; it is now 1).
    data(await call('ownership/save', { accountId: z, baseVersion: 0, ownership: ownership({ team: 'Theirs' }) }));
    const { results } = data(
      await call<{ results: BulkOwnershipResult[] }>('ownership/bulk-save', {
        items: [
          { accountId: x, baseVersion: 0 },
          { accountId: y, baseVersion: 1 },
          { accountId: z, baseVersion: 0 },
        ],
        change: { ownerAccountId: person(2), backupAccountId: person(3), team: 'Integrations' },
      }),
    );
    expect(results.map((r) => [r.accountId, r.ok])).toEqual([
      [x, true],
      [y, true],
      [z, false],
    ]);
    expect(results[2]?.message).toMatch(/Someone else changed/);
    const yDetail = data(await call<IdentityDetail>('identity/get', { accountId: y }));
    expect(yDetail.ownership).toMatchObject({ ownerAccountId: person(2), backupAccountId: person(3), team: 'Integrations', purpose: 'Keeps its purpose' });
    expect(data(await call<IdentityDetail>('identity/get', { accountId: z })).ownership?.team).toBe('Theirs');
  });

  it('refuses the same person as owner and backup, and an empty change, saying which field', async () => {
    const same = await call('ownership/bulk-save', { items: [{ accountId: identity(4), baseVersion: 0 }], change: { ownerAccountId: person(0), backupAccountId: person(0) } });
    expect(same).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: [{ field: 'change.backupAccountId', label: 'Backup' }] } });
    const none = await call('ownership/bulk-save', { items: [{ accountId: identity(4), baseVersion: 0 }], change: {} });
    expect(none.ok).toBe(false);
  });
});

describe('projects/issue-types', () => {
  it("lists a project's issue types for the reminders settings, and says when the project does not exist", async () => {
    const types = data(await call<{ project: { key: string }; issueTypes: Array<{ id: string; name: string }> }>('projects/issue-types', { projectKey: 'AND' }));
    expect(types.project.key).toBe('AND');
    expect(types.issueTypes.length).toBeGreaterThan(0);
    expect(await call('projects/issue-types', { projectKey: 'NOPE' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

describe('form errors for people', () => {
  it('names every field at fault at once, in words, without internal paths', async () => {
    const answer = (await call('ownership/save', {
      accountId: identity(5),
      baseVersion: 0,
      ownership: ownership({ runbookUrl: 'not a url', team: 'x'.repeat(101), ownerAccountId: person(0), backupAccountId: person(0) }),
    })) as Envelope<unknown>;
    if (answer.ok) throw new Error('expected a refusal');
    expect(answer.error.code).toBe('INVALID_INPUT');
    expect(answer.error.fields?.map((f) => [f.field, f.label])).toEqual(
      expect.arrayContaining([
        ['ownership.runbookUrl', 'Runbook'],
        ['ownership.team', 'Team'],
      ]),
    );
    for (const f of answer.error.fields ?? []) expect(`${f.label}: ${f.message}`).not.toMatch(/ownership\.|runbookUrl|AccountId/);
  });

  it('names the field when a person is not valid', async () => {
    const answer = (await call('ownership/save', { accountId: identity(5), baseVersion: 0, ownership: ownership({ ownerAccountId: 'no-such-person' }) })) as Envelope<unknown>;
    expect(answer).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: [{ field: 'ownership.ownerAccountId', label: 'Owner' }] } });
  });
});
