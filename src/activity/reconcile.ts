/**
 * Reconciliation: finds what product events missed (Forge does not promise every event) and adds
 * it to the ledger. Count first, read only where a count shows a miss.
 *
 * Why counts can decide: a JQL that matches a superset of what the accounts did (Jira's truth)
 * has at least as many items as the ledger's sets, which hold only what happened; when the two
 * sizes are equal, ledger = truth = JQL for those items. So, per group of accounts and settled
 * day D, one approximate count (1 point) of
 *   `issuekey in updatedBy(A1, D, D) OR ... OR (worklogAuthor in (A1, ...) AND worklogDate = D)`
 * is compared with the size of the union of the ledger's work-item sets of those accounts on D.
 * Each day's groups hold the accounts that acted that day, as many as fit in MAX_JQL_CHARS (about
 * 25); every account's other days (nothing in the ledger) are counted after, many accounts to a
 * count (`updatedBy(A, from, to)` per run of quiet days, and one worklog clause over every day for
 * the group, whose expected items are the group's worked items of the week).
 * - updatedBy() matches exactly the items an account created, edited, moved or commented on that
 *   day (the ledger's created, updated, transitioned and commented sets). Where a group differs,
 *   its updatedBy part is counted alone and halved down to the accounts whose count differs.
 * - The worklog clause is a superset: worklogAuthor and worklogDate match per item, not per
 *   worklog, so an item the account logged work on at any time and anybody logged on that day
 *   matches. Where a difference is left, the clause's items beyond the ledger's
 *   (`... AND issuekey not in (ledger's items)`: exactly the difference) are searched with their
 *   worklogs (1 point per item): false alarms cost their items, and a worklog by the group's
 *   account that day which the ledger lacks is a loss.
 *
 * Where a loss shows, that account's whole period is read (readHistory: items, comments,
 * changelogs, worklogs) and folded in as sets: misses cluster where delivery failed, and the read
 * also finds the ones counts cannot see. When losses show in many accounts (LOSSY_SHARE of those
 * that acted, at least LOSSY_MIN_ACCOUNTS), delivery was failing broadly and every account that
 * acted is read, as before counts were used. What the count path cannot see otherwise:
 * - a dropped event on an item that the same account touched the same day through another
 *   delivered event (a dropped comment behind an edit, a transition behind a comment, a worklog
 *   behind an edit): the item is in the day's set, so touches are right, but that action's count
 *   is one low. updatedBy() covers edits, comments, creation and transitions alike and JQL has no
 *   comment author; separate counts of `creator`/`created` and `status CHANGED BY ... DURING`
 *   would each add a count per group-day and still leave edits and comments together;
 * - a dropped event on an item that another account of the same group touched that day;
 * - in real Jira worklogDate is a worklog's started date (the simulated site uses when it was
 *   logged): a worklog started on another day than it was logged is a false alarm on its started
 *   day, where the look at the items checks every day of the period (so a dropped one is found
 *   there), and it is missing from the count of the day it was logged (which can hide another
 *   miss of that day behind it).
 * Counts lag recent changes: only whole settled days are reconciled (the compactor's
 * reconciliationDays). Runs under the compactor's lock (it writes the same documents).
 */
import type { JiraClient } from '../jira/client';
import { approximateCount } from '../jira/search';
import type { Fact } from './facts';
import { quoteJql, readHistory, updatedByJql, worklogCandidatesJql, worklogsOfItems } from './history-read';
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
/** ...and at least this many: one or two accounts' losses (a short gap) are read alone. */
export const LOSSY_MIN_ACCOUNTS = 3;

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

