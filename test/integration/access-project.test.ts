import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Host } from '../../dev/host/host';
import type { IdentityDetail, ProjectIntegrations, ProjectNote } from '../../src/contract';
import { clearAccessCache } from '../../src/access/policy';
import { invokeAs, persona, startTestHost } from '../support/host';
import { asAdmin, scanToCompletion } from '../support/scan';
import { installVirtualTimers } from '../../dev/tools/virtual-clock';

// Waits (pacing, backoff, Retry-After) pass on the virtual clock, not in real time.
installVirtualTimers();

process.env.SCAN_RETRY_BASE_MS = '20';

let host: Host;
let andAdmin: string;
let apiAdmin: string;
let plainUser: string;
let siteAdmin: string;

const projectCall = <T>(as: string | null, project: string, functionKey: string, payload: unknown = {}) =>
  invokeAs<T>(host, { as, moduleKey: 'project-page', projectKey: project, functionKey, payload });

async function integrationsOf(as: string, project: string): Promise<ProjectIntegrations> {
  const answer = await projectCall<ProjectIntegrations>(as, project, 'project/integrations');
  if (!answer.ok) throw new Error(`${answer.error.code}: ${answer.error.message}`);
  return answer.data;
}

beforeAll(async () => {
  host = startTestHost();
  await scanToCompletion(host);
  siteAdmin = persona(host, 'site-admin').accountId;
  andAdmin = persona(host, 'project-admin', 0).accountId;
  apiAdmin = persona(host, 'project-admin', 1).accountId;
  plainUser = persona(host, 'user').accountId;
}, 120_000);
afterAll(() => host?.close());
beforeEach(() => clearAccessCache());

