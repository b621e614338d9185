import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Host } from '../../dev/host/host';
import { RESOLVER_KEYS, type Envelope, type ProjectIntegrations } from '../../src/contract';
import { invokeAs, persona, startTestHost, type Call } from '../support/host';
import { scanToCompletion } from '../support/scan';
import { POLICY, type PolicyName } from './access-policy-table';
import { installVirtualTimers } from '../../dev/tools/virtual-clock';

// Waits (pacing, backoff, Retry-After) pass on the virtual clock, not in real time.
installVirtualTimers();

/**
 * The access test that cannot fall behind (issue 6): every resolver key of the contract, called as
 * every persona, from the admin page and from the project pages of AND and API, with payloads that
 * reach for the other project's data. The expected answer comes from POLICY (access-policy-table.ts)
 * alone; a key missing from POLICY or from the probes fails.
 */
process.env.SCAN_RETRY_BASE_MS = '20';

interface Who {
  name: string;
  accountId: string | null;
  isJiraAdmin: boolean;
  administers: string[];
}
type Surface = { module: 'admin-page' } | { module: 'my-integrations' } | { module: 'project-page'; project: 'AND' | 'API' };
const SURFACES: Surface[] = [{ module: 'admin-page' }, { module: 'my-integrations' }, { module: 'project-page', project: 'AND' }, { module: 'project-page', project: 'API' }];
const surfaceName = (s: Surface) => (s.module === 'admin-page' ? 'admin page' : s.module === 'my-integrations' ? '"My integrations" page' : `${s.project} project page`);

/** What the policy table says, derived from nothing but the table and who the persona is. */
function mayCall(policy: PolicyName, who: Who, surface: Surface): boolean {
  if (!who.accountId) return false;
  switch (policy) {
    case 'signed-in':
      return true;
    case 'jira-admin':
      return surface.module === 'admin-page' && who.isJiraAdmin;
    case 'project-reader':
      return surface.module === 'project-page' && (who.isJiraAdmin || who.administers.includes(surface.project));
    case 'owner-or-backup':
      // Only from the global page, and only for a record naming the caller: no persona owns the probed identity.
      return false;
  }
}

/** Payloads aimed at the other project (or at everything), with ids of real identities. */
function probes(other: string, ids: { both: string; person: string }): Record<string, unknown> {
  return {
    'me/get': {},
    'scan/start': {},
    'scan/status': {},
    'scan/cancel': {},
    'identities/list': { projectKey: other, limit: 200 },
    'identity/get': { accountId: ids.both },
    'identity/mark': { accountId: ids.both, integration: true },
    'settings/get': {},
    'settings/save': { windowDays: 90 },
    'ownership/save': { accountId: ids.both, baseVersion: 0, ownership: { ownerAccountId: null, backupAccountId: null, team: `probe ${other}`, purpose: '', runbookUrl: '', notes: '' } },
    'ownership/bulk-save': { items: [{ accountId: ids.both, baseVersion: 0 }], change: { team: `probe ${other}` } },
    'credentials/expiring': { withinDays: 3650 },
    'projects/issue-types': { projectKey: other },
    'credentials/list': { accountId: ids.both },
    'credentials/save': { accountId: ids.both, baseVersion: 0, credential: { kind: 'api-token', label: `probe ${other}`, scopes: [], createdAt: null, expiresAt: null, lastUsedAt: null, ownerAccountId: null } },
    'credentials/delete': { accountId: ids.both, baseVersion: 0, credentialId: '0123456789abcdef0123' },
    'credentials/import': { csv: `identity_account_id,kind,label\n${ids.both},api-token,probe`, mode: 'preview' },
    'credentials/export': {},
    'history/list': { accountId: ids.both },
    'users/search': { query: 'a' },
    'reminders/get': {},
    'reminders/save': { projectKey: other, issueTypeId: null },
    'reminders/sends': {},
    'admin-sync/get': {},
    'admin-sync/save': { enabled: false, orgId: null },
    'admin-sync/run': {},
    'project/integrations': {},
    'heatmap/get': {},
    'project/note-save': { accountId: ids.both, note: `probe aimed at ${other}` },
    'campaigns/start': { name: `probe ${other}`, scope: { projectKey: other }, projectKey: other, issueTypeId: null, dueDate: '2099-01-01' },
    'campaigns/list': {},
    'campaigns/get': { id: 'c0000000probe' },
    'campaigns/export': { id: 'c0000000probe' },
    'attestation/mine': {},
    'attestation/answer': { campaignId: 'c0000000probe', accountId: ids.both, decision: 'retire' },
    'my/integrations': {},
    'my/save': { accountId: ids.both, baseVersion: 0, purpose: `probe ${other}`, runbookUrl: '', notes: '' },
  };
}

