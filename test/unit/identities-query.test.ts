import { describe, expect, it } from 'vitest';
import type { IdentityRow } from '../../src/contract';
import { queryIdentities } from '../../src/resolvers/identities/query';

const row = (displayName: string, over: Partial<IdentityRow> = {}): Omit<IdentityRow, 'ownerName'> => ({
  accountId: `id-${displayName}`,
  displayName,
  kind: 'app-account',
  active: true,
  email: null,
  score: null,
  evidence: [],
  override: null,
  projectsTouched: 0,
  issuesTouched: 0,
  touches: 0,
  created: 0,
  updated: 0,
  transitioned: 0,
  commented: 0,
  worked: 0,
  lastActivity: null,
  unusedAccessProjects: 0,
  ownershipVersion: 0,
  ownerAccountId: null,
  backupAccountId: null,
  credentialCount: 0,
  nearestExpiry: null,
  nearestTier: null,
  risks: [],
  ...over,
});

describe('identities/list order', () => {
  it.each([
    ['asc', ['Jira 2', 'jira 3', 'Jira 10', 'Jira 100']],
    ['desc', ['Jira 100', 'Jira 10', 'jira 3', 'Jira 2']],
  ] as const)('sorts names naturally (%s): "Jira 2" before "Jira 10"', (direction, want) => {
    const rows = ['Jira 10', 'Jira 2', 'Jira 100', 'jira 3'].map((n) => row(n));
    expect(queryIdentities(rows, { sort: { field: 'name', direction } }, () => true).items.map((r) => r.displayName)).toEqual(want);
  });
});

describe('identities/list owner sort', () => {
  // Account ids order the other way round from the names, so a sort by id shows up as wrong.
  const names: Record<string, string> = { 'acc-1': 'Zoe Quinn', 'acc-2': 'Ines Moreau', 'acc-3': 'Ines 10', 'acc-4': 'Ines 2' };
  const rows = [row('A', { ownerAccountId: 'acc-1' }), row('B', { ownerAccountId: 'acc-2' }), row('C'), row('D', { ownerAccountId: 'acc-3' }), row('E', { ownerAccountId: 'acc-4' })];
  it.each([
    ['asc', ['C', 'E', 'D', 'B', 'A']],
    ['desc', ['A', 'B', 'D', 'E', 'C']],
  ] as const)("sorts by the owner's name, naturally, unowned first when ascending (%s)", (direction, want) => {
    const got = queryIdentities(rows, { sort: { field: 'owner', direction } }, () => true, (id) => names[id]);
    expect(got.items.map((r) => r.displayName)).toEqual(want);
  });
  it('sorts an owner whose name is unknown by the account id', () => {
    const got = queryIdentities([row('A', { ownerAccountId: 'zzz' }), row('B', { ownerAccountId: 'acc-1' })], { sort: { field: 'owner', direction: 'asc' } }, () => true, (id) => names[id]);
    expect(got.items.map((r) => r.displayName)).toEqual(['B', 'A']);
  });
});
