import { describe, expect, it } from 'vitest';
import { inProjects, ofType, touchedBy, windowOf } from '../../src/scan/jql';
import { dayOf } from '../../src/activity/ledger';
import { activityWindow } from '../../src/scan/snapshot-store';
import { drillJql, issueSearchPath, jqlQuote, type DrillAction } from '../../static/src/jira/drilldown';
import { adminPageUrl, identityPath, profilePath } from '../../static/src/routes/admin-link';

describe('drill-down JQL', () => {
  const window = windowOf(90, '2026-03-10T09:00:00Z');

  it("starts the window on the ledger's first day, the scanner's for a scan started now", () => {
    const now = Date.parse('2026-03-10T09:00:00Z');
    expect(activityWindow(90, now)).toEqual({ from: window.from, days: 90 });
    expect(activityWindow(90, now).from).toBe(dayOf(now - 90 * 86_400_000));
  });

  it.each([
    ['touched', touchedBy('712020:abc', window)],
    ['created', ofType('created', '712020:abc', window)],
    ['transitioned', ofType('transitions', '712020:abc', window)],
    ['worklogs', ofType('worklogs', '712020:abc', window)],
  ] as Array<[DrillAction, string]>)('%s: the scanner own query, in one project or all', (action, scanJql) => {
    const from = window.from;
    expect(drillJql({ accountId: '712020:abc', projectKey: 'AND', action, from })).toBe(inProjects(scanJql, ['AND']));
    expect(drillJql({ accountId: '712020:abc', projectKey: null, action, from })).toBe(inProjects(scanJql, null));
  });

  it('quotes every value, so no id or key can change the query', () => {
    expect(jqlQuote('a"b\\c')).toBe('"a\\"b\\\\c"');
    const jql = drillJql({ accountId: 'x") OR project = "SECRET', projectKey: 'AND" OR "1"="1', action: 'created', from: '2026-01-01' });
    expect(jql).toBe('project = "AND\\" OR \\"1\\"=\\"1" AND ((creator = "x\\") OR project = \\"SECRET" AND created >= "2026-01-01"))');
    expect(issueSearchPath(jql)).toBe(`/issues/?jql=${encodeURIComponent(jql)}`);
    expect(decodeURIComponent(issueSearchPath(jql).slice('/issues/?jql='.length))).toBe(jql);
  });
});

describe('links to other pages', () => {
  it("builds the admin page's Forge URL from the module's localId", () => {
    const app = { localId: 'ari:cloud:ecosystem::extension/0f3c1b2a-1111-2222-3333-444455556666/7e1d-env/static/project-page', environmentId: '7e1d-env' };
    expect(adminPageUrl(app, identityPath('712020:abc'))).toBe('/jira/settings/apps/0f3c1b2a-1111-2222-3333-444455556666/7e1d-env/identities/712020%3Aabc');
    expect(adminPageUrl({ localId: 'ari:cloud:ecosystem::extension/local/project-page', environmentId: 'local-development' }, '/')).toBe('/jira/settings/apps/local/local-development/');
    expect(identityPath('a/b?c', 'projects')).toBe('/identities/a%2Fb%3Fc?tab=projects');
    expect(profilePath('712020:abc')).toBe('/jira/people/712020%3Aabc');
  });
});