let host: Host;
let people: Who[];
let ids: { both: string; person: string };
let projectNames: Record<'AND' | 'API', string>;

beforeAll(async () => {
  vi.spyOn(console, 'warn').mockImplementation(() => undefined); // refusals are logged; the log test checks them
  vi.spyOn(console, 'info').mockImplementation(() => undefined);
  host = startTestHost();
  await scanToCompletion(host);
  const admin = persona(host, 'site-admin');
  const andAdmin = persona(host, 'project-admin', 0);
  const apiAdmin = persona(host, 'project-admin', 1);
  people = [
    { name: 'site admin', accountId: admin.accountId, isJiraAdmin: true, administers: [] },
    { name: 'admin of AND', accountId: andAdmin.accountId, isJiraAdmin: false, administers: andAdmin.projects },
    { name: 'admin of API', accountId: apiAdmin.accountId, isJiraAdmin: false, administers: apiAdmin.projects },
    { name: 'plain user', accountId: persona(host, 'user').accountId, isJiraAdmin: false, administers: [] },
    { name: 'no account id', accountId: null, isJiraAdmin: false, administers: [] },
  ];
  expect(andAdmin.projects).toEqual(['AND']);
  expect(apiAdmin.projects).toEqual(['API']);
  // An identity that touches both projects: the probes reach across with it.
  const pageOf = async (project: 'AND' | 'API') => {
    const answer = await invokeAs<ProjectIntegrations>(host, { as: admin.accountId, moduleKey: 'project-page', projectKey: project, functionKey: 'project/integrations' });
    if (!answer.ok) throw new Error(answer.error.message);
    return answer.data;
  };
  const [and, api] = [await pageOf('AND'), await pageOf('API')];
  projectNames = { AND: and.project.name, API: api.project.name };
  const inApi = new Set(api.integrations.map((i) => i.accountId));
  const both = and.integrations.find((i) => inApi.has(i.accountId));
  const person = and.integrations.find((i) => i.kind === 'person-integration');
  if (!both || !person) throw new Error('the demo site should have integrations touching both AND and API');
  ids = { both: both.accountId, person: person.accountId };
}, 120_000);
afterAll(() => {
  host?.close();
  vi.restoreAllMocks();
});

describe('access: every resolver, every persona, every surface', () => {
  it('has exactly one policy for every resolver key in the contract, and none for keys that are gone', () => {
    expect(RESOLVER_KEYS.filter((k) => !(k in POLICY))).toEqual([]);
    expect(Object.keys(POLICY).filter((k) => !RESOLVER_KEYS.includes(k as (typeof RESOLVER_KEYS)[number]))).toEqual([]);
    expect(RESOLVER_KEYS.filter((k) => !(k in probes('API', { both: 'x', person: 'y' })))).toEqual([]);
  });

  it.each(RESOLVER_KEYS)('%s answers as the policy table says', async (key) => {
    const policy = POLICY[key];
    expect(policy, `${key} is missing from the policy table`).toBeDefined();
    if (!policy) return;
    const mismatches: string[] = [];
    for (const who of people) {
      for (const surface of SURFACES) {
        const other = surface.module === 'project-page' && surface.project === 'API' ? 'AND' : 'API';
        const call: Call = {
          as: who.accountId,
          moduleKey: surface.module,
          ...(surface.module === 'project-page' ? { projectKey: surface.project } : {}),
          functionKey: key,
          payload: probes(other, ids)[key],
        };
        const answer = await invokeAs<unknown>(host, call);
        const where = `${who.name} on the ${surfaceName(surface)}`;
        if (mayCall(policy, who, surface)) {
          if (!answer.ok && answer.error.code === 'FORBIDDEN') mismatches.push(`${where}: refused, but the policy allows (${answer.error.message})`);
          if (policy === 'project-reader') mismatches.push(...leaksOtherProject(answer, other as 'AND' | 'API', where));
        } else if (answer.ok || answer.error.code !== 'FORBIDDEN' || Object.keys(answer).sort().join() !== 'error,ok' || !answer.error.message) {
          mismatches.push(`${where}: expected a bare FORBIDDEN, got ${JSON.stringify(answer).slice(0, 200)}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
  }, 60_000);
});

/** A project page's answer must hold nothing of the other project: no key, no name. */
function leaksOtherProject(answer: Envelope<unknown>, other: 'AND' | 'API', where: string): string[] {
  const text = JSON.stringify(answer);
  const found = [`"projectKey":"${other}"`, `"key":"${other}"`, projectNames[other]].filter((needle) => text.includes(needle));
  return found.map((needle) => `${where}: answer mentions the other project (${needle})`);
}
