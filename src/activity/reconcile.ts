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
import { approximateCount } from '../jira/search';
import type { Action, Fact } from './facts';
import { readHistory } from './history-read';
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

/** What the account did on one day, as Jira's history shows it. */
export async function readDay(client: JiraClient, accountId: string, day: DayKey): Promise<Fact[]> {
  return (await readHistory(client, accountId, day, nextDay(day))).facts;
}
