/**
 * Folds the inbox into the ledger. One compactor at a time (a lock key): the ids and ledger
 * documents are read-modify-write. Facts are written to the ledger before their inbox keys are
 * deleted, so a compactor that dies is simply run again (sets make the replay harmless).
 */
import { kvs, StorageBusy } from '../storage/kvs';
import { Queue } from '@forge/events';
import { BACKGROUND } from '../jira/client';
import { lazyBudgetedClient, type LazyBudgetedClient } from '../jira/background-budget';
import { BudgetSpentError } from '../jira/points-budget';
import { searchIssuesPage } from '../jira/search';
import type { Fact } from './facts';
import { ageOut, dayOf, DAY_MS, foldIds, RECENT_DAYS, setDayCells, windowTotals, type DayKey, type IdentityLedger } from './ledger';
import { noteNewcomers, readKnownAccounts } from './newcomers';
import { reconcileByCounts } from './reconcile';
import { deleteDayIds, deleteKeys, markObserved, readBlocks, readDayIds, readIndex, readInbox, readLedger, readMeta, writeDayIds, writeIndex, writeLedger, type IndexEntry } from './store';

export const ACTIVITY_QUEUE = 'activity-queue';
const LOCK_KEY = 'act:lock';
const TICK_KEY = 'act:tick';
const LOCK_STALE_MS = 5 * 60_000;
/** Events are gathered this long before a compaction runs, so a burst is folded in one pass. */
const GATHER_SECONDS = 2;
/** Inbox entries read at a time (each holds the facts of the events that arrived together). */
const INBOX_PAGE = 5;
const PACE_KEY = 'act:pace';
/**
 * Accounts folded per minute at most. Folding one account costs about two writes and three reads
 * of Forge storage (its day's work items, its ledger, and the index line), whose limits are 4,000
 * of each a minute per installation (in 10 KB units): this leaves room for the index, the scan and
 * page views. A burst from thousands of people is folded over a few minutes instead of refused.
 */
export const ACCOUNTS_PER_MINUTE = 400;
const MINUTE_MS = 60_000;
/** When the hour's points budget is spent, the compactor looks again this much later (Forge's longest queue delay). */
const RETRY_WHEN_SPENT_SECONDS = 900;

const queue = new Queue({ key: ACTIVITY_QUEUE });

/** Asks the compactor to recompute some accounts' index lines (after the scan wrote their blocks). */
export async function requestReindex(accountIds: readonly string[]): Promise<void> {
  for (let i = 0; i < accountIds.length; i += 2_000) await queue.push([{ body: { kind: 'compact', reindex: accountIds.slice(i, i + 2_000) } }]);
}

/** After an event reached the inbox: makes sure a compaction will run (one pending at a time). */
export async function scheduleCompaction(): Promise<void> {
  try {
    await kvs.set(TICK_KEY, { at: Date.now() }, { keyPolicy: 'FAIL_IF_EXISTS' });
  } catch {
    return; // one is already pending and has not started reading the inbox
  }
  await queue.push([{ body: { kind: 'compact' }, delayInSeconds: GATHER_SECONDS }]);
}

async function takeLock(): Promise<boolean> {
  const take = () => kvs.set(LOCK_KEY, { at: Date.now() }, { keyPolicy: 'FAIL_IF_EXISTS' }).then(() => true, () => false);
  if (await take()) return true;
  const held = (await kvs.get(LOCK_KEY)) as { at: number } | undefined;
  if (held && Date.now() - held.at > LOCK_STALE_MS) {
    await kvs.delete(LOCK_KEY);
    return take();
  }
  return false;
}

export interface CompactionResult {
  facts: number;
  accounts: number;
  /** False when another compactor held the lock (this run did nothing). */
  ran: boolean;
}

