/**
 * Reading what one account did over a period from Jira's history, exactly: the work items it
 * touched (updatedBy), their changelogs and comments, and the worklogs on items where it may have
 * logged work. Used where counts cannot be trusted or are not enough: a day reconciliation finds
 * off, the recent tail of a backfill (approximate counts lag), and accounts with few items.
 *
 * Jira's `worklogAuthor = X AND worklogDate >= d` matches an item on which X logged work at any time
 * and anybody logged work after d (the clauses match independently), so worklog candidates are
 * checked against their worklogs.
 */
import type { JiraClient } from '../jira/client';
import { changesOf, worklogsOf } from '../jira/activity-reads';
import { searchIssuesPage } from '../jira/search';
import type { Fact } from './facts';
import { dayStart, DAY_MS, type DayKey } from './ledger';

export const quoteJql = (v: string) => `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`;

/** The last day of a period that ends (exclusive) on `toDay`: updatedBy's dateTo is inclusive. */
export function lastDayBefore(toDay: DayKey): DayKey {
  return new Date(dayStart(toDay) - DAY_MS).toISOString().slice(0, 10);
}

/** Items the account created, edited, moved or commented on in [fromDay, toDay) (null: up to now). */
export function updatedByJql(accountId: string, fromDay: DayKey, toDay: DayKey | null): string {
  return `issuekey in updatedBy(${quoteJql(accountId)}, ${quoteJql(fromDay)}${toDay === null ? '' : `, ${quoteJql(lastDayBefore(toDay))}`})`;
}

/** Candidates for work the account logged in [fromDay, toDay): a superset (see above). */
export function worklogCandidatesJql(accountId: string, fromDay: DayKey, toDay: DayKey | null): string {
  return `(worklogAuthor = ${quoteJql(accountId)} AND worklogDate >= ${quoteJql(fromDay)}${toDay === null ? '' : ` AND worklogDate < ${quoteJql(toDay)}`})`;
}

/** Restricts a JQL to some projects (null: every project the app can browse). */
export function inProjectsJql(jql: string, projectKeys: readonly string[] | null): string {
  if (projectKeys === null) return jql;
  const list = projectKeys.length === 1 ? `project = ${quoteJql(projectKeys[0] ?? '')}` : `project in (${projectKeys.map(quoteJql).join(', ')})`;
  return `${list} AND (${jql})`;
}

type CommentField = { comments?: Array<{ author?: { accountId?: string }; updateAuthor?: { accountId?: string }; created?: string; updated?: string }> };

/** What one account did over a period: facts per action, and every item it touched with its project. */
export interface History {
  facts: Fact[];
  /** Item id -> project key: updatedBy's items and the items it surely logged work on. */
  touched: Map<string, string>;
  /** Every worklog candidate the search answered (exactly the items of worklogCandidatesJql). */
  worklogCandidates: string[];
}

/**
 * Everything the account did in [fromDay, toDay) (null: up to now) within `projectKeys` (null:
 * every project the app can browse). Costs about 2 points per item touched plus 3 per worklog
 * candidate.
 */
