import { describe, expect, it } from 'vitest';
import { parseJql } from '../../dev/sim/jql/parser.js';
import { APP, asUser, call, demoSite, type Json } from '../contract/sim-helpers.js';

const NOW = Date.UTC(2026, 5, 1, 12);
const site = demoSite({ now: () => NOW });
const [, adminA, adminB, plain] = site.personas();
const A = adminA!.projects[0]!;
const B = adminB!.projects[0]!;
const DAY = 86_400_000;

async function keys(jql: string, caller = APP): Promise<string[]> {
  const out: string[] = [];
  let token: string | undefined;
  for (;;) {
    const r = await call(site, 'POST', '/rest/api/3/search/jql', { caller, body: { jql, fields: ['key'], maxResults: 5000, ...(token ? { nextPageToken: token } : {}) } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    out.push(...(r.json.issues as Json[]).map((i) => i.key as string));
    if (r.json.isLast) return out;
    token = r.json.nextPageToken as string;
  }
}

async function count(jql: string, caller = APP): Promise<number> {
  const r = await call(site, 'POST', '/rest/api/3/search/approximate-count', { caller, body: { jql } });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.json.count as number;
}

async function error(jql: string): Promise<string> {
  const r = await call(site, 'POST', '/rest/api/3/search/jql', { body: { jql } });
  expect(r.status).toBe(400);
  return (r.json.errorMessages as string[])[0] ?? '';
}

/** The busiest integration: has activity in the last 90 days. */
const busy = site.truth
  .integrationAccountIds()
  .map((id) => ({ id, n: site.truth.issuesTouchedBy(id, { sinceMs: NOW - 90 * DAY }).length }))
  .sort((a, b) => b.n - a.n)[0]!;

describe('JQL parser', () => {
  it('parses clauses, functions, history and ORDER BY', () => {
    const q = parseJql('project in (A, "B") AND issuekey IN updatedBy("x", "-90d") OR NOT status CHANGED BY x AFTER -30d ORDER BY created DESC, key');
    expect(q.where?.type).toBe('or');
    expect(q.orderBy).toEqual([
      { field: 'created', direction: 'desc' },
      { field: 'key', direction: 'asc' },
    ]);
    expect(parseJql('ORDER BY key').where).toBeNull();
  });

  it('reports syntax errors with a position, Jira style', async () => {
    expect(await error('project = ')).toMatch(/^Error in the JQL Query: .*\(line 1, character \d+\)$/);
    expect(await error('project foo A')).toMatch(/Expecting operator/);
    expect(await error('(project = A')).toMatch(/Expecting '\)'/);
    expect(await error('project = "A')).toMatch(/has not been completed/);
  });

  it('reports unknown fields, values and functions', async () => {
    expect(await error('nosuchfield = 1')).toMatch(/does not exist/);
    expect(await error('project = NOPE')).toMatch(/The value 'NOPE' does not exist for the field 'project'/);
    expect(await error('issuekey in nosuch("x")')).toMatch(/Unable to find JQL function/);
    expect(await error('updated >= "yesterday"')).toMatch(/is invalid/);
  });

  it('refuses unbounded queries', async () => {
    expect(await error('ORDER BY key DESC')).toMatch(/Unbounded JQL/);
    expect(await error('')).toMatch(/Unbounded JQL/);
  });
});

describe('JQL evaluation', () => {
  it('project = and project in', async () => {
    const a = await count(`project = ${A}`);
    const b = await count(`project = ${B}`);
    expect(a).toBeGreaterThan(0);
    expect(await count(`project in (${A}, ${B})`)).toBe(a + b);
    expect(await count(`project = ${A} OR project = ${B}`)).toBe(a + b);
    expect(await count(`project in (${A}, ${B}) AND NOT project = ${B}`)).toBe(a);
    expect(await count(`project != ${A} AND project in (${A}, ${B})`)).toBe(b);
  });

  it('updatedBy matches the ground truth, with relative and absolute dates', async () => {
    const truth = site.truth.issuesTouchedBy(busy.id, { sinceMs: NOW - 90 * DAY });
    expect(truth.length).toBeGreaterThan(0);
    expect((await keys(`issuekey in updatedBy("${busy.id}", "-90d")`)).sort()).toEqual(truth);
    expect(await count(`issuekey IN updatedBy("${busy.id}", "-12w6d")`)).toBe(truth.length);
    const from = new Date(NOW - 90 * DAY).toISOString().slice(0, 10);
    const fromSlash = from.replaceAll('-', '/');
    const dayStart = Date.parse(from);
    const expected = site.truth.issuesTouchedBy(busy.id, { sinceMs: dayStart }).length;
    expect(await count(`issuekey in updatedBy("${busy.id}", "${from}")`)).toBe(expected);
    expect(await count(`issuekey in updatedBy("${busy.id}", "${fromSlash}", "2099-01-01")`)).toBe(expected);
    expect(await count(`issuekey in updatedBy("${busy.id}")`)).toBe(site.truth.issuesTouchedBy(busy.id, { sinceMs: 0 }).length);
  });

  it('updatedBy combines with project sets', async () => {
    const truth = site.truth.issuesTouchedBy(busy.id, { sinceMs: NOW - 90 * DAY });
    const project = truth[0]!.split('-')[0]!;
    const inProject = truth.filter((k) => k.startsWith(`${project}-`)).length;
    expect(await count(`project = ${project} AND issuekey in updatedBy("${busy.id}", "-90d")`)).toBe(inProject);
    expect(await count(`project in (${project}, ${A}) AND issuekey in updatedBy("${busy.id}", "-90d")`)).toBe(
      truth.filter((k) => k.startsWith(`${project}-`) || k.startsWith(`${A}-`)).length,
    );
  });

  it('creator, reporter, assignee, worklogAuthor, key', async () => {
    const issue = (await call(site, 'GET', `/rest/api/3/issue/${A}-1`, { query: { fields: 'creator,reporter,assignee' } })).json.fields as Json;
    const creator = (issue.creator as Json).accountId as string;
    const mine = await keys(`creator = "${creator}" AND project = ${A}`);
    expect(mine).toContain(`${A}-1`);
    expect(await count(`reporter = "${(issue.reporter as Json).accountId as string}" AND project = ${A}`)).toBeGreaterThan(0);
    expect(await count(`assignee is EMPTY AND project = ${A}`)).toBeGreaterThanOrEqual(0);
    expect(await keys(`key = ${A}-1`)).toEqual([`${A}-1`]);
    expect((await keys(`issuekey in (${A}-2, ${A}-1) ORDER BY key`))).toEqual([`${A}-1`, `${A}-2`]);
    const everyone = (await call(site, 'GET', '/rest/api/3/users/search', { query: { maxResults: '1000' } })).body as Json[];
    const tempo = everyone.find((u) => u.displayName === 'Tempo Timesheets')!.accountId as string;
    const logged = await keys(`worklogAuthor = "${tempo}"`);
    expect(logged.length).toBeGreaterThan(0);
    const worklogs = (await call(site, 'GET', `/rest/api/3/issue/${logged[0]}/worklog`)).json.worklogs as Json[];
    expect(worklogs.some((w) => (w.author as Json).accountId === tempo)).toBe(true);
  });

  it('worklogDate = a day matches a worklog on that day; two range clauses match per item, each on its own', async () => {
    const everyone = (await call(site, 'GET', '/rest/api/3/users/search', { query: { maxResults: '1000' } })).body as Json[];
    const tempo = everyone.find((u) => u.displayName === 'Tempo Timesheets')!.accountId as string;
    const [issueKey] = await keys(`worklogAuthor = "${tempo}"`);
    const worklogs = (await call(site, 'GET', `/rest/api/3/issue/${issueKey}/worklog`)).json.worklogs as Json[];
    // The day it was logged (the simulated site's worklogDate).
    const days = [...new Set(worklogs.map((w) => String(w.created).slice(0, 10)))].sort();
    const day = days[0]!;
    expect(await keys(`issuekey = ${issueKey} AND worklogDate = "${day}"`)).toEqual([issueKey]);
    const quiet = new Date(Date.parse(`${day}T00:00:00Z`) - DAY).toISOString().slice(0, 10);
    if (!days.includes(quiet)) expect(await keys(`issuekey = ${issueKey} AND worklogDate = "${quiet}"`)).toEqual([]);
    // `>= d AND < d+1` matches an item with one worklog before d and another after it, on no day between.
    if (days.length >= 2) {
      const between = new Date(Date.parse(`${days[0]}T00:00:00Z`) + DAY).toISOString().slice(0, 10);
      const next = new Date(Date.parse(`${between}T00:00:00Z`) + DAY).toISOString().slice(0, 10);
      if (days[1]! >= next && !days.includes(between)) expect(await keys(`issuekey = ${issueKey} AND worklogDate >= "${between}" AND worklogDate < "${next}"`)).toEqual([issueKey]);
    }
  });

  it('created/updated comparisons with relative and absolute dates', async () => {
    const all = await count(`project = ${A}`);
    const recent = await count(`project = ${A} AND updated >= -30d`);
    const older = await count(`project = ${A} AND updated < -30d`);
    expect(recent + older).toBe(all);
    const y = new Date(NOW - 365 * DAY).toISOString().slice(0, 10);
    expect((await count(`project = ${A} AND created > "${y}"`)) + (await count(`project = ${A} AND created <= "${y}"`))).toBe(all);
  });

  it('status CHANGED BY … AFTER …', async () => {
    const n = await count(`status CHANGED BY "${busy.id}" AFTER "-90d"`);
    const all = await count(`status CHANGED BY "${busy.id}"`);
    expect(all).toBeGreaterThanOrEqual(n);
    expect(await count(`status CHANGED AFTER -3650d`)).toBeGreaterThan(0);
  });

  it('limits results to what the caller can browse', async () => {
    const hidden = ((await call(site, 'GET', '/rest/api/3/project/search', { query: { maxResults: '100' } })).json.values as Json[]).find((p) => p.isPrivate)!;
    const key = hidden.key as string;
    expect(await count(`project = ${key}`)).toBeGreaterThan(0);
    // Naming a project the caller cannot browse is refused as if it did not exist (Jira's 400).
    const refused = await call(site, 'POST', '/rest/api/3/search/approximate-count', { caller: asUser(plain!.accountId), body: { jql: `project = ${key}` } });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain(`The value '${key}' does not exist for the field 'project'.`);
  });

  it('models a project the app can list but not browse, and approximate counts that lag recent changes', async () => {
    const projects = (await call(site, 'GET', '/rest/api/3/project/search', { query: { maxResults: '100' } })).json.values as Json[];
    const key = projects[1]!.key as string;
    const before = await count(`project = ${key}`);
    site.mutate.setProjectBrowsableByApp({ projectKey: key, browsable: false });
    try {
      const listed = (await call(site, 'GET', '/rest/api/3/project/search', { query: { maxResults: '100' } })).json.values as Json[];
      expect(listed.map((p) => p.key)).toContain(key);
      expect(await error(`project in (${A}, ${key})`)).toContain(`The value '${key}' does not exist for the field 'project'.`);
      // Searches that do not name it skip its issues.
      expect(await count(`issuekey in updatedBy("${busy.id}", "-90d")`)).toBe(site.truth.issuesTouchedBy(busy.id, { sinceMs: NOW - 90 * DAY }).filter((k) => !k.startsWith(`${key}-`)).length);
    } finally {
      site.mutate.setProjectBrowsableByApp({ projectKey: key, browsable: true });
    }
    expect(await count(`project = ${key}`)).toBe(before);

    // A change made now: searches see it at once, approximate counts only once the lag has passed.
    const lately = new Set(site.truth.issuesTouchedBy(busy.id, { sinceMs: NOW - 2 * DAY }));
    const issueKey = site.truth.issuesTouchedBy(busy.id, { sinceMs: 0 }).find((k) => !lately.has(k));
    const jql = `issuekey in updatedBy("${busy.id}", "-1d")`;
    const counted = await count(jql);
    site.mutate.setCountLag({ ms: 10 * 60_000 });
    try {
      site.mutate.addEvent({ issueKey: issueKey!, accountId: busy.id, kind: 'field' });
      const found = await call(site, 'POST', '/rest/api/3/search/jql', { body: { jql, fields: ['id'], maxResults: 5000 } });
      expect((found.json.issues as Json[]).length).toBe(counted + 1);
      expect(await count(jql)).toBe(counted);
    } finally {
      site.mutate.setCountLag({ ms: 0 });
    }
    expect(await count(jql)).toBe(counted + 1);
  });

  it('ORDER BY created DESC orders by creation time', async () => {
    const r = await call(site, 'POST', '/rest/api/3/search/jql', { body: { jql: `project = ${A} ORDER BY created DESC`, fields: ['created'], maxResults: 50 } });
    const created = (r.json.issues as Json[]).map((i) => Date.parse(((i.fields as Json).created as string).replace('+0000', 'Z')));
    expect(created).toEqual([...created].sort((a, b) => b - a));
  });
});

describe('search/jql paging', () => {
  it('pages by token to the end without repeating an issue', async () => {
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    for (;;) {
      const r = await call(site, 'POST', '/rest/api/3/search/jql', { body: { jql: `project in (${A}, ${B}) ORDER BY updated DESC`, fields: ['key', 'summary'], maxResults: 1000, ...(token ? { nextPageToken: token } : {}) } });
      const issues = r.json.issues as Json[];
      expect(issues.length).toBeLessThanOrEqual(100);
      seen.push(...issues.map((i) => i.key as string));
      pages++;
      if (r.json.isLast) {
        expect(r.json.nextPageToken).toBeUndefined();
        break;
      }
      token = r.json.nextPageToken as string;
    }
    expect(pages).toBeGreaterThan(1);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(await count(`project in (${A}, ${B})`));
  });

  it('serves up to 5000 a page when only id/key are asked for', async () => {
    const light = await call(site, 'POST', '/rest/api/3/search/jql', { body: { jql: 'created >= -1000d', fields: ['id'], maxResults: 5000 } });
    expect((light.json.issues as Json[]).length).toBeGreaterThan(100);
    const heavy = await call(site, 'POST', '/rest/api/3/search/jql', { body: { jql: 'created >= -1000d', fields: ['summary'], maxResults: 5000 } });
    expect((heavy.json.issues as Json[]).length).toBe(100);
  });

  it('rejects a token from another query', async () => {
    const r = await call(site, 'POST', '/rest/api/3/search/jql', { body: { jql: `project = ${A}`, maxResults: 1 } });
    const bad = await call(site, 'POST', '/rest/api/3/search/jql', { body: { jql: `project = ${B}`, nextPageToken: r.json.nextPageToken } });
    expect(bad.status).toBe(400);
  });
});
