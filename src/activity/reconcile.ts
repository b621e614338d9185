/**
 * Reconciliation: finds what product events missed (Forge does not promise every event) and adds
 * it to the ledger. Count first, read only where a count shows a miss.
 *
 * Why counts can decide: a JQL that matches a superset of what the accounts did (Jira's truth)
 * has at least as many items as the ledger's sets, which hold only what happened; when the two
 * sizes are equal, ledger = truth = JQL for those items. So, per group of accounts and settled
 * day, one approximate count (1 point) of
 *   `issuekey in updatedBy(A1, D, D) OR ... OR (worklogAuthor in (A1, ...) AND worklogDate on D)`
 * is compared with the size of the union of the ledger's work-item sets of those accounts on D.
 * updatedBy() matches exactly the items an account created, edited, moved or commented on that day
 * (the ledger's created, updated, transitioned and commented sets). The worklog clause is a
 * superset (worklogAuthor and worklogDate match per item, not per worklog: an item the account
 * logged on before and anybody logged on that day matches), so a difference can be a false alarm;
 * it is made cheap: the account's updatedBy part is counted alone (exact), and only if that agrees
 * are its worklogs of the week read (the worklog candidates only, not its items' histories); from
 * then on its worklog clause leaves the counts. Accounts with nothing in the ledger on any of the
 * days are counted over the whole period at once (zero expected). Groups hold as many accounts as
 * fit in MAX_JQL_CHARS; a group that differs is halved and each half counted, down to one account.
 *
 * Where a loss shows (an account's exact count differs, or its worklogs held a miss), that
 * account's whole period is read (readHistory: items, comments, changelogs, worklogs) and folded
 * in as sets: misses cluster where delivery failed, and the read also finds the ones counts cannot
 * see. What the count path cannot see, unless the same account shows a loss elsewhere in the week:
 * - a dropped event on an item that the same account touched the same day through another
 *   delivered event (a dropped comment behind an edit, a dropped transition behind a comment...):
 *   the item is in the day's set, so touches are right, but that action's count is one low;
 *   updatedBy() covers edits, comments, creation and transitions alike and JQL has no comment
 *   author, so these cannot be told apart by counting;
 * - a dropped event on an item that another account of the same group touched that day;
 * - in real Jira worklogDate is a worklog's started date, not when it was logged: a worklog
 *   started on another day than it was logged can hide behind, or raise, a day's difference.
 * Counts lag recent changes: only whole settled days are reconciled (the compactor's
 * reconciliationDays). Runs under the compactor's lock (it writes the same documents).
 */
import type { JiraClient } from '../jira/client';
import { approximateCount } from '../jira/search';
import type { Fact } from './facts';
import { quoteJql, readHistory, readWorklogs, updatedByJql, worklogCandidatesJql } from './history-read';
import { dayOf, dayStart, DAY_MS, foldIds, setDayCells, type DayKey } from './ledger';
import { readDayIds, readLedger, writeDayIds, writeLedger, type DayIds } from './store';

/**
 * The longest JQL a reconciliation count sends. Jira documents no limit for the POST body of
 * approximate-count; this keeps a query well inside what Jira's own GET search URLs carry, with
 * about 25 accounts (43-character account ids) to a group-day count.
 */
export const MAX_JQL_CHARS = 4_000;

/**
 * When at least this share of the accounts that acted show a loss, every one of them is read: a
 * dropped event behind another event of the same item and day leaves no trace in any count, and
 * with losses that widespread such misses are expected in the accounts that show none too.
 */
export const LOSSY_SHARE = 0.01;

const nextDay = (d: DayKey) => dayOf(dayStart(d) + DAY_MS);

/** Reconciles one account over whole, consecutive days (oldest first) by reading them; answers whether the ledger changed. */
export async function reconcileAccount(client: JiraClient, accountId: string, days: readonly DayKey[]): Promise<boolean> {
  const first = days[0];
  const last = days.at(-1);
  if (!first || !last) return false;
  const end = nextDay(last);
  const ids = await Promise.all(days.map((d) => readDayIds(accountId, d)));
  const known = ids.some((d) => Object.keys(d.sets).length > 0);
  // Nothing in the ledger and nothing in Jira (a zero over settled days is exact): done for 1 point.
  if (!known && (await approximateCount(client, `${updatedByJql(accountId, first, end)} OR ${worklogCandidatesJql(accountId, first, end)}`)) === 0) return false;
  return foldByDay(accountId, days, ids, (await readHistory(client, accountId, first, end)).facts);
}

