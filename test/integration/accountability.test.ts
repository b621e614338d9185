import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host } from '../../dev/host/host';
import { runInvocation } from '../../dev/host/runtime';
import type { AttestationTask, CampaignDetail, CampaignItem, CampaignSummary, IdentityDetail, MyIntegration, ProjectIntegrations } from '../../src/contract';
import { runAccountabilitySweep } from '../../src/resolvers/sweeps/accountability';
import { invokeAs, persona, startTestHost } from '../support/host';
import { accounts, asAdmin, data, ownership } from '../support/registry';
import { allIdentities, scanToCompletion } from '../support/scan';
import { installVirtualTimers } from '../../dev/tools/virtual-clock';

// Waits (pacing, backoff, Retry-After) pass on the virtual clock, not in real time.
installVirtualTimers();

process.env.SCAN_RETRY_BASE_MS = '20';
let host: Host;
let call: ReturnType<typeof asAdmin>;
let projectKey: string;
let ownerPersona: string;
let people: string[];
/** Identities of the snapshot: [owned by the persona, owned by people[0] with a backup, owned by people[2] without]. */
let ids: string[];

const DAY = 86_400_000;
const today = new Date();
const todayDate = today.toISOString().slice(0, 10);
const sweep = (now: Date) => runInvocation({ functionKey: 'daily', moduleKey: 'daily-trigger', moduleType: 'core:scheduledTrigger', timeoutMs: 60_000 }, () => runAccountabilitySweep(now));
const asMine = <T>(as: string, functionKey: string, payload: unknown = {}) => invokeAs<T>(host, { as, moduleKey: 'my-integrations', functionKey, payload });
const creates = () => (host.sim?.recorded() ?? []).filter((r) => r.method === 'POST' && r.path === '/rest/api/3/issue').length;
const issue = async (key: string) => (await host.sim?.handle({ method: 'GET', path: `/rest/api/3/issue/${key}`, query: new URLSearchParams({ fields: 'assignee,summary,labels' }), body: undefined, caller: { kind: 'app' } }))?.body as { fields: { assignee: { accountId: string } | null; summary: string } };

beforeAll(async () => {
  host = startTestHost();
  call = asAdmin(host);
  await scanToCompletion(host);
  projectKey = persona(host, 'project-admin').projects[0] as string;
  ownerPersona = persona(host, 'user').accountId;
  people = accounts(host).people;
  const identities = (await allIdentities(host)).filter((i) => i.projectsTouched > 0);
  ids = identities.slice(0, 3).map((i) => i.accountId);
  const [a, b, c] = ids as [string, string, string];
  data(await call('reminders/save', { projectKey, issueTypeId: null }));
  data(await call('ownership/save', { accountId: a, baseVersion: 0, ownership: ownership({ ownerAccountId: ownerPersona, backupAccountId: people[1] }) }));
  data(await call('ownership/save', { accountId: b, baseVersion: 0, ownership: ownership({ ownerAccountId: people[0], backupAccountId: people[1] }) }));
  data(await call('ownership/save', { accountId: c, baseVersion: 0, ownership: ownership({ ownerAccountId: people[2], backupAccountId: null, team: 'Data' }) }));
}, 240_000);
afterAll(() => host.close());

