import type { ScanStatus, ScanUnmeasured } from '../../../src/contract';

/** What the scan panel says, from scan/status (ScanStatus as AGREEMENTS.md describes it). */
export interface ScanView {
  state: ScanStatus['state'];
  /** Running or paused: a run is under way (it can be cancelled). */
  active: boolean;
  stateLabel: string;
  appearance: 'inprogress' | 'moved' | 'success' | 'removed' | 'default';
  /** What it is doing now, for people. */
  doing: string | null;
  /** 0..100 over the whole run, or null when not known yet. */
  percent: number | null;
  pause: { reason: string; resumesAt: string } | null;
  failure: string | null;
  /** The listed identities are known, their activity still being measured. */
  partial: boolean;
  lastCompletedAt: string | null;
  fullScanReason: string | null;
  unmeasured: ScanUnmeasured[];
  errors: string[];
}

const LABELS: Record<ScanStatus['state'], [string, ScanView['appearance']]> = {
  running: ['Running', 'inprogress'],
  paused: ['Paused', 'moved'],
  failed: ['Failed', 'removed'],
  cancelled: ['Cancelled', 'default'],
  idle: ['Idle', 'success'],
};

export function describeScan(s: ScanStatus): ScanView {
  const active = s.state === 'running' || s.state === 'paused';
  const [stateLabel, appearance] = LABELS[s.state] ?? LABELS.idle;
  return {
    state: s.state,
    active,
    stateLabel,
    appearance,
    doing: active ? s.phaseLabel : null,
    percent: active && s.progress.total > 0 ? Math.min(100, Math.round((s.progress.done / s.progress.total) * 100)) : null,
    pause: s.state === 'paused' ? s.pause : null,
    failure: s.state === 'failed' ? s.failure : null,
    partial: s.partial,
    lastCompletedAt: s.lastCompletedAt,
    fullScanReason: s.fullScanReason,
    unmeasured: s.unmeasured,
    errors: s.errors,
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
  const resumes = view.pause ? Date.parse(view.pause.resumesAt) - now : Number.NaN;
  if (Number.isNaN(resumes)) return 30_000;
  return Math.min(60_000, Math.max(5_000, resumes + 500));
}