/** Folds facts into an account's day documents (`ids[i]` is day `days[i]`'s); answers whether the ledger changed. */
async function foldByDay(accountId: string, days: readonly DayKey[], ids: readonly DayIds[], facts: readonly Fact[]): Promise<boolean> {
  const byDay = new Map<DayKey, Fact[]>();
  for (const f of facts) {
    const day = dayOf(f.at);
    byDay.set(day, [...(byDay.get(day) ?? []), f]);
  }
  const ledger = await readLedger(accountId);
  let changed = false;
  for (const [i, day] of days.entries()) {
    const dayFacts = byDay.get(day);
    const dayIds = ids[i];
    if (!dayFacts || !dayIds || !foldIds(dayIds.sets, dayIds.lasts, dayFacts)) continue;
    await writeDayIds(accountId, day, dayIds);
    setDayCells(ledger, day, dayIds.sets, dayIds.lasts, dayIds.seen);
    changed = true;
  }
  if (changed) await writeLedger(ledger);
  return changed;
}

/** One account as the counts see it: its ledger's items per day, and whether its worklogs of the period are exact already. */
interface Member {
  accountId: string;
  /** Per reconciled day (absent: nothing in the ledger): items it created, edited, moved or commented on, and items it logged work on. */
  items: Map<DayKey, { touched: Set<string>; worked: Set<string> }>;
  worklogsRead: boolean;
}

function itemsOf(ids: DayIds): { touched: Set<string>; worked: Set<string> } {
  const touched = new Set<string>();
  const worked = new Set<string>();
  for (const sets of Object.values(ids.sets)) {
    for (const action of ['created', 'updated', 'transitioned', 'commented'] as const) for (const id of sets[action] ?? []) touched.add(id);
    for (const id of sets.worked ?? []) worked.add(id);
  }
  return { touched, worked };
}

/** What one count covers: accounts over [from, to) (whole days). */
function countJql(members: readonly Member[], from: DayKey, to: DayKey): string {
  const terms = members.map((m) => updatedByJql(m.accountId, from, to));
  const logging = members.filter((m) => !m.worklogsRead).map((m) => quoteJql(m.accountId));
  if (logging.length > 0) terms.push(`(worklogAuthor in (${logging.join(', ')}) AND worklogDate >= ${quoteJql(from)} AND worklogDate < ${quoteJql(to)})`);
  return terms.join(' OR ');
}

/** The size of the union of the ledger's items that countJql covers (the same accounts, days and actions). */
function ledgerSize(members: readonly Member[], days: readonly DayKey[], only: 'touched' | 'all' = 'all'): number {
  const union = new Set<string>();
  for (const m of members) {
    for (const day of days) {
      const items = m.items.get(day);
      if (!items) continue;
      for (const id of items.touched) union.add(id);
      if (only === 'all' && !m.worklogsRead) for (const id of items.worked) union.add(id);
    }
  }
  return union.size;
}

