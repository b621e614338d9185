import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host } from '../../dev/host/host';
import { runInvocation } from '../../dev/host/runtime';
import type { CredentialInput, ReminderSettings } from '../../src/contract';
import { runReminderSweep } from '../../src/registry/reminders';
import { persona, startTestHost } from '../support/host';
import { accounts, asAdmin, data, ownership } from '../support/registry';

let host: Host;
let call: ReturnType<typeof asAdmin>;
let identities: string[];
let people: string[];
beforeAll(() => {
  host = startTestHost();
  call = asAdmin(host);
  ({ identities, people } = accounts(host));
});
afterAll(() => host.close());

const DAY = 86_400_000;
const today = new Date();
const inDays = (n: number, from = today) => new Date(from.getTime() + n * DAY).toISOString().slice(0, 10);
const sweep = (now: Date) => runInvocation({ functionKey: 'daily', moduleKey: 'daily-trigger', moduleType: 'core:scheduledTrigger', timeoutMs: 60_000 }, () => runReminderSweep(now));
const credential = (label: string, expiresAt: string): CredentialInput => ({ kind: 'api-token', label, scopes: [], createdAt: null, expiresAt, lastUsedAt: null, ownerAccountId: null });
const writes = () => (host.sim?.recorded() ?? []).filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path.replace(/\/[A-Z][A-Z0-9_]*-\d+/, '/{key}')}`);

describe('runReminderSweep', () => {
  it('is off until an admin picks a project', async () => {
    expect(await sweep(today)).toMatchObject({ enabled: false, sent: [] });
  });

  it('refuses a project that does not exist', async () => {
    const answer = await call('reminders/save', { projectKey: 'NOPE', issueTypeId: null });
    expect(answer).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/projectKey/) } });
  });

  it('reminds owner and backup once per threshold, and a rerun sends nothing twice', async () => {
    const projectKey = persona(host, 'project-admin').projects[0] as string;
    const settings = data(await call<ReminderSettings>('reminders/save', { projectKey, issueTypeId: '10001' }));
    expect(settings).toEqual({ projectKey, issueTypeId: '10001' });

    const [owner, backup] = people as [string, string];
    const id = identities[0] as string;
    data(await call('ownership/save', { accountId: id, baseVersion: 0, ownership: ownership({ ownerAccountId: owner, backupAccountId: backup }) }));
    let version = 0;
    for (const [label, days] of [['Far', 100], ['Month', 25], ['Week', 5], ['Today', 0], ['Gone', -2]] as const) {
      version = data(await call<{ version: number }>('credentials/save', { accountId: id, baseVersion: version, credential: credential(label, inDays(days)) })).version;
    }

    const before = writes().length;
    const first = await sweep(today);
    expect(first.errors).toEqual([]);
    expect(first.sent.map((s) => s.threshold).sort()).toEqual([1, 30, 7].sort());
    const sentWrites = writes().slice(before);
    expect(sentWrites.filter((w) => w === 'POST /rest/api/3/issue')).toHaveLength(3);
    expect(sentWrites.filter((w) => w.endsWith('/notify'))).toHaveLength(3);

    const rerun = await sweep(today);
    expect(rerun.sent).toEqual([]);
    expect(writes().length).toBe(before + sentWrites.length);

    // Three weeks on, "Month" (25 days) crosses 7 days: its issue is updated, not duplicated.
    const later = new Date(today.getTime() + 20 * DAY);
    const next = await sweep(later);
    expect(next.sent).toEqual([expect.objectContaining({ threshold: 7, issueKey: first.sent.find((s) => s.threshold === 30)?.issueKey })]);
    expect(writes().slice(before + sentWrites.length)).toEqual(['PUT /rest/api/3/issue/{key}', 'POST /rest/api/3/issue/{key}/notify']);
    expect((await sweep(later)).sent).toEqual([]);
  });

  it('turns off again with projectKey null', async () => {
    data(await call('reminders/save', { projectKey: null, issueTypeId: null }));
    expect(data(await call<ReminderSettings>('reminders/get'))).toEqual({ projectKey: null, issueTypeId: null });
  });
});
