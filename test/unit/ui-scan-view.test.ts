import { describe, expect, it } from 'vitest';
import type { ScanStatus } from '../../src/contract';
import { describeScan, nextPollMs } from '../../static/src/hooks/scan-view';

const base: ScanStatus = {
  state: 'idle',
  phase: null,
  phaseLabel: null,
  progress: { done: 0, total: 0 },
  pause: null,
  failure: null,
  heartbeatAt: null,
  fullScanReason: null,
  unmeasured: [],
  partial: false,
  pointsUsed: 0,
  requests: 0,
  errors: [],
  startedAt: null,
  finishedAt: null,
  lastCompletedAt: null,
  budget: { pointsPerHour: 10000, usedThisHour: 0, poolRemaining: null },
};
const NOW = Date.parse('2026-12-03T10:00:00Z');
const paused = (resumesAt: string): ScanStatus => ({ ...base, state: 'paused', pause: { reason: 'The hourly budget is used up', resumesAt } });

describe('the scan panel in plain words', () => {
  it.each<[string, ScanStatus, Record<string, unknown>]>([
    ['a re-scan still names the last completed scan', { ...base, state: 'running', phaseLabel: 'Measuring activity', progress: { done: 5, total: 10 }, lastCompletedAt: '2026-12-02T10:00:00Z' }, { active: true, doing: 'Measuring activity', percent: 50, lastCompletedAt: '2026-12-02T10:00:00Z' }],
    ['paused says why and until when', paused('2026-12-03T11:00:00Z'), { stateLabel: 'Paused', active: true, pause: { reason: 'The hourly budget is used up', resumesAt: '2026-12-03T11:00:00Z' } }],
    ['a failure is said in words', { ...base, state: 'failed', failure: 'Jira refused the app' }, { active: false, failure: 'Jira refused the app', stateLabel: 'Failed' }],
    ['idle has nothing running', base, { active: false, doing: null, percent: null, pause: null }],
  ])('%s', (_name, status, want) => {
    expect(describeScan(status)).toMatchObject(want);
  });
});

describe('polling no faster than the state can change', () => {
  it.each<[string, ScanStatus, number | null]>([
    ['running: every 2 s', { ...base, state: 'running' }, 2000],
    ['idle: not at all', base, null],
    ['cancelled: not at all', { ...base, state: 'cancelled' }, null],
    ['paused for an hour: a minute at most, never every second', paused('2026-12-03T11:00:00Z'), 60_000],
    ['paused for 20 s: just after it resumes', paused('2026-12-03T10:00:20Z'), 20_500],
    ['paused, resuming now: not sooner than 5 s', paused('2026-12-03T09:59:00Z'), 5000],
  ])('%s', (_name, status, want) => {
    expect(nextPollMs(describeScan(status), NOW)).toBe(want);
  });
});