/** Splits accounts into groups whose count JQL stays within MAX_JQL_CHARS (in order). */
function groupsOf(members: readonly Member[], from: DayKey, to: DayKey): Member[][] {
  const groups: Member[][] = [];
  let current: Member[] = [];
  for (const m of members) {
    if (current.length > 0 && countJql([...current, m], from, to).length > MAX_JQL_CHARS) {
      groups.push(current);
      current = [];
    }
    current.push(m);
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

/** What a count-first reconciliation did. */
export interface ReconcileOutcome {
  /** Accounts whose ledger changed. */
  changed: string[];
  /** Accounts whose whole period was read (a loss showed). */
  read: string[];
  /** Accounts whose worklogs alone were read (their worklog clause differed, updatedBy agreed). */
  worklogsRead: string[];
  counts: number;
}

/**
 * Reconciles accounts over whole, consecutive, settled days (oldest first): counts first, reads
 * only the accounts whose counts show a miss (see the module comment).
 */
export async function reconcileByCounts(client: JiraClient, accountIds: readonly string[], days: readonly DayKey[]): Promise<ReconcileOutcome> {
  const outcome: ReconcileOutcome = { changed: [], read: [], worklogsRead: [], counts: 0 };
  const first = days[0];
  const last = days.at(-1);
  if (!first || !last || accountIds.length === 0) return outcome;
  const end = nextDay(last);
  const members: Member[] = [];
  for (const accountId of [...new Set(accountIds)]) {
    const ledger = await readLedger(accountId);
    const items = new Map<DayKey, { touched: Set<string>; worked: Set<string> }>();
    // The ledger's cells say which days hold anything: only those days' work-item sets are read.
    for (const day of days) if (Object.keys(ledger.days[day] ?? {}).length > 0) items.set(day, itemsOf(await readDayIds(accountId, day)));
    members.push({ accountId, items, worklogsRead: false });
  }
  const loss = new Set<string>();
  const count = async (jql: string) => {
    outcome.counts++;
    return approximateCount(client, jql);
  };

  /** Counts a group over [from, to); halves it where it differs; one account that differs is checked alone. */
  const check = async (group: readonly Member[], from: DayKey, to: DayKey, span: readonly DayKey[]): Promise<void> => {
    const live = group.filter((m) => !loss.has(m.accountId));
    if (live.length === 0) return;
    if ((await count(countJql(live, from, to))) === ledgerSize(live, span)) return;
    if (live.length > 1) {
      const half = Math.ceil(live.length / 2);
      await Promise.all([check(live.slice(0, half), from, to, span), check(live.slice(half), from, to, span)]);
      return;
    }
    const m = live[0] as Member;
    // updatedBy alone is exact: a difference there is a loss.
    if (m.worklogsRead || (await count(updatedByJql(m.accountId, from, to))) !== ledgerSize([m], span, 'touched')) {
      loss.add(m.accountId);
      return;
    }
    // Only the worklog clause differed (a superset): the account's worklogs of the period decide.
    m.worklogsRead = true;
    outcome.worklogsRead.push(m.accountId);
    const ids = await Promise.all(days.map((d) => readDayIds(m.accountId, d)));
    const worked = await readWorklogs(client, m.accountId, first, end, worklogCandidatesJql(m.accountId, first, end));
    if (await foldByDay(m.accountId, days, ids, worked.facts)) {
      // A dropped worklog: a loss (the rest of its week is read too).
      outcome.changed.push(m.accountId);
      loss.add(m.accountId);
    }
  };

  // Accounts the ledger shows nothing for on any day: the whole period at once, zero expected.
  const silent = members.filter((m) => m.items.size === 0);
  for (const group of groupsOf(silent, first, end)) await check(group, first, end, days);
  const active = members.filter((m) => m.items.size > 0);
  for (const day of days) {
    for (const group of groupsOf(active.filter((m) => !loss.has(m.accountId)), day, nextDay(day))) await check(group, day, nextDay(day), [day]);
  }
  // Delivery failing broadly: the misses counts cannot see are then spread over every account that acted.
  if (loss.size > 0 && loss.size >= LOSSY_SHARE * active.length) for (const m of active) loss.add(m.accountId);
  for (const accountId of loss) {
    outcome.read.push(accountId);
    const ids = await Promise.all(days.map((d) => readDayIds(accountId, d)));
    if ((await foldByDay(accountId, days, ids, (await readHistory(client, accountId, first, end)).facts)) && !outcome.changed.includes(accountId)) outcome.changed.push(accountId);
  }
  if (process.env.RECON_DEBUG) console.error('[recon]', JSON.stringify({ ...outcome, silent: silent.length, active: active.length }));
  return outcome;
}

/** What the account did on one day, as Jira's history shows it. */
export async function readDay(client: JiraClient, accountId: string, day: DayKey): Promise<Fact[]> {
  return (await readHistory(client, accountId, day, nextDay(day))).facts;
}
