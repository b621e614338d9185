import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host } from '../../dev/host/host';
import type { Me } from '../../src/contract';
import { invokeAs, persona, startTestHost } from '../support/host';
import { installVirtualTimers } from '../../dev/tools/virtual-clock';

// Waits (pacing, backoff, Retry-After) pass on the virtual clock, not in real time.
installVirtualTimers();

let host: Host;
beforeAll(() => {
  host = startTestHost();
});
afterAll(() => host.close());

const meGet = (as: string | null, moduleKey: 'admin-page' | 'project-page', projectKey?: string, payload: unknown = {}) =>
  invokeAs<Me>(host, { as, moduleKey, ...(projectKey ? { projectKey } : {}), functionKey: 'me/get', payload });

describe('me/get through the real @forge/resolver handler on the simulated site', () => {
  it('tells the site admin they may open the admin page and every project page', async () => {
    const admin = persona(host, 'site-admin');
    const answer = await meGet(admin.accountId, 'admin-page');
    expect(answer).toEqual({
      ok: true,
      data: { accountId: admin.accountId, displayName: admin.displayName, isJiraAdmin: true, canOpenAdminPage: true, projectPages: 'all', module: 'admin-page' },
    });
  });

  it("lets a project admin open their own project's page and nothing else", async () => {
    const a = persona(host, 'project-admin', 0);
    const b = persona(host, 'project-admin', 1);
    const [keyA] = a.projects;
    const [keyB] = b.projects;
    expect(keyA).toBeDefined();
    expect(keyB).toBeDefined();
    expect(keyA).not.toEqual(keyB);

    const own = await meGet(a.accountId, 'project-page', keyA);
    if (!own.ok) throw new Error(own.error.message);
    expect(own.data.isJiraAdmin).toBe(false);
    expect(own.data.canOpenAdminPage).toBe(false);
    expect(own.data.project).toMatchObject({ key: keyA, canOpen: true });
    expect(own.data.projectPages).toEqual(expect.arrayContaining([expect.objectContaining({ key: keyA })]));
    expect(own.data.projectPages).not.toEqual(expect.arrayContaining([expect.objectContaining({ key: keyB })]));

    const other = await meGet(a.accountId, 'project-page', keyB);
    if (!other.ok) throw new Error(other.error.message);
    expect(other.data.project).toMatchObject({ key: keyB, canOpen: false });
  });

  it('gives a plain user no pages', async () => {
    const user = persona(host, 'user');
    const answer = await meGet(user.accountId, 'admin-page');
    if (!answer.ok) throw new Error(answer.error.message);
    expect(answer.data).toMatchObject({ isJiraAdmin: false, canOpenAdminPage: false, projectPages: [] });
    const projectKey = persona(host, 'project-admin', 0).projects[0];
    const onProject = await meGet(user.accountId, 'project-page', projectKey);
    if (!onProject.ok) throw new Error(onProject.error.message);
    expect(onProject.data.project?.canOpen).toBe(false);
  });

  it('refuses a caller without an account id', async () => {
    const answer = await meGet(null, 'admin-page');
    expect(answer).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringMatching(/sign in/i) } });
  });

  it('refuses unknown payload fields with INVALID_INPUT naming the problem', async () => {
    const answer = await meGet(persona(host, 'site-admin').accountId, 'admin-page', undefined, { accountId: 'someone-else' });
    expect(answer.ok).toBe(false);
    if (answer.ok) return;
    expect(answer.error.code).toBe('INVALID_INPUT');
    expect(answer.error.message).toMatch(/accountId/);
  });

  it('refuses a malformed project key in the context', async () => {
    const answer = await meGet(persona(host, 'site-admin').accountId, 'project-page', 'not a key');
    if (!answer.ok) throw new Error(answer.error.message);
    expect(answer.data.project).toBeUndefined();
  });

  it.each([
    ['5xx', { serverErrors: { status: 503 as const, count: 50 } }],
    ['429 quota', { rateLimitStorm: { reason: 'jira-quota-tenant-based' as const, count: 50, retryAfterSeconds: 1 } }],
    ['junk bodies', { junkBodies: { count: 50 } }],
  ])('fails closed when Jira answers with %s: an error, never access', async (_name, faults) => {
    const sim = host.sim;
    if (!sim) throw new Error('simulated site expected');
    sim.faults.set(faults);
    try {
      const answer = await meGet(persona(host, 'site-admin').accountId, 'admin-page');
      expect(answer.ok).toBe(false);
      if (answer.ok) return;
      expect(['UNAVAILABLE', 'LIMIT']).toContain(answer.error.code);
      expect(answer.error.message).not.toMatch(/accountId|stack|Error:/);
    } finally {
      sim.faults.clear();
    }
  });
});
