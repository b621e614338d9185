import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host } from '../../dev/host/host';
import type { IdentityList } from '../../src/contract';
import { invokeAs, persona, startTestHost } from '../support/host';
import { asAdmin, scanToCompletion } from '../support/scan';
import { findOperation } from './spec';
import { installVirtualTimers } from '../../dev/tools/virtual-clock';

// Waits (pacing, backoff, Retry-After) pass on the virtual clock, not in real time.
installVirtualTimers();

process.env.SCAN_RETRY_BASE_MS = '20';
let host: Host;

beforeAll(async () => {
  host = startTestHost();
  // The app's main paths: a full scan, then an incremental one, then the pages' resolvers.
  await scanToCompletion(host);
  host.sim?.mutate.touchIssues({ fraction: 0.01 });
  await scanToCompletion(host);
  const list = await asAdmin<IdentityList>(host, 'identities/list', {});
  // An access refresh (events arrive): an app account's group change (/myself) and a role change (projects read by id).
  await host.productEvents?.flush();
  await host.queue.idle();
  const app = list.items.find((i) => i.kind === 'service-account');
  if (app) host.sim?.mutate.setGroupMember({ groupName: 'jira-software-users', accountId: app.accountId, present: true });
  if (app) host.sim?.mutate.setRoleActor({ projectKey: persona(host, 'project-admin').projects[0] ?? '', roleName: 'Developers', accountId: app.accountId, present: true });
  await scanToCompletion(host);
  const first = list.items[0];
  if (first) await asAdmin(host, 'identity/get', { accountId: first.accountId });
  await asAdmin(host, 'users/search', { query: 'a' });
  await invokeAs(host, { as: persona(host, 'project-admin').accountId, moduleKey: 'project-page', projectKey: persona(host, 'project-admin').projects[0], functionKey: 'project/integrations' });
}, 240_000);
afterAll(() => host.close());

describe('every Jira call the app makes is in the official REST v3 spec', () => {
  it('maps each method and path the simulated site was asked for to a spec operation', () => {
    const calls = host.sim?.recorded() ?? [];
    expect(calls.length).toBeGreaterThan(100);
    const unknown = [...new Set(calls.filter((c) => findOperation(c.method, c.path) === null).map((c) => `${c.method} ${c.path}`))];
    expect(unknown).toEqual([]);
  });

  it('got no 4xx for a malformed request (400) or an unknown path (404/405)', () => {
    const bad = (host.sim?.recorded() ?? []).filter((c) => c.status === 400 || c.status === 405 || (c.status === 404 && !c.path.includes('/project/')));
    expect(bad).toEqual([]);
  });
});