/** One account as the counts see it: its ledger's items per reconciled day. */
interface Member {
  accountId: string;
  /** Per reconciled day (absent: nothing in the ledger): items it created, edited, moved or commented on, and items it logged work on. */
  items: Map<DayKey, { touched: Set<string>; worked: Set<string> }>;
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

/** What one count checks of one account: some of the reconciled days (one active day, or every quiet one). */
interface Unit {
  m: Member;
  /** Days its worklogs are checked on (ascending). */
  days: DayKey[];
  /** Days its other actions are checked on (ascending; `days` when absent). */
  touchDays?: DayKey[];
}

/** Maximal runs of consecutive days, as [from, to). */
function runsOf(days: readonly DayKey[]): Array<{ from: DayKey; to: DayKey }> {
  const runs: Array<{ from: DayKey; to: DayKey }> = [];
  for (const d of days) {
    const last = runs.at(-1);
    if (last && last.to === d) last.to = nextDay(d);
    else runs.push({ from: d, to: nextDay(d) });
  }
  return runs;
}

/** Items the accounts created, edited, moved or commented on on their units' days: exact. */
const touchedJql = (units: readonly Unit[]) => units.flatMap((u) => runsOf(u.touchDays ?? u.days).map((r) => updatedByJql(u.m.accountId, r.from, r.to))).join(' OR ');

/**
 * Items with a worklog by one of the accounts (at any time) and a worklog by anybody on one of its
 * days: `worklogDate = D` is a worklog on that day. (Not `>= from AND < to`: each clause matches per
 * item on its own, so an item with a worklog before the period and one after it would match too.)
 * Units with the same days share one clause.
 */
function worklogJql(units: readonly Unit[]): string {
  const byDays = new Map<string, Unit[]>();
  for (const u of units) byDays.set(u.days.join(','), [...(byDays.get(u.days.join(',')) ?? []), u]);
  return [...byDays.values()]
    .map((same) => {
      const dates = (same[0] as Unit).days.map((d) => `worklogDate = ${quoteJql(d)}`);
      return `(worklogAuthor in (${same.map((u) => quoteJql(u.m.accountId)).join(', ')}) AND ${dates.length === 1 ? dates[0] : `(${dates.join(' OR ')})`})`;
    })
    .join(' OR ');
}

/** What one count covers: every action of the units' accounts on their days. */
const countJql = (units: readonly Unit[]) => `${touchedJql(units)} OR ${worklogJql(units)}`;

/** The union of the ledger's items that a JQL above covers (the same accounts, days and actions). */
function ledgerItems(units: readonly Unit[], only: 'touched' | 'all' = 'all'): Set<string> {
  const union = new Set<string>();
  for (const u of units) {
    for (const day of u.touchDays ?? u.days) for (const id of u.m.items.get(day)?.touched ?? []) union.add(id);
    if (only === 'all') for (const day of u.days) for (const id of u.m.items.get(day)?.worked ?? []) union.add(id);
  }
  return union;
}

/** Splits units into groups whose count JQL stays within MAX_JQL_CHARS (in order). */
function groupsOf(units: readonly Unit[]): Unit[][] {
  const groups: Unit[][] = [];
  let current: Unit[] = [];
  for (const u of units) {
    if (current.length > 0 && countJql([...current, u]).length > MAX_JQL_CHARS) {
      groups.push(current);
      current = [];
    }
    current.push(u);
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

const halves = <T>(list: readonly T[]): [T[], T[]] => [list.slice(0, Math.ceil(list.length / 2)), list.slice(Math.ceil(list.length / 2))];

/** What a count-first reconciliation did. */
export interface ReconcileOutcome {
  /** Accounts whose ledger changed. */
  changed: string[];
  /** Accounts whose whole period was read (a loss showed, or losses were widespread). */
  read: string[];
  /** Approximate counts spent. */
  counts: number;
  /** Work items whose worklogs were looked at (a worklog clause's false alarms). */
  worklogItems: number;
}

/**
 * Reconciles accounts over whole, consecutive, settled days (oldest first): counts first, reads
 * only the accounts whose counts show a miss (see the module comment).
 */
export async function reconcileByCounts(client: JiraClient, accountIds: readonly string[], days: readonly DayKey[]): Promise<ReconcileOutcome> {
  const outcome: ReconcileOutcome = { changed: [], read: [], counts: 0, worklogItems: 0 };
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
    members.push({ accountId, items });
  }
  const loss = new Set<string>();
  const count = async (jql: string) => {
    outcome.counts++;
    return approximateCount(client, jql);
  };

  /** updatedBy is exact: halves a group whose count differs down to the accounts that lost something. */
  const findTouchLosses = async (group: readonly Unit[]): Promise<void> => {
    if ((await count(touchedJql(group))) === ledgerItems(group, 'touched').size) return;
    if (group.length === 1) {
      loss.add((group[0] as Unit).m.accountId);
      return;
    }
    await Promise.all(halves(group).map((h) => findTouchLosses(h)));
  };

  /**
   * The worklog clause is a superset: its items beyond the ledger's are looked at (their worklogs),
   * and an account that logged work on one of them in the period, which its ledger lacks, lost it.
   */
  const findWorklogLosses = async (group: readonly Unit[]): Promise<void> => {
    const known = [...ledgerItems(group)];
    const jql = `(${worklogJql(group)})${known.length > 0 ? ` AND issuekey not in (${known.join(', ')})` : ''}`;
    if (jql.length > MAX_JQL_CHARS && group.length > 1) {
      await Promise.all(halves(group).map((h) => findWorklogLosses(h)));
      return;
    }
    // One account whose items do not fit: its worklog items are looked at, known or not.
    const items = await worklogsOfItems(client, jql.length > MAX_JQL_CHARS ? worklogJql(group) : jql);
    outcome.worklogItems += items.length;
    // Any day of the period (Jira's worklogDate is the started date, which may not be the day it was logged).
    const fromMs = dayStart(first);
    const toMs = dayStart(end);
    for (const item of items) {
      for (const w of item.worklogs) {
        const u = group.find((x) => x.m.accountId === w.accountId);
        if (!u || !(w.at >= fromMs && w.at < toMs) || u.m.items.get(dayOf(w.at))?.worked.has(item.issueId)) continue;
        loss.add(u.m.accountId);
      }
    }
  };

  /** One group: one count; where it differs, the touches' losses, then the worklogs'. */
  const check = async (units: readonly Unit[]): Promise<void> => {
    const group = units.filter((u) => !loss.has(u.m.accountId));
    if (group.length === 0 || (await count(countJql(group))) === ledgerItems(group).size) return;
    await findTouchLosses(group);
    const rest = group.filter((u) => !loss.has(u.m.accountId));
    // Touch losses alone may explain the difference: one more count says whether worklogs need a look.
    if (rest.length === 0 || (rest.length < group.length && (await count(countJql(rest))) === ledgerItems(rest).size)) return;
    await findWorklogLosses(rest);
  };

  // Each day, the accounts that acted that day; then every account's quiet days together (nothing expected).
  const active = members.filter((m) => m.items.size > 0);
  for (const day of days) for (const group of groupsOf(active.filter((m) => m.items.has(day)).map((m) => ({ m, days: [day] })))) await check(group);
  // Their worklogs over every day share one clause (the worked items of the active days are expected too).
  const quiet = members.map((m) => ({ m, days: [...days], touchDays: days.filter((d) => !m.items.has(d)) })).filter((u) => u.touchDays.length > 0);
  for (const group of groupsOf(quiet)) await check(group);
  // Delivery failing broadly: the misses counts cannot see are then spread over every account that acted.
  if (loss.size >= Math.max(LOSSY_MIN_ACCOUNTS, LOSSY_SHARE * active.length)) for (const m of active) loss.add(m.accountId);
  for (const accountId of loss) {
    outcome.read.push(accountId);
    const ids = await Promise.all(days.map((d) => readDayIds(accountId, d)));
    if (await foldByDay(accountId, days, ids, (await readHistory(client, accountId, first, end)).facts)) outcome.changed.push(accountId);
  }
  return outcome;
}

/** What the account did on one day, as Jira's history shows it. */
export async function readDay(client: JiraClient, accountId: string, day: DayKey): Promise<Fact[]> {
  return (await readHistory(client, accountId, day, nextDay(day))).facts;
}
