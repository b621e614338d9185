import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host } from '../../dev/host/host';
import { runInvocation } from '../../dev/host/runtime';
import type { CredentialInput, ReminderSend, ReminderSettings } from '../../src/contract';
import { BACKGROUND, JiraClient } from '../../src/jira/client';
import { JiraError } from '../../src/jira/errors';
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
    expect(settings).toEqual({ projectKey, issueTypeId: '10001', thresholds: [30, 7, 1], recipients: { owner: true, backup: true, adminGroup: null }, staleDays: 90 });

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

  it('records each send (reminders/sends, newest first)', async () => {
    const sends = data(await call<ReminderSend[]>('reminders/sends'));
    expect(sends).toHaveLength(4);
    expect(sends.slice(1).map((s) => s.threshold).sort((a, b) => a - b)).toEqual([1, 7, 30]);
    expect(sends[0]).toMatchObject({ label: 'Month', threshold: 7, recipients: expect.arrayContaining([people[0], people[1]]) });
  });

  it('refuses an issue type the project does not have (999999), and a sweep on stale settings creates nothing', async () => {
    const projectKey = persona(host, 'project-admin').projects[0] as string;
    const answer = await call('reminders/save', { projectKey, issueTypeId: '999999' });
    expect(answer).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/issueTypeId: 999999 is not a standard issue type/) } });
    expect(data(await call<ReminderSettings>('reminders/get')).issueTypeId).toBe('10001');

    // Settings stored before the check existed (or a type deleted since): the sweep stops with the reason.
    await runInvocation({ functionKey: 'daily', moduleKey: 'daily-trigger', moduleType: 'core:scheduledTrigger', timeoutMs: 60_000 }, async () => {
      const { kvs } = await import('@forge/kvs');
      await kvs.set('reg#settings#reminders', { projectKey, issueTypeId: '999999' });
    });
    const id = identities[1] as string;
    data(await call('credentials/save', { accountId: id, baseVersion: 0, credential: credential('Bad type', inDays(3)) }));
    const before = writes().length;
    const report = await sweep(today);
    expect(report.sent).toEqual([]);
    expect(report.errors).toEqual([expect.stringMatching(/INVALID_INPUT|issueTypeId: 999999 is not a standard issue type/)]);
    expect(writes().slice(before).filter((w) => w === 'POST /rest/api/3/issue')).toEqual([]);
  });

  it('a notification that fails after the issue was created: the next sweep notifies on the same issue and creates no second one', async () => {
    const projectKey = persona(host, 'project-admin').projects[0] as string;
    data(await call('reminders/save', { projectKey, issueTypeId: '10001', recipients: { owner: true, backup: false, adminGroup: null } }));
    const [owner] = people as [string];
    const id = identities[2] as string;
    data(await call('ownership/save', { accountId: id, baseVersion: 0, ownership: ownership({ ownerAccountId: owner }) }));
    const flaky = data(await call<{ credential: { id: string } }>('credentials/save', { accountId: id, baseVersion: 0, credential: credential('Flaky notify', inDays(6)) })).credential.id;
    const mine = (r: Awaited<ReturnType<typeof sweep>>) => ({ sent: r.sent.filter((x) => x.credentialId === flaky), errors: r.errors.filter((e) => e.includes(flaky)) });
    // Jira fails the notify call (as a 5xx would): the observer stops exactly that request.
    const failingNotify = new JiraClient(BACKGROUND, {
      observer: {
        beforeSend: ({ path }) => {
          if (path.endsWith('/notify')) throw new JiraError(503, 'POST', path, []);
          return () => undefined;
        },
      },
    });
    const before = writes().length;
    const first = mine(await runInvocation({ functionKey: 'daily', moduleKey: 'daily-trigger', moduleType: 'core:scheduledTrigger', timeoutMs: 60_000 }, () => runReminderSweep(today, failingNotify)));
    expect(first.sent).toEqual([]);
    expect(first.errors).toEqual([expect.stringMatching(/503/)]);
    const created = writes().slice(before).filter((w) => w === 'POST /rest/api/3/issue').length;
    const second = mine(await sweep(today));
    expect(second.errors).toEqual([]);
    expect(second.sent).toEqual([expect.objectContaining({ threshold: 7 })]);
    // The second sweep updated the stored issue instead of creating another.
    expect(writes().slice(before).filter((w) => w === 'POST /rest/api/3/issue').length).toBe(created);
    expect(mine(await sweep(today)).sent).toEqual([]);
  });

  it('follows configured thresholds and notifies the admin group', async () => {
    const projectKey = persona(host, 'project-admin').projects[0] as string;
    const refused = await call('reminders/save', { projectKey, issueTypeId: '10001', recipients: { owner: true, backup: true, adminGroup: 'no-such-group' } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/no Jira group/) } });
    expect(await call('reminders/save', { projectKey, issueTypeId: '10001', thresholds: [10, 10] })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const group = 'jira-administrators';
    const saved = data(await call<ReminderSettings>('reminders/save', { projectKey, issueTypeId: '10001', thresholds: [3, 14], recipients: { owner: true, backup: true, adminGroup: group } }));
    expect(saved).toMatchObject({ thresholds: [14, 3], recipients: { adminGroup: group } });
    const id = identities[3] as string;
    const custom = data(await call<{ credential: { id: string } }>('credentials/save', { accountId: id, baseVersion: 0, credential: credential('Custom', inDays(20)) })).credential.id;
    const mine = async (at: Date) => (await sweep(at)).sent.filter((x) => x.credentialId === custom);
    expect(await mine(today)).toEqual([]); // 20 days: no threshold crossed
    const at14 = await mine(new Date(today.getTime() + 6 * DAY));
    expect(at14).toEqual([expect.objectContaining({ threshold: 14 })]);
    const at3 = await mine(new Date(today.getTime() + 17 * DAY));
    expect(at3).toEqual([expect.objectContaining({ threshold: 3, issueKey: at14[0]?.issueKey })]);
    const sends = data(await call<ReminderSend[]>('reminders/sends'));
    expect(sends.find((x) => x.label === 'Custom' && x.threshold === 3)).toMatchObject({ recipients: expect.arrayContaining([`group:${group}`]) });
  });

  it('turns off again with projectKey null', async () => {
    data(await call('reminders/save', { projectKey: null, issueTypeId: null }));
    expect(data(await call<ReminderSettings>('reminders/get'))).toMatchObject({ projectKey: null, issueTypeId: null });
  });
});
