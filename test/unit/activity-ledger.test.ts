import { describe, expect, it } from 'vitest';
import { eventKey, factsOf, type ActivityEvent, type Fact } from '../../src/activity/facts';
import { ageOut, countsOf, foldIds, windowTotals, type IdSets } from '../../src/activity/ledger';

const issue = (id: string, project = 'OPS', updated = '2026-12-01T10:00:00.000Z') => ({ id, key: `${project}-${id}`, fields: { project: { id: '1', key: project }, created: '2026-12-01T09:00:00.000Z', updated } });

describe('factsOf: Forge Jira event payloads', () => {
  const cases: Array<[string, ActivityEvent, Array<Pick<Fact, 'action' | 'projectKey' | 'issueId'>>]> = [
    ['issue created', { eventType: 'avi:jira:created:issue', atlassianId: 'a', issue: issue('10') }, [{ action: 'created', projectKey: 'OPS', issueId: '10' }]],
    ['field edit', { eventType: 'avi:jira:updated:issue', atlassianId: 'a', issue: issue('10'), changelog: { id: '5', items: [{ field: 'summary', fieldId: 'summary' }] } }, [{ action: 'updated', projectKey: 'OPS', issueId: '10' }]],
    ['status change only', { eventType: 'avi:jira:updated:issue', atlassianId: 'a', issue: issue('10'), changelog: { id: '6', items: [{ field: 'status', fieldId: 'status' }] } }, [{ action: 'transitioned', projectKey: 'OPS', issueId: '10' }]],
    ['status and field in one change', { eventType: 'avi:jira:updated:issue', atlassianId: 'a', issue: issue('10'), changelog: { id: '7', items: [{ fieldId: 'status' }, { fieldId: 'labels' }] } }, [{ action: 'transitioned', projectKey: 'OPS', issueId: '10' }, { action: 'updated', projectKey: 'OPS', issueId: '10' }]],
    ['comment', { eventType: 'avi:jira:commented:issue', atlassianId: 'a', issue: issue('10'), comment: { id: '9', created: '2026-12-01T11:00:00.000Z', updated: '2026-12-01T11:00:00.000Z' } }, [{ action: 'commented', projectKey: 'OPS', issueId: '10' }]],
    ['worklog (no project in the payload)', { eventType: 'avi:jira:created:worklog', atlassianId: 'a', worklog: { id: '3', issueId: '10', updated: '2026-12-01T12:00:00.000Z' } }, [{ action: 'worked', projectKey: null, issueId: '10' }]],
    ['issue deleted: what was done stays done', { eventType: 'avi:jira:deleted:issue', atlassianId: 'a', issue: issue('10') }, []],
    ['no actor', { eventType: 'avi:jira:created:issue', issue: issue('10') }, []],
    ['unknown event', { eventType: 'avi:jira:viewed:issue', atlassianId: 'a', issue: issue('10') }, []],
  ];
  it.each(cases)('%s', (_name, event, expected) => {
    expect(factsOf(event).map(({ action, projectKey, issueId }) => ({ action, projectKey, issueId }))).toEqual(expected);
  });

  it('gives a redelivery the same key and two changes different keys', () => {
    const a: ActivityEvent = { eventType: 'avi:jira:updated:issue', atlassianId: 'a', issue: issue('10'), changelog: { id: '5', items: [] } };
    expect(eventKey(a)).toBe(eventKey(structuredClone(a)));
    expect(eventKey(a)).not.toBe(eventKey({ ...a, changelog: { id: '6', items: [] } }));
    expect(eventKey(a)).toMatch(/^[a-zA-Z0-9:._-]+$/);
  });
});

describe('foldIds: duplicates and order never count twice', () => {
  const f = (issueId: string, action: Fact['action'], at = 1): Fact => ({ accountId: 'a', projectKey: 'OPS', issueId, action, at });
  const facts = [f('1', 'updated', 5), f('1', 'commented', 6), f('2', 'transitioned', 7), f('3', 'worked', 3), f('1', 'created', 2)];
  const fold = (list: Fact[]) => {
    const sets: Record<string, IdSets> = {};
    const lasts: Record<string, number> = {};
    foldIds(sets, lasts, list);
    return countsOf(sets.OPS ?? {}, lasts.OPS ?? 0);
  };
  const expected = { touches: 3, created: 1, updated: 1, transitioned: 1, commented: 1, worked: 1, last: 7 };
  it.each([
    ['in order', facts],
    ['reversed', [...facts].reverse()],
    ['every event twice', [...facts, ...facts]],
    ['duplicates interleaved and reordered', [facts[2], facts[0], facts[2], facts[4], facts[1], facts[3], facts[0]] as Fact[]],
  ])('%s', (_name, list) => {
    expect(fold(list)).toEqual(expected);
  });

  it('folding in two deliveries equals folding at once, and a replay changes nothing', () => {
    const sets: Record<string, IdSets> = {};
    const lasts: Record<string, number> = {};
    expect(foldIds(sets, lasts, facts.slice(0, 2))).toBe(true);
    expect(foldIds(sets, lasts, facts.slice(2))).toBe(true);
    expect(foldIds(sets, lasts, facts)).toBe(false);
    expect(countsOf(sets.OPS ?? {}, lasts.OPS ?? 0)).toEqual(expected);
  });
});

describe('windowTotals and ageOut', () => {
  const cell = (touches: number) => ({ touches, created: 0, updated: touches, transitioned: 0, commented: 0, worked: 0, last: 0 });
  const ledger = () => ({ accountId: 'a', days: { '2026-11-01': { OPS: cell(4) }, '2026-11-20': { OPS: cell(2), WEB: cell(1) }, '2026-12-01': { OPS: cell(1) } } });
  const blocks = { OPS: { ...cell(10), from: '2026-11-03', to: '2026-11-20', measuredAt: '' }, OLD: { ...cell(7), from: '2026-10-01', to: '2026-10-15', measuredAt: '' } };

  it('adds days in the window and blocks that reach into it', () => {
    const totals = windowTotals(ledger(), blocks, '2026-11-05');
    expect(totals.get('OPS')?.touches).toBe(13);
    expect(totals.get('WEB')?.touches).toBe(1);
    expect(totals.has('OLD')).toBe(false);
  });

  it('ages days out past the window', () => {
    const l = ledger();
    expect(ageOut(l, '2026-11-05')).toBe(true);
    expect(Object.keys(l.days)).toEqual(['2026-11-20', '2026-12-01']);
    expect(ageOut(l, '2026-11-05')).toBe(false);
  });
});