/** Runs one compaction until the inbox is empty or the time is up. */
export async function compact(maxMs = 60_000, reindex: readonly string[] = [], upkeep = false, reconcile: readonly string[] = [], upkeepFrom = ''): Promise<CompactionResult> {
  if (!(await takeLock())) {
    // Another compactor is running: come back shortly rather than lose the wake-up.
    await queue.push([{ body: { kind: 'compact', reindex: [...reindex], upkeep, reconcile: [...reconcile], ...(upkeepFrom ? { upkeepFrom } : {}) }, delayInSeconds: 5 }]);
    return { facts: 0, accounts: 0, ran: false };
  }
  const started = Date.now();
  let facts = 0;
  const changed = new Set<string>(reindex);
  // Ledgers this run wrote, so that the index is refreshed without reading them again.
  const written = new Map<string, IdentityLedger>();
  // Jira reads (worklogs' projects, newcomers, reconciliation) spend from the installation's hourly budget.
  const jira = lazyBudgetedClient('activity', BACKGROUND, { maxConcurrency: 4 });
  try {
    await kvs.delete(TICK_KEY);
    let meta = await readMeta();
    const minute = Math.floor(Date.now() / MINUTE_MS) * MINUTE_MS;
    const pace = ((await kvs.get(PACE_KEY)) as { minute: number; accounts: number } | undefined) ?? { minute, accounts: 0 };
    const foldedBefore = pace.minute === minute ? pace.accounts : 0;
    let folded = 0;
    let deferred = false;
    while (Date.now() - started < maxMs) {
      if (foldedBefore + folded >= ACCOUNTS_PER_MINUTE) {
        deferred = true;
        break;
      }
      const entries = await readInbox(INBOX_PAGE);
      if (entries.length === 0) break;
      // Only a real event marks the day observation began (a reindex or upkeep alone does not).
      const events = entries.filter((e) => !e.entry.backfill);
      if (meta.observedFrom === null && events.length > 0) meta = await markObserved(Math.min(...events.map((e) => e.entry.receivedAt)));
      const all = await withProjects(jira, entries.flatMap((e) => e.entry.facts)).catch((e: unknown) => {
        if (e instanceof BudgetSpentError) return null;
        throw e;
      });
      // The hour's budget is spent: the entries stay in the inbox until it is renewed (nothing is lost).
      if (all === null) {
        await queue.push([{ body: { kind: 'compact' }, delayInSeconds: RETRY_WHEN_SPENT_SECONDS }]);
        break;
      }
      for (const accountId of await foldFacts(all, meta.windowDays, Date.now(), written)) changed.add(accountId);
      await lookUpNewcomers(jira, all.map((f) => f.accountId));
      await deleteKeys(entries.map((e) => e.key));
      facts += all.length;
      folded += new Set(all.map((f) => f.accountId)).size;
    }
    if (folded > 0) await kvs.set(PACE_KEY, { minute, accounts: foldedBefore + folded });
    // The minute's share is spent: the rest of the inbox waits for the next minute (it is stored; nothing is lost).
    if (deferred) await queue.push([{ body: { kind: 'compact' }, delayInSeconds: Math.ceil((minute + MINUTE_MS - Date.now()) / 1000) + 1 }]);
    // The day's due accounts once, in the upkeep's first run (not in its continuations).
    const due = [...reconcile, ...(upkeep && !upkeepFrom ? await dueForReconciliation() : [])];
    for (const accountId of await reconcileAccounts(jira, due, started + maxMs)) {
      changed.add(accountId);
      written.delete(accountId); // reconciliation wrote it again
    }
    if (changed.size > 0) await refreshIndex([...changed], meta.windowDays, Date.now(), written);
    if (upkeep) {
      const next = await dailyUpkeep(Date.now(), upkeepFrom);
      // The rest of the accounts in a minute: storage's limits are per minute, the run's time is bounded.
      if (next !== null) await queue.push([{ body: { kind: 'compact', upkeep: true, upkeepFrom: next }, delayInSeconds: 60 }]);
    }
  } finally {
    await jira.finish();
    await kvs.delete(LOCK_KEY);
  }
  return { facts, accounts: changed.size, ran: true };
}

