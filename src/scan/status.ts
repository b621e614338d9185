import type { ScanStatus } from '../contract';
import { PointsBudget } from '../jira/points-budget';
import type { ScanPhase, ScanState } from './state';

/**
 * A step in flight beats (writes its checkpoint) at its start and every few seconds of progress;
 * the longest it can stay silent is one Jira wait (STEP_WAIT_MS in engine.ts, 60 s). Past the
 * function's timeout (120 s, manifest.yml) plus a margin, no step of it is in flight.
 */
export const HEARTBEAT_STALE_MS = 150_000;
/** A queued step that is this late past its due time was lost by the queue. */
export const QUEUE_GRACE_MS = 5 * 60_000;

export const PHASE_LABELS: Record<ScanPhase, string> = {
  changes: "Checking Jira's audit log for changes since the last scan",
  directory: "Reading the site's users",
  people: 'Counting what each person updated, to find automation-like accounts',
  projects: "Reading the site's projects",
  identities: "Measuring each integration's access and activity, busiest first",
  publish: 'Saving the results',
  cleanup: 'Removing the previous results',
};

/** What an access refresh does in the phases it shares with other scans. */
const ACCESS_REFRESH_LABELS: Partial<Record<ScanPhase, string>> = {
  projects: "Jira's audit log shows changes to groups, permissions or projects: reading the site's projects again",
  identities: "Checking each integration's access again (its activity, kept current by Jira's events, stays as it is)",
};

/** The phase in plain words, for this run. */
export function phaseLabel(state: Pick<ScanState, 'phase' | 'accessRefresh'>): string {
  return (state.accessRefresh ? ACCESS_REFRESH_LABELS[state.phase] : undefined) ?? PHASE_LABELS[state.phase];
}

/** Each phase's share of a run's overall progress (per mille), in order, for full and incremental runs. */
const WEIGHTS: Record<ScanState['mode'], Array<[ScanPhase, number]>> = {
  full: [
    ['directory', 70],
    ['people', 250],
    ['projects', 30],
    ['identities', 620],
    ['publish', 20],
    ['cleanup', 10],
  ],
  incremental: [
    ['changes', 20],
    // Only in an access refresh (ScanState.accessRefresh).
    ['projects', 100],
    ['identities', 850],
    ['publish', 20],
    ['cleanup', 10],
  ],
};

/** One progress over the whole run: finished phases' weights plus the current phase's share. */
export function overallProgress(state: Pick<ScanState, 'mode' | 'phase' | 'done' | 'total' | 'finishedAt' | 'outcome'>): { done: number; total: number } {
  const weights = WEIGHTS[state.mode];
  const total = weights.reduce((sum, [, w]) => sum + w, 0);
  if (state.finishedAt !== null && state.outcome === null) return { done: total, total };
  let done = 0;
  for (const [phase, weight] of weights) {
    if (phase === state.phase) {
      const share = state.total > 0 ? Math.min(1, state.done / state.total) : 0;
      return { done: Math.floor(done + weight * share), total };
    }
    done += weight;
  }
  return { done: 0, total };
}

/** True when no step of an unfinished run is in flight or queued: its steps stopped reporting. */
export function isStale(state: ScanState, now: number): boolean {
  if (state.finishedAt !== null || state.outcome !== null) return false;
  if (state.resumesAt !== null && Date.parse(state.resumesAt) > now) return false;
  const beat = Date.parse(state.heartbeatAt ?? state.updatedAt);
  if (now - beat <= HEARTBEAT_STALE_MS) return false;
  const due = state.nextStepAt === null ? null : Date.parse(state.nextStepAt);
  return due === null || now - due > QUEUE_GRACE_MS;
}

export function staleMessage(state: ScanState): string {
  return `The scan stopped reporting progress while "${phaseLabel(state).toLowerCase()}" (last sign of life ${state.heartbeatAt}). Scan now carries on from where it stopped.`;
}

export function toStatus(state: ScanState, extra: { lastCompletedAt: string | null; partial: boolean; now?: number }): ScanStatus {
  const now = extra.now ?? Date.now();
  const unfinished = state.finishedAt === null && state.outcome === null;
  const paused = unfinished && state.resumesAt !== null && Date.parse(state.resumesAt) > now;
  const stale = isStale(state, now);
  const budget = new PointsBudget(state.budget);
  const snapshot = budget.snapshot();
  const runState: ScanStatus['state'] = state.outcome ?? (stale ? 'failed' : paused ? 'paused' : unfinished ? 'running' : 'idle');
  const inRun = runState === 'running' || runState === 'paused';
  return {
    state: runState,
    phase: inRun ? state.phase : null,
    phaseLabel: inRun ? phaseLabel(state) : null,
    progress: overallProgress(state),
    pause: paused && state.resumesAt ? { reason: state.pauseReason ?? "Waiting for Jira's rate limits", resumesAt: state.resumesAt } : null,
    failure: state.outcome === 'failed' ? state.failure : stale ? staleMessage(state) : null,
    heartbeatAt: state.heartbeatAt ?? state.updatedAt,
    fullScanReason: state.mode === 'full' ? state.fullScanReason : null,
    unmeasured: state.unmeasured ?? [],
    partial: extra.partial,
    pointsUsed: state.points,
    requests: state.requests,
    errors: state.errors,
    startedAt: state.startedAt,
    finishedAt: state.finishedAt,
    lastCompletedAt: extra.lastCompletedAt ?? (state.outcome === null ? state.finishedAt : null),
    budget: { pointsPerHour: snapshot.pointsPerHour, usedThisHour: snapshot.used, poolRemaining: budget.poolRemaining() },
  };
}

export function idleStatus(lastCompletedAt: string | null, partial: boolean): ScanStatus {
  return {
    state: 'idle',
    phase: null,
    phaseLabel: null,
    progress: { done: 0, total: 0 },
    pause: null,
    failure: null,
    heartbeatAt: null,
    fullScanReason: null,
    unmeasured: [],
    partial,
    pointsUsed: 0,
    requests: 0,
    errors: [],
    startedAt: null,
    finishedAt: null,
    lastCompletedAt,
    budget: { pointsPerHour: 0, usedThisHour: 0, poolRemaining: null },
  };
}
