import type { ScanStatus } from '../../../src/contract';

/**
 * What the scan panel says, from scan/status. Written against both the status of the first edition
 * (phase code, per-phase done/total, budget.resumesAt) and the fuller one (phaseLabel, overall
 * progress, pause with its reason, failure, partial results): whichever fields are present.
 */
interface AnyScanStatus {
  state?: string;
  phase?: string | null;
  phaseLabel?: string | null;
  done?: number;
  total?: number;
  progress?: { done: number; total: number } | null;
  pause?: { reason: string; resumesAt: string } | null;
  failure?: string | null;
  partial?: boolean;
  fullScanReason?: string | null;
  errors?: string[];
  startedAt?: string | null;
  lastCompletedAt?: string | null;
  pointsUsed?: number;
  budget?: { pointsPerHour: number; usedThisHour: number; resumesAt: string | null };
}

/** Plain words for the first edition's phase codes. */
const PHASE_WORDS: Record<string, string> = {
  changes: 'Checking what changed since the last scan',
  directory: 'Reading the site’s accounts',
  people: 'Looking for people’s accounts that run automations',
  identities: 'Measuring what each integration touches',
  publish: 'Saving the results',
  cleanup: 'Tidying up',
};
const PHASE_ORDER = ['changes', 'directory', 'people', 'identities', 'publish', 'cleanup'];

export interface ScanView {
  /** running, paused, idle, failed, cancelled. */
  state: string;
  active: boolean;
  stateLabel: string;
  appearance: 'inprogress' | 'moved' | 'success' | 'removed' | 'default';
  /** What it is doing now, for people. */
  doing: string | null;
  /** 0..100 over the whole run, or null when unknown. */
  percent: number | null;
  /** "Paused: <reason>. Resumes at <time>." */
  pause: { reason: string; resumesAt: string | null } | null;
  failure: string | null;
  /** Results so far are shown while it measures. */
  partial: boolean;
  lastCompletedAt: string | null;
  fullScanReason: string | null;
  errors: string[];
}

export function describeScan(status: ScanStatus): ScanView {
  const s = status as unknown as AnyScanStatus;
  const state = s.state ?? 'idle';
  const active = state === 'running' || state === 'paused';
  const phaseCode = s.phase ?? null;
  const doing = s.phaseLabel ?? (phaseCode ? (PHASE_WORDS[phaseCode] ?? phaseCode) : null);
  let percent: number | null = null;
  if (s.progress && s.progress.total > 0) percent = Math.min(100, Math.round((s.progress.done / s.progress.total) * 100));
  else if (phaseCode && PHASE_ORDER.includes(phaseCode)) {
    // One bar over the whole run: each phase is an equal share, filled by its own progress.
    const index = PHASE_ORDER.indexOf(phaseCode);
    const within = s.total && s.total > 0 ? Math.min(1, (s.done ?? 0) / s.total) : 0;
    percent = Math.round(((index + within) / PHASE_ORDER.length) * 100);
  }
  const resumesAt = s.pause?.resumesAt ?? s.budget?.resumesAt ?? null;
  const pause = state === 'paused' ? { reason: s.pause?.reason ?? 'The hourly budget of Jira requests is used up', resumesAt } : null;
  const labels: Record<string, [string, ScanView['appearance']]> = {
    running: ['Running', 'inprogress'],
    paused: ['Paused', 'moved'],
    failed: ['Failed', 'removed'],
    cancelled: ['Cancelled', 'default'],
    idle: ['Idle', 'success'],
  };
  const [stateLabel, appearance] = labels[state] ?? ['Idle', 'success'];
  return {
    state,
    active,
    stateLabel,
    appearance,
    doing: active ? doing : null,
    percent: active ? percent : null,
    pause,
    failure: s.failure ?? null,
    partial: Boolean(s.partial),
    lastCompletedAt: s.lastCompletedAt ?? null,
    fullScanReason: s.fullScanReason ?? null,
    errors: s.errors ?? [],
  };
}

/**
 * How long to wait before asking scan/status again: every 2 s while it runs; while paused, not
 * before it resumes (at most a minute between checks, to notice a cancel or a manual start).
 * Null: no scan runs, nothing to poll.
 */
export function nextPollMs(view: ScanView, now = Date.now()): number | null {
  if (view.state === 'running') return 2000;
  if (view.state !== 'paused') return null;
  const resumes = view.pause?.resumesAt ? Date.parse(view.pause.resumesAt) - now : Number.NaN;
  if (Number.isNaN(resumes)) return 30_000;
  return Math.min(60_000, Math.max(5_000, resumes + 500));
}