describe('attestation campaigns', () => {
  let campaign: CampaignSummary;

  it('refuses a bad issue type and a past due date, creating nothing', async () => {
    const before = creates();
    expect(await call('campaigns/start', { name: 'Q4', scope: {}, projectKey, issueTypeId: '999999', dueDate: todayDate })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await call('campaigns/start', { name: 'Q4', scope: {}, projectKey, issueTypeId: null, dueDate: '2020-01-01' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(creates()).toBe(before);
  });

  it('starts: one work item per owner, assigned to the owner, linking to the global page', async () => {
    const before = creates();
    campaign = data(await call<CampaignSummary>('campaigns/start', { name: 'Q4 review', scope: {}, projectKey, issueTypeId: null, dueDate: todayDate, escalation: { remindOwner: 1, escalateToBackup: 3, escalateToAdmins: 5 } }));
    expect(campaign.progress).toMatchObject({ owners: 3, items: 3, answered: 0 });
    expect(creates()).toBe(before + 3);
    const detail = data(await call<CampaignDetail>('campaigns/get', { id: campaign.id }));
    const mine = detail.owners.find((o) => o.ownerAccountId === ownerPersona);
    expect(mine?.issueKey).toMatch(/^[A-Z]+-\d+$/);
    expect((await issue(mine?.issueKey as string)).fields.assignee?.accountId).toBe(ownerPersona);
    // The daily sweep finds them made: nothing more.
    await sweep(today);
    expect(creates()).toBe(before + 3);
  });

  it('lets the owner answer on the global page, once; others are refused', async () => {
    const tasks = data(await asMine<AttestationTask[]>(ownerPersona, 'attestation/mine'));
    expect(tasks).toEqual([expect.objectContaining({ campaignId: campaign.id, as: 'owner', items: [expect.objectContaining({ accountId: ids[0], answer: null })] })]);
    const refused = await asMine(people[3] as string, 'attestation/answer', { campaignId: campaign.id, accountId: ids[0], decision: 'keep' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const fromAdminPage = await invokeAs(host, { as: ownerPersona, moduleKey: 'admin-page', functionKey: 'attestation/answer', payload: { campaignId: campaign.id, accountId: ids[0], decision: 'keep' } });
    expect(fromAdminPage).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const item = data(await asMine<CampaignItem>(ownerPersona, 'attestation/answer', { campaignId: campaign.id, accountId: ids[0], decision: 'keep', comment: 'runs the release notes' }));
    expect(item.answer).toMatchObject({ decision: 'keep', by: ownerPersona });
    // The backup answering the same item a moment later loses.
    expect(await asMine(people[1] as string, 'attestation/answer', { campaignId: campaign.id, accountId: ids[0], decision: 'retire' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const detail = data(await call<CampaignDetail>('campaigns/get', { id: campaign.id }));
    expect(detail.progress).toMatchObject({ answered: 1, changed: 0 });
    const history = data(await call<IdentityDetail>('identity/get', { accountId: ids[0] })).history.entries;
    expect(history[0]).toMatchObject({ by: ownerPersona, changes: [expect.objectContaining({ field: 'attestation (Q4 review)', after: 'still needed: runs the release notes' })] });
  });

  it('the backup answers in the owner\'s place; "owner changes" moves the record', async () => {
    const item = data(await asMine<CampaignItem>(people[1] as string, 'attestation/answer', { campaignId: campaign.id, accountId: ids[1], decision: 'change-owner', newOwnerAccountId: people[3] }));
    expect(item.answer).toMatchObject({ decision: 'change-owner', newOwnerAccountId: people[3], by: people[1] });
    expect(data(await call<IdentityDetail>('identity/get', { accountId: ids[1] })).ownership?.ownerAccountId).toBe(people[3]);
    expect(data(await call<CampaignDetail>('campaigns/get', { id: campaign.id })).progress).toMatchObject({ answered: 2, changed: 1 });
  });

  it('reminds, then escalates to the backup, then to the admins, on the configured days, each once', async () => {
    const at = (days: number, hours = 1) => new Date(Date.parse(`${todayDate}T23:59:59.999Z`) + days * DAY + hours * 3_600_000);
    const steps = async (now: Date) => (await sweep(now)).campaigns.escalations.map((e) => `${e.ownerAccountId === people[2] ? 'c' : '?'}:${e.step}`);
    expect(await steps(new Date(Date.parse(`${todayDate}T12:00:00Z`)))).toEqual([]); // not yet due
    expect(await steps(at(0))).toEqual([]); // overdue, but the reminder waits a day
    expect(await steps(at(1))).toEqual(['c:remind-owner']);
    expect(await steps(at(2))).toEqual([]);
    expect(await steps(at(3))).toEqual(['c:escalate-backup']); // no backup: nothing sent, the step is recorded
    const before = creates();
    expect(await steps(at(5))).toEqual(['c:escalate-admins']);
    expect(creates()).toBe(before + 1);
    expect(await steps(at(9))).toEqual([]);
    const detail = data(await call<CampaignDetail>('campaigns/get', { id: campaign.id }));
    expect(detail.owners.find((o) => o.ownerAccountId === people[2])?.escalations.map((e) => e.step)).toEqual(['remind-owner', 'escalate-backup', 'escalate-admins']);
  });

  it('exports the evidence as CSV', async () => {
    const { csv, filename } = data(await call<{ csv: string; filename: string }>('campaigns/export', { id: campaign.id }));
    expect(filename).toMatch(/^attestation-c[a-z0-9]+-\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = csv.trim().split('\n');
    expect(lines[0]).toMatch(/^campaign,due date,owner,/);
    expect(lines).toHaveLength(4);
    expect(csv).toContain('still needed');
    expect(csv).toContain('owner changes');
    expect(data(await call<CampaignSummary[]>('campaigns/list')).map((c) => c.id)).toContain(campaign.id);
  });
});

describe('owner departure', () => {
  it('a deactivated owner yields exactly one handover, assigned to the backup, and none on the next run', async () => {
    // ids[0]: owned by the persona, backed up by people[1].
    host.sim?.mutate.setActive({ accountId: ownerPersona, active: false });
    const first = await sweep(new Date());
    expect(first.departures?.orphaned).toEqual([ids[0]]);
    expect(first.departures?.handovers).toHaveLength(1);
    expect(first.departures?.peopleChecked).toBeGreaterThan(0);
    const key = first.departures?.handovers[0] as string;
    const made = await issue(key);
    expect(made.fields.assignee?.accountId).toBe(people[1]);
    expect(made.fields.summary).toMatch(/^Handover: /);
    const before = creates();
    const second = await sweep(new Date());
    expect(second.departures?.handovers).toEqual([]);
    expect(creates()).toBe(before);

    const detail = data(await call<IdentityDetail>('identity/get', { accountId: ids[0] }));
    expect(detail.risks[0]).toMatchObject({ code: 'orphaned', severity: 'high' });
    const touched = detail.projects.find((p) => p.created + p.updated + p.transitions + p.worklogs > 0)?.projectKey as string;
    const page = data(await invokeAs<ProjectIntegrations>(host, { as: persona(host, 'site-admin').accountId, moduleKey: 'project-page', projectKey: touched, functionKey: 'project/integrations' }));
    expect(page.integrations.find((i) => i.accountId === ids[0])?.orphaned).toMatchObject({ handoverTo: { active: true }, issueKey: key });
  });

  it('the global page shows a person what they own or back up, and lets them edit purpose, runbook and notes', async () => {
    const backup = people[1] as string;
    const mine = data(await asMine<MyIntegration[]>(backup, 'my/integrations'));
    const record = mine.find((m) => m.accountId === ids[0]);
    expect(record).toMatchObject({ role: 'backup' });
    const saved = data(await asMine<{ version: number }>(backup, 'my/save', { accountId: ids[0], baseVersion: record?.version, purpose: 'Release notes', runbookUrl: 'https://wiki.example.com/rb', notes: 'taken over' }));
    expect(saved.version).toBe((record?.version ?? 0) + 1);
    expect(await asMine(people[4] as string, 'my/save', { accountId: ids[0], baseVersion: saved.version, purpose: 'x', runbookUrl: '', notes: '' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await asMine(backup, 'my/save', { accountId: ids[0], baseVersion: record?.version, purpose: 'stale', runbookUrl: '', notes: '' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });
});
