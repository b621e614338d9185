import { describe, expect, it } from 'vitest';
import type { ProjectIntegration } from '../../src/contract';
import { listView, nobodyToCall } from '../../static/src/features/project/list-view';

function integration(name: string, over: { touched?: number; last?: string | null; tier?: ProjectIntegration['credentials']['worstTier']; days?: number | null; contacts?: string[]; team?: string } = {}): ProjectIntegration {
  return {
    accountId: `id-${name}`,
    displayName: name,
    kind: 'app-account',
    active: true,
    activity: { touches: over.touched ?? 0, issuesTouched: over.touched ?? 0, created: 0, updated: over.touched ?? 0, transitioned: 0, commented: 0, worked: 0, transitions: 0, worklogs: 0, lastActivity: over.last ?? null, trend: null },
    access: { hasAccess: true, canEdit: true, roles: [], used: (over.touched ?? 0) > 0 },
    owner: null,
    backup: null,
    team: over.team ?? '',
    purpose: '',
    runbookUrl: '',
    credentials: { count: over.tier ? 1 : 0, worstTier: over.tier ?? null, daysToExpiry: over.days ?? null },
    callList: (over.contacts ?? []).map((c) => ({ accountId: c, displayName: c, active: true, email: null, role: 'owner' as const })),
    deactivatedContacts: 0,
    note: null,
    orphaned: null,
  };
}

const items = [
  integration('Jira 10', { touched: 5, last: '2026-03-01T00:00:00Z', tier: 'ok', days: 200 }),
  integration('Jira 2', { touched: 50, last: '2026-02-01T00:00:00Z', tier: 'critical', days: 3, contacts: ['Ines Owner'] }),
  integration('Zapier', { touched: 0, team: 'Finance' }),
  integration('Automation', { touched: 50, last: '2026-03-05T00:00:00Z', tier: 'expired', days: -2 }),
];
const kindLabel = () => 'App';
const names = (xs: ProjectIntegration[]) => xs.map((x) => x.displayName);

describe("the project page's list", () => {
  it.each([
    ['activity', ['Automation', 'Jira 2', 'Jira 10']],
    ['name', ['Automation', 'Jira 2', 'Jira 10']],
    ['recent', ['Automation', 'Jira 10', 'Jira 2']],
    ['expiry', ['Automation', 'Jira 2', 'Jira 10']],
  ] as const)('sorts by %s, idle ones folded apart', (sort, expected) => {
    const view = listView(items, { filter: '', sort, kindLabel });
    expect(names(view.working)).toEqual(expected);
    expect(names(view.idle)).toEqual(['Zapier']);
    expect(view.matched).toBe(4);
  });

  it('sorts names as people read them: Jira 2 before Jira 10', () => {
    expect(names(listView(items, { filter: 'jira', sort: 'name', kindLabel }).working)).toEqual(['Jira 2', 'Jira 10']);
  });

  it('filters on every word, over name, team and people to call', () => {
    expect(names(listView(items, { filter: 'ines', sort: 'activity', kindLabel }).working)).toEqual(['Jira 2']);
    expect(names(listView(items, { filter: 'finance', sort: 'activity', kindLabel }).idle)).toEqual(['Zapier']);
    expect(listView(items, { filter: 'jira nothing', sort: 'activity', kindLabel }).matched).toBe(0);
    expect(listView(items, { filter: '  app  ', sort: 'activity', kindLabel }).matched).toBe(4);
  });

  it('names the integrations nobody can be called about', () => {
    expect(names(nobodyToCall(items))).toEqual(['Jira 10', 'Zapier', 'Automation']);
  });
});
