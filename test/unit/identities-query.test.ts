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
