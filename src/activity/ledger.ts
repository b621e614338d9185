/**
 * The ledger's pure part: folding facts into per identity x project x day cells, counting, and
 * adding cells up over a window. No Forge, no storage (store.ts keeps the documents).
 *
 * A day's cell keeps, per action, the set of work items (issue ids), so that a duplicate or late
 * event adds nothing: counts are set sizes. Sets are kept for RECENT_DAYS only; older days keep
 * their counts. A reconciliation against Jira may raise a cell's counts (`seen`), never lower them.
 */
import type { ActivityCounts } from '../contract';
import { ACTIONS, type Action, type Fact } from './facts';

export const DAY_MS = 86_400_000;
/** Days whose work-item sets are kept (Forge delivers events within minutes; reconciliation looks back a week). */
export const RECENT_DAYS = 8;

export type DayKey = string; // yyyy-MM-dd (UTC)

export function dayOf(ms: number): DayKey {
  return new Date(Math.floor(ms / DAY_MS) * DAY_MS).toISOString().slice(0, 10);
}

export function dayStart(day: DayKey): number {
  return Date.parse(`${day}T00:00:00.000Z`);
}

/** Counts of one cell (touches = distinct work items over all actions that day). */
export interface CellCounts {
  touches: number;
  created: number;
  updated: number;
  transitioned: number;
  commented: number;
  worked: number;
  /** Latest action time (ms), 0 when unknown. */
  last: number;
}

/** Work-item ids per action for one identity x project x day. */
export type IdSets = Partial<Record<Action, string[]>>;

export const ZERO: CellCounts = { touches: 0, created: 0, updated: 0, transitioned: 0, commented: 0, worked: 0, last: 0 };

export function countsOf(ids: IdSets, last: number): CellCounts {
  const union = new Set<string>();
  const out: CellCounts = { ...ZERO, last };
  for (const action of ACTIONS) {
    const list = ids[action] ?? [];
    out[action] = list.length;
    for (const id of list) union.add(id);
  }
  out.touches = union.size;
  return out;
}

/** Field-wise maximum: a reconciled count raises a cell, events never count twice. */
export function maxCounts(a: CellCounts, b: CellCounts): CellCounts {
  return {
    touches: Math.max(a.touches, b.touches),
    created: Math.max(a.created, b.created),
    updated: Math.max(a.updated, b.updated),
    transitioned: Math.max(a.transitioned, b.transitioned),
    commented: Math.max(a.commented, b.commented),
    worked: Math.max(a.worked, b.worked),
    last: Math.max(a.last, b.last),
  };
}

export function addCounts(a: CellCounts, b: CellCounts): CellCounts {
  return {
    touches: a.touches + b.touches,
    created: a.created + b.created,
    updated: a.updated + b.updated,
    transitioned: a.transitioned + b.transitioned,
    commented: a.commented + b.commented,
    worked: a.worked + b.worked,
    last: Math.max(a.last, b.last),
  };
}

/**
 * Adds facts to one identity-day's sets (project -> action -> ids). Answers whether anything
 * changed. Order does not matter and a fact already present changes nothing.
 */
export function foldIds(sets: Record<string, IdSets>, lasts: Record<string, number>, facts: readonly Fact[]): boolean {
  let changed = false;
  for (const f of facts) {
    if (f.projectKey === null) continue;
    const project = (sets[f.projectKey] ??= {});
    const list = (project[f.action] ??= []);
    if (!list.includes(f.issueId)) {
      list.push(f.issueId);
      changed = true;
    }
    if (f.at > (lasts[f.projectKey] ?? 0)) {
      lasts[f.projectKey] = f.at;
      changed = true;
    }
  }
  return changed;
}

/** A block of history measured from Jira before events were observed (the backfill). */
export interface Block extends CellCounts {
  /** First day measured and the day measurement stopped (exclusive); null: up to the measurement. */
  from: DayKey;
  to: DayKey | null;
  measuredAt: string;
}

/** One identity's ledger: counts per day per project. */
export interface IdentityLedger {
  accountId: string;
  days: Record<DayKey, Record<string, CellCounts>>;
}

/** The backfilled blocks of one identity, per project (written by the scan, read beside the ledger). */
export type Blocks = Record<string, Block>;

/**
 * Activity per project over the window that starts on `fromDay` (blocks count when they reach into
 * it). Days before the blocks' end are theirs: a day cell counts from there on only (a rescan's
 * block covers the days an earlier scan handed to the ledger as its recent tail).
 */
export function windowTotals(ledger: IdentityLedger, blocks: Blocks, fromDay: DayKey): Map<string, CellCounts> {
  const totals = new Map<string, CellCounts>();
  const add = (key: string, c: CellCounts) => totals.set(key, addCounts(totals.get(key) ?? ZERO, c));
  let covered = fromDay;
  for (const [key, block] of Object.entries(blocks)) {
    if (block.to === null || block.to > fromDay) add(key, block);
    if (block.to !== null && block.to > covered) covered = block.to;
  }
  for (const [day, projects] of Object.entries(ledger.days)) {
    if (day < covered) continue;
    for (const [key, c] of Object.entries(projects)) add(key, c);
  }
  return totals;
}

/** Drops days before `fromDay` (the ledger ages out past the window; blocks end by themselves, see windowTotals). */
export function ageOut(ledger: IdentityLedger, fromDay: DayKey): boolean {
  let changed = false;
  for (const day of Object.keys(ledger.days)) {
    if (day < fromDay) {
      delete ledger.days[day];
      changed = true;
    }
  }
  return changed;
}

export function toActivityCounts(c: CellCounts): ActivityCounts {
  return {
    touches: c.touches,
    created: c.created,
    updated: c.updated,
    transitioned: c.transitioned,
    commented: c.commented,
    worked: c.worked,
    lastActivity: c.last > 0 ? new Date(c.last).toISOString() : null,
  };
}

/** Sets a day's cells from its work-item sets, raised to any reconciled floor. */
export function setDayCells(ledger: IdentityLedger, day: DayKey, sets: Record<string, IdSets>, lasts: Record<string, number>, seen: Record<string, CellCounts>): void {
  const cells = (ledger.days[day] ??= {});
  for (const key of new Set([...Object.keys(sets), ...Object.keys(seen)])) {
    cells[key] = maxCounts(countsOf(sets[key] ?? {}, lasts[key] ?? 0), seen[key] ?? ZERO);
  }
}

