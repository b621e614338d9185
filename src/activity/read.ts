/**
 * Reading activity, for every other layer (resolvers, registry reminders, campaigns): stored
 * documents only, never Jira. Every number of touches the app shows comes from here.
 */
import type { ActivityCounts } from '../contract';
import { dayOf, DAY_MS, toActivityCounts, windowTotals, type CellCounts } from './ledger';
import { readBlocks, readIndex, readLedger, readMeta } from './store';

/** One identity's activity per project over the window (exact: reads its ledger). */
export async function readIdentityActivity(accountId: string, now = Date.now()): Promise<Map<string, ActivityCounts>> {
  const [ledger, blocks, meta] = await Promise.all([readLedger(accountId), readBlocks(accountId), readMeta()]);
  const totals = windowTotals(ledger, blocks, dayOf(now - meta.windowDays * DAY_MS));
  return new Map([...totals].map(([key, c]) => [key, toActivityCounts(c)]));
}

/** Every account with activity, per project (from the index the compactor keeps). */
export async function readAllActivity(): Promise<Map<string, Map<string, ActivityCounts>>> {
  const index = await readIndex();
  return new Map(index.map((e) => [e.accountId, new Map(Object.entries(e.projects).map(([key, c]) => [key, toActivityCounts(c)]))]));
}

/** The accounts active in one project, with their activity there. */
export async function readProjectActivity(projectKey: string): Promise<Map<string, ActivityCounts>> {
  const index = await readIndex();
  const out = new Map<string, ActivityCounts>();
  for (const e of index) {
    const c = e.projects[projectKey];
    if (c) out.set(e.accountId, toActivityCounts(c));
  }
  return out;
}

/** Totals over projects: the identity's headline figures. */
export function sumActivity(perProject: Iterable<ActivityCounts>): ActivityCounts & { projectsTouched: number } {
  const out = { touches: 0, created: 0, updated: 0, transitioned: 0, commented: 0, worked: 0, lastActivity: null as string | null, projectsTouched: 0 };
  for (const c of perProject) {
    out.touches += c.touches;
    out.created += c.created;
    out.updated += c.updated;
    out.transitioned += c.transitioned;
    out.commented += c.commented;
    out.worked += c.worked;
    if (c.touches + c.worked > 0) out.projectsTouched++;
    if (c.lastActivity && (!out.lastActivity || c.lastActivity > out.lastActivity)) out.lastActivity = c.lastActivity;
  }
  return out;
}

export type { CellCounts };

/** One identity's day cells (project -> counts), as the ledger holds them: for tests, the bench and reconciliation. */
export async function readDayCells(accountId: string): Promise<Record<string, Record<string, CellCounts>>> {
  return (await readLedger(accountId)).days;
}

/**
 * Accounts whose observed activity (product events since they began to arrive) reaches
 * `perDay` touches a day, at least `minDays` days counted: people the ledger shows working like
 * automation, for the scan to measure. Accounts with backfilled history are the scan's already.
 */
export async function readBusyAccounts(perDay: number, minDays = 7, now = Date.now()): Promise<Array<{ accountId: string; touches: number }>> {
  const meta = await readMeta();
  if (meta.observedFrom === null) return [];
  const observed = Math.floor((Date.parse(`${dayOf(now)}T00:00:00Z`) - Date.parse(`${meta.observedFrom}T00:00:00Z`)) / DAY_MS) + 1;
  const days = Math.min(meta.windowDays, Math.max(minDays, observed));
  const out: Array<{ accountId: string; touches: number }> = [];
  for (const e of await readIndex()) {
    const touches = Object.values(e.projects).reduce((n, c) => n + c.touches, 0);
    if (touches >= perDay * days) out.push({ accountId: e.accountId, touches });
  }
  return out;
}
