/**
 * Reconciliation: finds what product events missed (Forge does not promise every event) and adds
 * it to the ledger, hierarchically so that it stays cheap:
 * 1. per account and week, two counts (work items it touched; work items it logged work on) against
 *    the ledger's sets for those days: equal means done (2 points);
 * 2. where they differ, the same two counts per day;
 * 3. for a day that differs, the day is read from Jira (its issues, their changelogs, comments and
 *    worklogs by that account) and folded in as facts: sets make anything already counted harmless.
 * Runs under the compactor's lock (it writes the same documents).
 */
import type { JiraClient } from '../jira/client';
import { changesOf, worklogsOf } from '../jira/activity-reads';
import { approximateCount, searchIssuesPage } from '../jira/search';
import type { Action, Fact } from './facts';
import { dayOf, dayStart, DAY_MS, foldIds, setDayCells, type DayKey } from './ledger';
import { readDayIds, readLedger, writeDayIds, writeLedger, type DayIds } from './store';

const quote = (v: string) => `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`;
const nextDay = (d: DayKey) => dayOf(dayStart(d) + DAY_MS);

function union(ids: readonly DayIds[], worked: boolean): Set<string> {
  const out = new Set<string>();
  for (const day of ids) {
    for (const sets of Object.values(day.sets)) {
      for (const [action, list] of Object.entries(sets) as Array<[Action, string[]]>) if ((action === 'worked') === worked) for (const id of list) out.add(id);
    }
  }
  return out;
}

const touchedJql = (accountId: string, from: DayKey, to: DayKey) => `issuekey in updatedBy(${quote(accountId)}, ${quote(from)}, ${quote(to)})`;
const workedJql = (accountId: string, from: DayKey, toExclusive: DayKey) => `worklogAuthor = ${quote(accountId)} AND worklogDate >= ${quote(from)} AND worklogDate < ${quote(toExclusive)}`;

/** Reconciles one account over whole days (oldest first); answers whether the ledger changed. */
export async function reconcileAccount(client: JiraClient, accountId: string, days: readonly DayKey[]): Promise<boolean> {
  const first = days[0];
  const last = days.at(-1);
  if (!first || !last) return false;
  const ids = await Promise.all(days.map((d) => readDayIds(accountId, d)));
  const [touched, worked] = await Promise.all([approximateCount(client, touchedJql(accountId, first, last)), approximateCount(client, workedJql(accountId, first, nextDay(last)))]);
  const suspects = new Set<number>();
  const touchedOff = touched !== union(ids, false).size;
  const workedOff = worked !== union(ids, true).size;
  if (touchedOff || workedOff) {
    await Promise.all(
      days.map(async (d, i) => {
        const own = ids[i] ?? { sets: {}, lasts: {}, seen: {} };
        if (touchedOff && (await approximateCount(client, touchedJql(accountId, d, d))) !== union([own], false).size) suspects.add(i);
        if (workedOff && (await approximateCount(client, workedJql(accountId, d, nextDay(d)))) !== union([own], true).size) suspects.add(i);
      }),
    );
  }
  if (suspects.size === 0) return false;
  const ledger = await readLedger(accountId);
  let changed = false;
  for (const i of [...suspects].sort((a, b) => a - b)) {
    const day = days[i] as DayKey;
    const dayIds = ids[i] ?? { sets: {}, lasts: {}, seen: {} };
    if (!foldIds(dayIds.sets, dayIds.lasts, await readDay(client, accountId, day))) continue;
    await writeDayIds(accountId, day, dayIds);
    setDayCells(ledger, day, dayIds.sets, dayIds.lasts, dayIds.seen);
    changed = true;
  }
  if (changed) await writeLedger(ledger);
  return changed;
}

const CommentList = (v: unknown) =>
  ((v as { comments?: Array<{ author?: { accountId?: string }; updateAuthor?: { accountId?: string }; created?: string; updated?: string }> } | undefined)?.comments ?? []);

/** What the account did on one day, as Jira's history shows it. */
export async function readDay(client: JiraClient, accountId: string, day: DayKey): Promise<Fact[]> {
  const facts: Fact[] = [];
  const on = (t: number) => Number.isFinite(t) && dayOf(t) === day;
  const projectOf = new Map<string, string>();
  let token: string | undefined;
  do {
    const page = await searchIssuesPage(client, touchedJql(accountId, day, day), ['project', 'created', 'creator', 'comment'], token, 100);
    for (const issue of page.issues) {
      const f = issue.fields as { project?: { key?: string }; created?: string; creator?: { accountId?: string }; comment?: unknown };
      const projectKey = f.project?.key;
      if (!projectKey) continue;
      projectOf.set(issue.id, projectKey);
      const created = Date.parse(f.created ?? '');
      if (f.creator?.accountId === accountId && on(created)) facts.push({ accountId, projectKey, issueId: issue.id, action: 'created', at: created });
      for (const c of CommentList(f.comment)) {
        const edited = Date.parse(c.updated ?? '');
        const made = Date.parse(c.created ?? '');
        if (c.updateAuthor?.accountId === accountId && on(edited)) facts.push({ accountId, projectKey, issueId: issue.id, action: 'commented', at: edited });
        else if (c.author?.accountId === accountId && on(made)) facts.push({ accountId, projectKey, issueId: issue.id, action: 'commented', at: made });
      }
    }
    token = page.nextPageToken ?? undefined;
  } while (token);
  const ids = [...projectOf.keys()];
  for (let i = 0; i < ids.length; i += 1000) {
    for (const change of await changesOf(client, ids.slice(i, i + 1000))) {
      const projectKey = projectOf.get(change.issueId);
      if (!projectKey || change.accountId !== accountId || !on(change.at)) continue;
      if (change.status) facts.push({ accountId, projectKey, issueId: change.issueId, action: 'transitioned', at: change.at });
      if (change.other) facts.push({ accountId, projectKey, issueId: change.issueId, action: 'updated', at: change.at });
    }
  }
  token = undefined;
  do {
    const page = await searchIssuesPage(client, workedJql(accountId, day, nextDay(day)), ['project'], token, 100);
    for (const issue of page.issues) {
      const projectKey = (issue.fields as { project?: { key?: string } }).project?.key;
      if (!projectKey) continue;
      for (const w of await worklogsOf(client, issue.id)) if (w.accountId === accountId && on(w.at)) facts.push({ accountId, projectKey, issueId: issue.id, action: 'worked', at: w.at });
    }
    token = page.nextPageToken ?? undefined;
  } while (token);
  return facts;
}