/** Accounts acting for the first time are listed at once (a lookup failing only delays that to their next event). */
async function lookUpNewcomers(jira: LazyBudgetedClient, acted: readonly string[]): Promise<void> {
  try {
    await noteNewcomers(jira.client, acted);
  } catch (e) {
    console.warn(`[activity] could not look up new accounts: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Worklog events name the issue, not its project: one search finds the projects of those issues. */
async function withProjects(jira: LazyBudgetedClient, facts: Fact[]): Promise<Fact[]> {
  const missing = [...new Set(facts.filter((f) => f.projectKey === null).map((f) => f.issueId))];
  if (missing.length === 0) return facts;
  const client = await jira.client();
  const projectOf = new Map<string, string>();
  for (let i = 0; i < missing.length; i += 100) {
    const ids = missing.slice(i, i + 100).filter((id) => /^\d+$/.test(id));
    if (ids.length === 0) continue;
    const page = await searchIssuesPage(client, `id in (${ids.join(', ')})`, ['project'], undefined, ids.length);
    for (const issue of page.issues) {
      const key = (issue.fields.project as { key?: string } | undefined)?.key;
      if (key) projectOf.set(issue.id, key);
    }
  }
  // An issue Jira no longer shows (deleted) keeps no worklog activity we can place.
  return facts.flatMap((f) => (f.projectKey !== null ? [f] : projectOf.has(f.issueId) ? [{ ...f, projectKey: projectOf.get(f.issueId) as string }] : []));
}

/** Folds facts into the ids and ledger documents; answers the accounts whose ledger changed. */
export async function foldFacts(facts: readonly Fact[], windowDays: number, now = Date.now(), written?: Map<string, IdentityLedger>): Promise<string[]> {
  const oldest = dayOf(now - (RECENT_DAYS - 1) * DAY_MS);
  const byAccount = new Map<string, Map<DayKey, Fact[]>>();
  for (const f of facts) {
    const day = dayOf(f.at);
    // Sets of older days are gone, so a fact this late could count twice: left to reconciliation.
    if (day < oldest) continue;
    const days = byAccount.get(f.accountId) ?? new Map<DayKey, Fact[]>();
    byAccount.set(f.accountId, days);
    days.set(day, [...(days.get(day) ?? []), f]);
  }
  const changed: string[] = [];
  for (const [accountId, days] of byAccount) {
    const ledger = await readLedger(accountId);
    let dirty = false;
    for (const [day, dayFacts] of days) {
      const ids = await readDayIds(accountId, day);
      if (!foldIds(ids.sets, ids.lasts, dayFacts)) continue;
      await writeDayIds(accountId, day, ids);
      setDayCells(ledger, day, ids.sets, ids.lasts, ids.seen);
      dirty = true;
    }
    if (ageOut(ledger, dayOf(now - windowDays * DAY_MS))) dirty = true;
    if (dirty) {
      await writeLedger(ledger);
      written?.set(accountId, ledger);
      changed.push(accountId);
    }
  }
  return changed;
}

/** Rewrites the index lines of some accounts (all accounts in the ledger's index when none are named). */
export async function refreshIndex(accountIds: readonly string[] | null, windowDays?: number, now = Date.now(), written?: ReadonlyMap<string, IdentityLedger>): Promise<void> {
  const days = windowDays ?? (await readMeta()).windowDays;
  const fromDay = dayOf(now - days * DAY_MS);
  const index = new Map((await readIndex()).map((e) => [e.accountId, e]));
  const targets = accountIds ?? [...index.keys()];
  for (const accountId of targets) {
    const ledger = written?.get(accountId) ?? (await readLedger(accountId));
    if (accountIds === null && ageOut(ledger, fromDay)) await writeLedger(ledger);
    const totals = windowTotals(ledger, await readBlocks(accountId), fromDay);
    const entry: IndexEntry = { accountId, projects: Object.fromEntries([...totals].filter(([, c]) => c.touches > 0 || c.worked > 0)) };
    if (Object.keys(entry.projects).length === 0) index.delete(accountId);
    else index.set(accountId, entry);
  }
  await writeIndex([...index.values()]);
}

/** Asks the compactor to reconcile some accounts' last seven whole days with Jira. */
export async function requestReconcile(accountIds: readonly string[], delayInSeconds = 0): Promise<void> {
  for (let i = 0; i < accountIds.length; i += 2_000) await queue.push([{ body: { kind: 'compact', reconcile: accountIds.slice(i, i + 2_000) }, ...(delayInSeconds > 0 ? { delayInSeconds } : {}) }]);
}

/** The last seven whole days (today's counts may lag in Jira's approximate counts). */
export function reconciliationDays(now = Date.now()): DayKey[] {
  return Array.from({ length: 7 }, (_, i) => dayOf(now - (7 - i) * DAY_MS));
}

/**
 * The accounts reconciliation looks at: every account of the site (the last full scan's
 * directory) and every account the ledger knows. An account the ledger has never seen act costs
 * almost nothing (its quiet days share a count with many others), and it is the only way to find
 * one whose every event was lost.
 */
export async function accountsToReconcile(): Promise<string[]> {
  const [index, known] = await Promise.all([readIndex(), readKnownAccounts()]);
  return [...new Set([...index.map((e) => e.accountId), ...known])];
}

/** Each account is reconciled once a week, on its own weekday (spreads the points). */
async function dueForReconciliation(now = Date.now()): Promise<string[]> {
  const weekday = Math.floor(now / DAY_MS) % 7;
  const hash = (s: string) => [...s].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7);
  return (await accountsToReconcile()).filter((id) => hash(id) % 7 === weekday);
}

/** Accounts reconciled together: their counts are grouped (reconcile.ts), and a run checks its deadline between chunks. */
const RECONCILE_CHUNK = 300;
/** Storage's limits count per minute. */
const STORAGE_RETRY_SECONDS = 60;

/**
 * Reconciles accounts until `deadline` (ms), counts first (reconcile.ts); the ones left are queued
 * for another run, so that one run stays inside the consumer's timeout however many accounts are due.
 */
async function reconcileAccounts(jira: LazyBudgetedClient, accountIds: readonly string[], deadline: number): Promise<string[]> {
  if (accountIds.length === 0) return [];
  const client = await jira.client();
  // Days before events began are the backfill's blocks, not the ledger's: nothing to reconcile there.
  const observedFrom = (await readMeta()).observedFrom;
  const days = reconciliationDays().filter((d) => observedFrom !== null && d >= observedFrom);
  const changed: string[] = [];
  const all = [...new Set(accountIds)];
  for (let i = 0; i < all.length; i += RECONCILE_CHUNK) {
    if (Date.now() >= deadline) {
      await requestReconcile(all.slice(i));
      break;
    }
    try {
      changed.push(...(await reconcileByCounts(client, all.slice(i, i + RECONCILE_CHUNK), days)).changed);
    } catch (e) {
      if (!(e instanceof BudgetSpentError) && !(e instanceof StorageBusy)) throw e;
      // The hour's points budget is spent, or storage's reads for the minute: the rest waits
      // (reconciliation is never urgent; the chunks done stay done, a chunk done again costs its
      // counts again, and its reads fold in as sets).
      await requestReconcile(all.slice(i), e instanceof StorageBusy ? STORAGE_RETRY_SECONDS : RETRY_WHEN_SPENT_SECONDS);
      break;
    }
  }
  return changed;
}

/** Asks the compactor for the daily upkeep (it runs under the compactor's lock). */
export async function requestUpkeep(): Promise<void> {
  await queue.push([{ body: { kind: 'compact', upkeep: true } }]);
}

/**
 * Accounts one upkeep run ages at most. Each costs two reads (its ledger and blocks) and up to a
 * few writes; a site where thousands of people act would otherwise read thousands of documents in
 * one run, past the consumer's 120 s and storage's 4,000 read units a minute.
 */
export const UPKEEP_ACCOUNTS_PER_RUN = 400;

/**
 * Daily upkeep, in runs of UPKEEP_ACCOUNTS_PER_RUN accounts (in the index's order, after `from`):
 * ages each account's ledger past the window, drops its work-item sets older than RECENT_DAYS and
 * refreshes its index line. Answers the last account done when others remain (the next run starts
 * after it), else null.
 */
export async function dailyUpkeep(now = Date.now(), from = ''): Promise<string | null> {
  const windowDays = (await readMeta()).windowDays;
  const remaining = (await readIndex())
    .map((e) => e.accountId)
    .sort()
    .filter((id) => id > from);
  const batch = remaining.slice(0, UPKEEP_ACCOUNTS_PER_RUN);
  const oldest = dayOf(now - (RECENT_DAYS - 1) * DAY_MS);
  const ledgers = new Map<string, IdentityLedger>();
  for (const accountId of batch) {
    const ledger = await readLedger(accountId);
    for (const day of Object.keys(ledger.days)) if (day < oldest && day >= dayOf(now - (RECENT_DAYS + 7) * DAY_MS)) await deleteDayIds(accountId, day);
    if (ageOut(ledger, dayOf(now - windowDays * DAY_MS))) await writeLedger(ledger);
    ledgers.set(accountId, ledger);
  }
  if (batch.length > 0) await refreshIndex(batch, windowDays, now, ledgers);
  return remaining.length > batch.length ? (batch.at(-1) ?? null) : null;
}