describe('project/integrations', () => {
  it("shows AND's admin the integrations touching AND, with only the fields the page needs", async () => {
    const page = await integrationsOf(andAdmin, 'AND');
    expect(page.project.key).toBe('AND');
    expect(page.snapshot).not.toBeNull();
    expect(page.integrations.length).toBeGreaterThan(0);
    for (const item of page.integrations) {
      expect(Object.keys(item).sort()).toEqual(['access', 'accountId', 'active', 'activity', 'backup', 'callList', 'credentials', 'deactivatedContacts', 'displayName', 'kind', 'note', 'orphaned', 'owner', 'purpose', 'runbookUrl', 'team']);
      expect(item.access.hasAccess || item.access.used).toBe(true);
    }
    const text = JSON.stringify(page);
    for (const field of ['evidence', 'score', 'projects', 'leastPrivilege', 'ownerAccountId', 'history', 'notes']) expect(text).not.toContain(`"${field}"`);
    expect(text).not.toMatch(/"(projectKey|key)":"API"/);
  });

  it('names the owner and backup, how to reach them, purpose and runbook, once an admin records them; no Jira call beyond the permission check', async () => {
    const { integrations } = await integrationsOf(andAdmin, 'AND');
    const target = integrations[0];
    if (!target) throw new Error('no integration in AND');
    const owner = persona(host, 'project-admin', 0);
    const backup = persona(host, 'user');
    const current = await asAdmin<IdentityDetail>(host, 'identity/get', { accountId: target.accountId });
    await asAdmin(host, 'ownership/save', {
      accountId: target.accountId,
      baseVersion: current.version,
      ownership: { ownerAccountId: owner.accountId, backupAccountId: backup.accountId, team: 'Mobile', purpose: 'Builds the nightly app', runbookUrl: 'https://wiki.example.com/runbooks/builds', notes: 'internal only' },
    });
    await integrationsOf(andAdmin, 'AND'); // the caller's permission decision is now cached
    await host.queue.idle(); // background work (roles identity/get asked for) is not the page's
    const meter = host.sim?.meter;
    const pointsBefore = meter?.snapshot().points;
    const after = (await integrationsOf(andAdmin, 'AND')).integrations.find((i) => i.accountId === target.accountId);
    expect(meter?.snapshot().points, 'names come from storage, not from Jira').toBe(pointsBefore);
    expect(after?.owner).toMatchObject({ accountId: owner.accountId, displayName: owner.displayName, active: true });
    expect(after?.backup).toMatchObject({ accountId: backup.accountId, displayName: backup.displayName, active: true });
    for (const p of [after?.owner, after?.backup]) expect(p?.email === null || /@/.test(p?.email ?? '')).toBe(true);
    expect(after?.team).toBe('Mobile');
    expect(after?.purpose).toBe('Builds the nightly app');
    expect(after?.runbookUrl).toBe('https://wiki.example.com/runbooks/builds');
    expect(after?.callList.map((c) => [c.displayName, c.role])).toEqual([
      [owner.displayName, 'owner'],
      [backup.displayName, 'backup'],
    ]);
    expect(after?.deactivatedContacts).toBe(0);
  });

  it('shows a trend once the page has seen a second scan', async () => {
    const before = await integrationsOf(siteAdmin, 'AND');
    expect(before.integrations.every((i) => i.activity.trend === null)).toBe(true);
    await scanToCompletion(host);
    const after = await integrationsOf(siteAdmin, 'AND');
    expect(after.snapshot?.completedAt).not.toBe(before.snapshot?.completedAt);
    expect(after.integrations.every((i) => ['rising', 'falling', 'steady', 'new'].includes(i.activity.trend ?? ''))).toBe(true);
  });

  it("refuses API's admin and a plain user on AND's page with a bare FORBIDDEN", async () => {
    for (const as of [apiAdmin, plainUser]) {
      expect(await projectCall(as, 'AND', 'project/integrations')).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringMatching(/lead and administrators/) } });
    }
  });

  it('ignores privilege claims in the payload: refused callers stay refused, allowed ones get INVALID_INPUT', async () => {
    const claims = { role: 'admin', isAdmin: true, accountId: siteAdmin, projectKey: 'AND' };
    expect(await projectCall(plainUser, 'AND', 'project/integrations', claims)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const allowed = await projectCall(andAdmin, 'AND', 'project/integrations', claims);
    expect(allowed).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/role|isAdmin|accountId|projectKey/) } });
  });

  it('refuses a project key in the context that does not exist, and one with JQL in it', async () => {
    expect(await projectCall(siteAdmin, 'NOPE', 'project/integrations')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await projectCall(siteAdmin, 'AND" OR project = API OR "', 'project/integrations')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

describe('project/note-save', () => {
  it("stores AND's note for AND only; admins see it on identity/get; an empty note deletes it", async () => {
    const [item] = (await integrationsOf(andAdmin, 'AND')).integrations;
    if (!item) throw new Error('no integration in AND');
    const saved = await projectCall<{ note: ProjectNote }>(andAdmin, 'AND', 'project/note-save', { accountId: item.accountId, note: 'Feeds our release report' });
    expect(saved).toMatchObject({ ok: true, data: { note: { projectKey: 'AND', note: 'Feeds our release report', updatedBy: persona(host, 'project-admin', 0).displayName } } });
    expect((await integrationsOf(andAdmin, 'AND')).integrations.find((i) => i.accountId === item.accountId)?.note?.note).toBe('Feeds our release report');
    const detail = await asAdmin<IdentityDetail>(host, 'identity/get', { accountId: item.accountId });
    expect(detail.projectNotes).toEqual([expect.objectContaining({ projectKey: 'AND', note: 'Feeds our release report' })]);

    // API's admin cannot overwrite it from AND's page, and nothing changes.
    expect(await projectCall(apiAdmin, 'AND', 'project/note-save', { accountId: item.accountId, note: 'overwritten' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await integrationsOf(andAdmin, 'AND')).integrations.find((i) => i.accountId === item.accountId)?.note?.note).toBe('Feeds our release report');

    expect(await projectCall(andAdmin, 'AND', 'project/note-save', { accountId: item.accountId, note: '' })).toEqual({ ok: true, data: { note: null } });
    expect((await asAdmin<IdentityDetail>(host, 'identity/get', { accountId: item.accountId })).projectNotes).toEqual([]);
  });

  it('refuses a note about an identity that does not touch the project, with NOT_FOUND', async () => {
    const andIds = new Set((await integrationsOf(siteAdmin, 'AND')).integrations.map((i) => i.accountId));
    const elsewhere = (await integrationsOf(siteAdmin, 'API')).integrations.find((i) => !andIds.has(i.accountId));
    for (const accountId of [elsewhere?.accountId ?? 'x', 'no-such-account']) {
      expect(await projectCall(andAdmin, 'AND', 'project/note-save', { accountId, note: 'hi' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    }
  });
});

describe('permission checks that fail refuse', () => {
  const faults = [
    ['5xx', { serverErrors: { status: 503 as const, count: 50 } }],
    ['429 quota', { rateLimitStorm: { reason: 'jira-quota-tenant-based' as const, count: 50, retryAfterSeconds: 1 } }],
    // A short Retry-After: the shared interactive client pauses the endpoint for that long afterwards.
    ['429 burst', { rateLimitStorm: { reason: 'jira-burst-based' as const, count: 50, retryAfterSeconds: 1 } }],
    ['junk bodies', { junkBodies: { count: 50 } }],
  ] as const;
  it.each(faults)('%s: project-reader and jira-admin answer an error with no data, never access', async (_name, fault) => {
    const sim = host.sim;
    if (!sim) throw new Error('simulated site expected');
    sim.faults.set(fault);
    try {
      for (const answer of [
        await projectCall(andAdmin, 'AND', 'project/integrations'),
        await invokeAs(host, { as: siteAdmin, moduleKey: 'admin-page', functionKey: 'identities/list', payload: {} }),
      ]) {
        expect(answer.ok).toBe(false);
        if (answer.ok) continue;
        expect(['UNAVAILABLE', 'LIMIT', 'FORBIDDEN']).toContain(answer.error.code);
        expect(Object.keys(answer).sort()).toEqual(['error', 'ok']);
        expect(answer.error.message).not.toMatch(/stack|Error:|at \w+ \(/);
      }
    } finally {
      sim.faults.clear();
    }
  });
});

describe('refused calls are logged without the payload', () => {
  it('names the resolver, policy, account and context, and never the payload', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const secret = 'ATATT3xFfGF0abcdefghijklmnopqrstuvwxyz0123456789';
      await projectCall(plainUser, 'AND', 'project/note-save', { accountId: 'x', note: secret });
      const lines = warn.mock.calls.map((c) => c.join(' '));
      const line = lines.find((l) => l.includes('[access] refused'));
      expect(line).toContain('resolver="project/note-save"');
      expect(line).toContain(`account="${plainUser}"`);
      expect(line).toContain('project="AND"');
      expect(lines.join('\n')).not.toContain(secret);
    } finally {
      warn.mockRestore();
    }
  });
});
