import { kvs } from '../storage/kvs';
import type { BudgetState } from './budget';
import type { DirectoryRef } from './directory';

/**
 * The scan's checkpoint, small by design: phase, position and counters. Bulk working data lives
 * under its run's own keys (scan:work:<runId>:…). Each step reads this, does a bounded piece of
 * work, and writes it back; a step that dies is re-run from the last checkpoint.
 */
export type ScanPhase = 'changes' | 'directory' | 'people' | 'identities' | 'publish' | 'cleanup';

export interface ScanState {
  runId: string;
  generation: string;
  mode: 'full' | 'incremental';
  trigger: 'admin' | 'schedule';
  phase: ScanPhase;
  /** Position inside the phase (a page start or an index into the phase's list). */
  cursor: number;
  /** The step number the next event must carry; stale or duplicate events are ignored. */
  step: number;
  windowDays: number;
  startedAt: string;
  finishedAt: string | null;
  /** Set while waiting for the hour's budget or Jira's quota. */
  resumesAt: string | null;
  done: number;
  total: number;
  points: number;
  requests: number;
  errors: string[];
  budget: BudgetState;
  /** For incremental scans: the day (yyyy-MM-dd) the last complete scan started. */
  sinceDay: string | null;
  /** The generation readers saw when this scan started (deleted in cleanup once replaced). */
  previousGeneration: string | null;
  /** Runs whose working data cleanup deletes (the previous complete run and the run whose directory it used), unless still needed. */
  obsoleteRunIds: string[];
  directory: DirectoryRef | null;
  /** Number of chunks of this run's identity work list (filled at the end of the people phase). */
  identityChunks: number;
  updatedAt: string;
}

/** What the last complete scan left, for incremental scans and status. */
export interface LastGoodScan {
  runId: string;
  generation: string;
  startedAt: string;
  completedAt: string;
  /** When the last full scan started: incremental scans reuse its directory and people checks. */
  fullAt: string;
  directory: DirectoryRef;
  windowDays: number;
}

const STATE_KEY = 'scan:state';
const LAST_GOOD_KEY = 'scan:last-good';

export async function readScanState(): Promise<ScanState | null> {
  return ((await kvs.get(STATE_KEY)) as ScanState | undefined) ?? null;
}

export async function writeScanState(state: ScanState): Promise<void> {
  await kvs.set(STATE_KEY, state);
}

export async function readLastGood(): Promise<LastGoodScan | null> {
  return ((await kvs.get(LAST_GOOD_KEY)) as LastGoodScan | undefined) ?? null;
}

export async function writeLastGood(last: LastGoodScan): Promise<void> {
  await kvs.set(LAST_GOOD_KEY, last);
}

export const MAX_ERRORS = 20;

export function withError(state: ScanState, message: string): ScanState {
  return { ...state, errors: [...state.errors, message].slice(-MAX_ERRORS) };
}
