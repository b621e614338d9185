/**
 * Two installations of the app in one process (issue 11, item 5): two hosts, each its own site,
 * storage and installation, with the same account ids under different display names. Calls
 * alternate between them, as one warm Forge runtime serves many installations, and no value crosses:
 * not a cached display name, not an access decision, not a stored record.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as backend from '../../src/index';
import { createHost, type Host } from '../../dev/host/host';
import type { IdentityList } from '../../src/contract';
import { ROOT, invokeAs, persona } from '../support/host';
import { accounts, asAdmin as registryCaller, data, ownership } from '../support/registry';
import { scanToCompletion } from '../support/scan';
import { installVirtualTimers } from '../../dev/tools/virtual-clock';

// Waits (pacing, backoff, Retry-After) pass on the virtual clock, not in real time.
installVirtualTimers();

const TAG = ' (site B)';
let a: Host;
let b: Host;
beforeAll(async () => {
  a = createHost({ manifestFile: join(ROOT, 'manifest.yml'), backend: { index: backend }, dataDir: ':memory:', site: 'demo' });
  b = createHost({
    manifestFile: join(ROOT, 'manifest.yml'),
    backend: { index: backend },
    dataDir: ':memory:',
    site: 'demo',
    installation: { cloudId: 'b0b0b0b0-0000-4000-8000-00000000000b', installationId: 'installation-b', siteUrl: 'https://other-site.atlassian.net', nameTag: TAG },
  });
  await scanToCompletion(a);
  await scanToCompletion(b);
}, 120_000);
afterAll(() => {
  a?.close();
  b?.close();
});

describe('two installations in one process', () => {
  it('are two tenants: same account ids, their own names', () => {
    expect(a.cloudId).not.toBe(b.cloudId);
    expect(persona(b, 'site-admin').accountId).toBe(persona(a, 'site-admin').accountId);
    expect(persona(b, 'site-admin').displayName).toBe(`${persona(a, 'site-admin').displayName}${TAG}`);
  });

  it('keep stored records apart', async () => {
    const [identity] = accounts(a).identities;
    data(await registryCaller(a)('ownership/save', { accountId: identity, baseVersion: 0, ownership: ownership({ team: 'Team of A' }) }));
    const inB = data(await registryCaller(b)<{ ownership: unknown; version: number }>('identity/get', { accountId: identity }));
    expect(inB.version).toBe(0);
    expect(JSON.stringify(inB)).not.toContain('Team of A');
  });

  it('never answer one installation with a display name cached for the other', async () => {
    const [, identity] = accounts(a).identities;
    const owner = accounts(a).people[0] as string;
    for (const host of [a, b]) data(await registryCaller(host)('ownership/save', { accountId: identity, baseVersion: 0, ownership: ownership({ ownerAccountId: owner }) }));
    const ownerNameIn = async (host: Host) => {
      const list = data(await registryCaller(host)<IdentityList>('identities/list', { offset: 0, limit: 200 }));
      return list.items.find((i) => i.accountId === identity)?.ownerName;
    };
    // A first (its name is now cached), then B, then both again in the other order.
    const nameInA = await ownerNameIn(a);
    const nameInB = await ownerNameIn(b);
    expect(nameInA).toBeTruthy();
    expect(nameInA).not.toContain(TAG);
    expect(nameInB).toBe(`${nameInA}${TAG}`);
    expect(await ownerNameIn(b)).toBe(`${nameInA}${TAG}`);
    expect(await ownerNameIn(a)).toBe(nameInA);
  });

  it('never answer one installation with an access decision made for the other', async () => {
    const user = persona(a, 'user');
    const projectKey = persona(a, 'project-admin').projects[0] as string;
    const projectPage = async (host: Host) => {
      const answer = await invokeAs(host, { as: user.accountId, moduleKey: 'project-page', projectKey, functionKey: 'project/integrations' });
      return answer.ok ? 'allowed' : answer.error.code;
    };
    // Only in B does the plain user administer the project.
    b.sim?.mutate.setRoleActor({ projectKey, roleName: 'Administrators', accountId: user.accountId, present: true });
    expect(await projectPage(a)).toBe('FORBIDDEN'); // decided, and cached, for A
    expect(await projectPage(b)).toBe('allowed');
    expect(await projectPage(a)).toBe('FORBIDDEN');
    expect(await projectPage(b)).toBe('allowed');
  });
});
