import { describe, expect, it } from 'vitest';
import type { Credential, IdentityRecord, Ownership, ProjectActivity } from '../../src/contract';
import { blastRadius } from '../../src/rules/blast-radius';
import { assessRisks, type RiskInput } from '../../src/rules/risks';

const now = new Date('2026-03-10T00:00:00Z');
const owned: Ownership = { ownerAccountId: 'owner', backupAccountId: 'backup', team: '', purpose: '', runbookUrl: '', notes: '' };
const cred = (over: Partial<Credential> = {}): Credential => ({
  id: 'c1', kind: 'api-token', label: 'CI', scopes: [], createdAt: null, expiresAt: '2027-01-01', lastUsedAt: '2026-03-01',
  ownerAccountId: null, source: 'manual', externalId: null, updatedAt: '2026-01-01T00:00:00Z', ...over,
});
const identity = (over: Partial<IdentityRecord> = {}): RiskInput['identity'] => ({ kind: 'service-account', issuesTouched: 10, projectsTouched: 2, lastActivity: '2026-03-09T00:00:00Z', ...over });
const codes = (over: Partial<RiskInput>) =>
  assessRisks({ identity: identity(), ownership: owned, credentials: [cred()], people: new Map([['owner', { active: true }], ['backup', { active: true }]]), now, ...over }).map((r) => `${r.code}:${r.severity}`);

describe('assessRisks', () => {
  it.each<[string, Partial<RiskInput>, string[]]>([
    ['a well-kept identity', {}, []],
    ['no owner while in use', { ownership: { ...owned, ownerAccountId: null } }, ['no-owner:high']],
    ['no owner and unused', { ownership: { ...owned, ownerAccountId: null }, credentials: [], identity: identity({ issuesTouched: 0 }) }, ['no-owner:medium']],
    ['no record at all', { ownership: null }, ['no-owner:high', 'no-backup:medium']],
    ['no backup', { ownership: { ...owned, backupAccountId: null } }, ['no-backup:medium']],
    ['a deactivated owner', { people: new Map([['owner', { active: false }]]) }, ['owner-deactivated:high']],
    ['a deactivated backup', { people: new Map([['backup', { active: false }]]) }, ['backup-deactivated:medium']],
    ['an expired credential', { credentials: [cred({ expiresAt: '2026-03-01' })] }, ['credential-expired:high']],
    ['a credential expiring in 3 days', { credentials: [cred({ expiresAt: '2026-03-13' })] }, ['credential-expiring:high']],
    ['a credential expiring in 20 days', { credentials: [cred({ expiresAt: '2026-03-30' })] }, ['credential-expiring:medium']],
    ['a credential unused for 100 days', { credentials: [cred({ lastUsedAt: '2025-11-30' })] }, ['credential-stale:low']],
    ['unused 100 days with a 120-day stale window', { credentials: [cred({ lastUsedAt: '2025-11-30' })], policy: { staleDays: 120, windowDays: 30 } }, []],
    ['unused 40 days with a 30-day stale window', { credentials: [cred({ lastUsedAt: '2026-01-29' })], policy: { staleDays: 30, windowDays: 30 } }, ['credential-stale:low']],
    ['expiring in 20 days without a backup', { ownership: { ...owned, backupAccountId: null }, credentials: [cred({ expiresAt: '2026-03-30' })] }, ['expiring-no-backup:high', 'no-backup:medium', 'credential-expiring:medium']],
    ['expiring in 20 days, the backup deactivated', { credentials: [cred({ expiresAt: '2026-03-30' })], people: new Map([['owner', { active: true }], ['backup', { active: false }]]) }, ['expiring-no-backup:high', 'backup-deactivated:medium', 'credential-expiring:medium']],
    ['expiring in 45 days without a backup (outside the window)', { ownership: { ...owned, backupAccountId: null }, credentials: [cred({ expiresAt: '2026-04-24' })] }, ['no-backup:medium']],
    ['expiring in 45 days without a backup, 60-day window', { ownership: { ...owned, backupAccountId: null }, credentials: [cred({ expiresAt: '2026-04-24' })], policy: { staleDays: 90, windowDays: 60 } }, ['expiring-no-backup:high', 'no-backup:medium']],
    ['an API token without an expiry date', { credentials: [cred({ expiresAt: null })] }, ['no-expiry-recorded:medium']],
    ['an OAuth client credential without an expiry date (no cap)', { credentials: [cred({ kind: 'oauth-client-credential', expiresAt: null })] }, []],
    ['a deactivated credential owner', { credentials: [cred({ ownerAccountId: 'gone' })], people: new Map([['gone', { active: false }]]) }, ['owner-deactivated:high']],
    ['a person-owned integration in use', { identity: identity({ kind: 'person-integration' }) }, ['person-owned-integration:high']],
    ['a person account that did nothing', { identity: identity({ kind: 'person-integration', issuesTouched: 0, projectsTouched: 0 }) }, []],
    ['an identity idle for 120 days', { identity: identity({ lastActivity: '2025-11-10T00:00:00Z' }) }, ['unused-90-days:low']],
    ['unknown people raise nothing', { people: new Map() }, []],
  ])('%s', (_name, input, expected) => {
    expect(codes(input)).toEqual(expected);
  });

  it('sorts high before medium before low', () => {
    const risks = codes({ ownership: { ...owned, backupAccountId: null }, credentials: [cred({ expiresAt: '2026-03-01', lastUsedAt: '2025-01-01' })] });
    expect(risks).toEqual(['credential-expired:high', 'no-backup:medium', 'credential-stale:low']);
  });
});

describe('blastRadius', () => {
  const project = (key: string, counts: Partial<ProjectActivity>): ProjectActivity => ({
    projectKey: key, projectName: key, created: 0, updated: 0, comments: null, transitions: 0, worklogs: 0, lastActivity: null, hasAccess: true, canEdit: false, roles: [], unusedAccess: false,
    touches: Math.max(counts.created ?? 0, counts.updated ?? 0), transitioned: 0, commented: 0, worked: 0, ...counts,
  });

  it('lists projects by activity volume and the people to call in order', () => {
    const radius = blastRadius(
      { issuesTouched: 70, projects: [project('B', { updated: 20 }), project('A', { created: 50, updated: 40 }), project('IDLE', {})] },
      owned,
      [cred({ ownerAccountId: 'cred-owner' }), cred({ id: 'c2', ownerAccountId: 'owner' })],
    );
    expect(radius).toEqual({
      projects: [
        { projectKey: 'A', projectName: 'A', issuesTouched: 50 },
        { projectKey: 'B', projectName: 'B', issuesTouched: 20 },
      ],
      issuesTouched: 70,
      contacts: [
        { accountId: 'owner', role: 'owner' },
        { accountId: 'backup', role: 'backup' },
        { accountId: 'cred-owner', role: 'credential-owner' },
      ],
    });
  });

  it('leaves out deactivated people and works without a scan', () => {
    expect(blastRadius(null, owned, [], new Set(['owner']))).toEqual({ projects: [], issuesTouched: 0, contacts: [{ accountId: 'backup', role: 'backup' }] });
  });
});