export async function readHistory(client: JiraClient, accountId: string, fromDay: DayKey, toDay: DayKey | null, projectKeys: readonly string[] | null = null): Promise<History> {
  const fromMs = dayStart(fromDay);
  const toMs = toDay === null ? Number.POSITIVE_INFINITY : dayStart(toDay);
  const inPeriod = (t: number) => Number.isFinite(t) && t >= fromMs && t < toMs;
  const facts: Fact[] = [];
  const projectOf = new Map<string, string>();
  let token: string | undefined;
  do {
    const page = await searchIssuesPage(client, inProjectsJql(updatedByJql(accountId, fromDay, toDay), projectKeys), ['project', 'created', 'creator', 'comment'], token, 100);
    for (const issue of page.issues) {
      const f = issue.fields as { project?: { key?: string }; created?: string; creator?: { accountId?: string }; comment?: CommentField };
      const projectKey = f.project?.key;
      if (!projectKey) continue;
      projectOf.set(issue.id, projectKey);
      const created = Date.parse(f.created ?? '');
      if (f.creator?.accountId === accountId && inPeriod(created)) facts.push({ accountId, projectKey, issueId: issue.id, action: 'created', at: created });
      for (const c of f.comment?.comments ?? []) {
        const edited = Date.parse(c.updated ?? '');
        const made = Date.parse(c.created ?? '');
        if (c.updateAuthor?.accountId === accountId && inPeriod(edited)) facts.push({ accountId, projectKey, issueId: issue.id, action: 'commented', at: edited });
        else if (c.author?.accountId === accountId && inPeriod(made)) facts.push({ accountId, projectKey, issueId: issue.id, action: 'commented', at: made });
      }
    }
    token = page.nextPageToken ?? undefined;
  } while (token);
  const ids = [...projectOf.keys()];
  for (let i = 0; i < ids.length; i += 1000) {
    for (const change of await changesOf(client, ids.slice(i, i + 1000))) {
      const projectKey = projectOf.get(change.issueId);
      if (!projectKey || change.accountId !== accountId || !inPeriod(change.at)) continue;
      if (change.status) facts.push({ accountId, projectKey, issueId: change.issueId, action: 'transitioned', at: change.at });
      if (change.other) facts.push({ accountId, projectKey, issueId: change.issueId, action: 'updated', at: change.at });
    }
  }
  const worked = await readWorklogs(client, accountId, fromDay, toDay, inProjectsJql(worklogCandidatesJql(accountId, fromDay, toDay), projectKeys));
  facts.push(...worked.facts);
  for (const f of worked.facts) if (f.projectKey !== null) projectOf.set(f.issueId, f.projectKey);
  return { facts, touched: projectOf, worklogCandidates: worked.candidates };
}

type WorklogField = { total?: number; worklogs?: Array<{ author?: { accountId?: string }; updateAuthor?: { accountId?: string }; created?: string; updated?: string }> };

/** The worklogs (who, when logged) of every item a JQL names, with its project. */
export interface ItemWorklogs {
  issueId: string;
  projectKey: string | null;
  worklogs: Array<{ accountId: string | null; at: number }>;
}

/**
 * The worklogs of the items a JQL names: those the search answers with (Jira's worklog field
 * holds the first 20), and an item's full list only when it has more. About 1 point per item.
 */
export async function worklogsOfItems(client: JiraClient, jql: string): Promise<ItemWorklogs[]> {
  const out: ItemWorklogs[] = [];
  let token: string | undefined;
  do {
    const page = await searchIssuesPage(client, jql, ['project', 'worklog'], token, 100);
    for (const issue of page.issues) {
      const f = issue.fields as { project?: { key?: string }; worklog?: WorklogField };
      const shown = f.worklog?.worklogs ?? [];
      const worklogs =
        f.worklog && (f.worklog.total ?? Number.POSITIVE_INFINITY) <= shown.length
          ? shown.map((w) => ({ accountId: w.updateAuthor?.accountId ?? w.author?.accountId ?? null, at: Date.parse(w.updated ?? w.created ?? '') }))
          : await worklogsOf(client, issue.id);
      out.push({ issueId: issue.id, projectKey: f.project?.key ?? null, worklogs });
    }
    token = page.nextPageToken ?? undefined;
  } while (token);
  return out;
}

/** Work the account logged in [fromDay, toDay) on the items a JQL names (candidates), checked against their worklogs. */
export async function readWorklogs(client: JiraClient, accountId: string, fromDay: DayKey, toDay: DayKey | null, candidatesJql: string): Promise<{ facts: Fact[]; candidates: string[] }> {
  const fromMs = dayStart(fromDay);
  const toMs = toDay === null ? Number.POSITIVE_INFINITY : dayStart(toDay);
  const facts: Fact[] = [];
  const items = await worklogsOfItems(client, candidatesJql);
  for (const { issueId, projectKey, worklogs } of items) {
    if (!projectKey) continue;
    for (const w of worklogs) {
      if (w.accountId === accountId && Number.isFinite(w.at) && w.at >= fromMs && w.at < toMs) facts.push({ accountId, projectKey, issueId, action: 'worked', at: w.at });
    }
  }
  return { facts, candidates: items.map((i) => i.issueId) };
}
