/**
 * Reconciliation: finds what product events missed (Forge does not promise every event) and adds
 * it to the ledger. Counts cannot find every miss: Jira's updatedBy() covers edits and comments
 * alike, and JQL has no comment author, so a dropped comment on an item edited the same day (or
 * the reverse) leaves every count equal; worklogAuthor and worklogDate match per item, not per
 * worklog. So, per account, one count over the days says whether there is anything at all; if
 * there is, the days are read from Jira in one pass (their items, comments, full changelogs and
 * worklogs) and folded in as facts: sets make anything already counted harmless.
 * Runs under the compactor's lock (it writes the same documents).
 */
import type { JiraClient } from '../jira/client';
import { approximateCount } from '../jira/search';
import type { Fact } from './facts';
import { readHistory, updatedByJql, worklogCandidatesJql } from './history-read';
import { dayOf, dayStart, DAY_MS, foldIds, setDayCells, type DayKey } from './ledger';
import { readDayIds, readLedger, writeDayIds, writeLedger } from './store';

const nextDay = (d: DayKey) => dayOf(dayStart(d) + DAY_MS);

/** Reconciles one account over whole, consecutive days (oldest first); answers whether the ledger changed. */
export async function reconcileAccount(client: JiraClient, accountId: string, days: readonly DayKey[]): Promise<boolean> {
  const first = days[0];
  const last = days.at(-1);
  if (!first || !last) return false;
  const end = nextDay(last);
  const ids = await Promise.all(days.map((d) => readDayIds(accountId, d)));
  const known = ids.some((d) => Object.keys(d.sets).length > 0);
  // Nothing in the ledger and nothing in Jira (a zero over settled days is exact): done for 1 point.
  if (!known && (await approximateCount(client, `${updatedByJql(accountId, first, end)} OR ${worklogCandidatesJql(accountId, first, end)}`)) === 0) return false;
  const byDay = new Map<DayKey, Fact[]>();
  for (const f of (await readHistory(client, accountId, first, end)).facts) {
    const day = dayOf(f.at);
    byDay.set(day, [...(byDay.get(day) ?? []), f]);
  }
  const ledger = await readLedger(accountId);
  let changed = false;
  for (const [i, day] of days.entries()) {
    const facts = byDay.get(day);
    const dayIds = ids[i];
    if (!facts || !dayIds || !foldIds(dayIds.sets, dayIds.lasts, facts)) continue;
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
