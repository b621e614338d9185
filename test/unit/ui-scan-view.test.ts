import { describe, expect, it } from 'vitest';
import type { ScanStatus } from '../../src/contract';
import { describeScan, nextPollMs } from '../../static/src/hooks/scan-view';

const base: ScanStatus = {
  state: 'idle',
  phase: null,
  done: 0,
  total: 0,
  pointsUsed: 0,
  requests: 0,
  errors: [],
  startedAt: null,
  finishedAt: null,
  lastCompletedAt: null,
  budget: { pointsPerHour: 10000, usedThisHour: 0, resumesAt: null },
};
const NOW = Date.parse('2026-12-03T10:00:00Z');

describe('the scan panel in plain words', () => {
  it.each([
    ['a re-scan still shows the last completed scan', { ...base, state: 'running', phase: 'identities', done: 5, total: 10, lastCompletedAt: '2026-12-02T10:00:00Z' }, { active: true, doing: 'Measuring what each integration touches', percent: 58, lastCompletedAt: '2026-12-02T10:00:00Z' }],
    ['progress runs over the whole scan, not per phase', { ...base, state: 'running', phase: 'directory', done: 10, total: 10 }, { percent: 33 }],
    ['no code words', { ...base, state: 'running', phase: 'people', done: 0, total: 4 }, { doing: 'Looking for people’s accounts that run automations' }],
    ['paused for the budget says why and when', { ...base, state: 'paused', phase: 'identities', budget: { pointsPerHour: 10, usedThisHour: 10, resumesAt: '2026-12-03T11:00:00Z' } }, { stateLabel: 'Paused', pause: { reason: 'The hourly budget of Jira requests is used up', resumesAt: '2026-12-03T11:00:00Z' } }],
    ['idle has nothing running', base, { active: false, doing: null, percent: null, pause: null }],
  ])('%s', (_name, status, want) => {
    expect(describeScan(status as ScanStatus)).toMatchObject(want);
  });

  it('takes the fuller status (phaseLabel, overall progress, pause reason, failure) when present', () => {
    const fuller = { ...base, state: 'paused', phaseLabel: 'Measuring activity', progress: { done: 30, total: 120 }, pause: { reason: 'Jira asked the app to slow down', resumesAt: '2026-12-03T10:05:00Z' }, failure: null, partial: true };
    expect(describeScan(fuller as unknown as ScanStatus)).toMatchObject({ doing: 'Measuring activity', percent: 25, pause: { reason: 'Jira asked the app to slow down' }, partial: true });
  });
});

describe('polling no faster than the state can change', () => {
  it.each([
    ['running: every 2 s', { ...base, state: 'running' }, 2000],
    ['idle: not at all', base, null],
    ['paused for an hour: a minute at most, never every second', { ...base, state: 'paused', budget: { pointsPerHour: 1, usedThisHour: 1, resumesAt: '2026-12-03T11:00:00Z' } }, 60_000],
    ['paused for 20 s: just after it resumes', { ...base, state: 'paused', budget: { pointsPerHour: 1, usedThisHour: 1, resumesAt: '2026-12-03T10:00:20Z' } }, 20_500],
    ['paused, resuming now: not sooner than 5 s', { ...base, state: 'paused', budget: { pointsPerHour: 1, usedThisHour: 1, resumesAt: '2026-12-03T09:59:00Z' } }, 5000],
  ])('%s', (_name, status, want) => {
    expect(nextPollMs(describeScan(status as ScanStatus), NOW)).toBe(want);
  });
});
