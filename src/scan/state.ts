import { kvs } from '../storage/kvs';
import type { ScanUnmeasured } from '../contract';
import type { BudgetState } from '../jira/points-budget';
import type { DirectoryRef } from './directory';
import type { AccessScope } from './access-scope';

/**
 * The scan's checkpoint, small by design: phase, position and counters. Bulk working data lives
 * under its run's own keys (scan:work:<runId>:…). Each step reads this, does a bounded piece of
 * work, and writes it back; a step that dies is re-run from the last checkpoint.
 */
export type ScanPhase = 'changes' | 'directory' | 'people' | 'projects' | 'identities' | 'publish' | 'cleanup';

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
  /** Set while waiting for the hour's budget, Jira's quota, or a retry after errors. */
  resumesAt: string | null;
  /** Why the scan waits (for people), while resumesAt is set. */
  pauseReason: string | null;
  /** How the run ended when it did not complete: failed (with `failure`) or cancelled by an admin. */
  outcome: 'failed' | 'cancelled' | null;
  failure: string | null;
  /** When a step last started or saved progress: a step in flight beats at least this often. */
  heartbeatAt: string;
  /** When the next step is due on the queue (null while a step runs or after the end). */
  nextStepAt: string | null;
  /** How many times the current step number has been started (a step cut off is run again). */
  stepRuns: number;
  /** Consecutive steps that failed without progress: since when, how many, and the last error. */
  trouble: { since: string; count: number; last: string } | null;
  fullScanReason: string | null;
  /**
   * Set when an incremental run refreshes access only: Jira's audit log showed changes to groups,
   * permissions or projects while product events keep activity current. Access is checked again
   * where those changes reach (access-scope.ts); activity stays as the ledger has it.
   * `createdProjectIds`: projects the audit log shows created since the last scan (no history before
   * it); `scope`: whose access is checked where, and whether the whole project list is read again.
   */
  accessRefresh?: { createdProjectIds: string[]; scope: AccessScope } | null;
  unmeasured: ScanUnmeasured[];
  /** Whether this run has published a partial snapshot (identities known, activity still measured). */
  partialPublished: boolean;
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
  /**
   * Where the backfill stops (yyyy-MM-dd, exclusive): the day the activity ledger began receiving
   * product events; null when none arrived (the backfill measures up to now). Fixed at the first
   * phase that measures activity, so that every count of the run covers the same days.
   */
  backfillTo?: string | null;
  /**
   * Identities of the batch at `cursor` already measured: a batch cut short by a pause (quota,
   * budget) resumes with the others, so that a batch costing more than an hour's points still ends.
   */
  measuredInBatch?: string[];
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
/** The list shown on the admin page is bounded; the count says how many more there were. */
export const MAX_UNMEASURED = 200;

export function withUnmeasured(state: ScanState, entry: ScanUnmeasured): ScanState {
  const rest = state.unmeasured.filter((u) => !(u.kind === entry.kind && u.id === entry.id));
  return { ...state, unmeasured: [...rest, entry].slice(-MAX_UNMEASURED) };
}

export function withError(state: ScanState, message: string): ScanState {
  return { ...state, errors: [...state.errors, message].slice(-MAX_ERRORS) };
}
