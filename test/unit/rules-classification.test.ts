import { describe, expect, it } from 'vitest';
import { classify, scorePerson, THRESHOLDS, type AccountFacts, type ActivitySignals } from '../../src/rules/classification';

const person: AccountFacts = { accountType: 'atlassian', appType: undefined, email: 'dana@example.com' };
const HOUR = 3_600_000;
// Monday 2026-11-02 00:00 UTC.
const MONDAY = Date.UTC(2026, 10, 2);

/** n changes to one issue, `gapMs` apart, starting at `start`. */
const series = (n: number, start: number, gapMs: number) => Array.from({ length: n }, (_, i) => start + i * gapMs);
/** Changes to `issues` issues, `perIssue` each in a burst `gapMs` apart, one issue an hour from `start`. */
const bursts = (issues: number, perIssue: number, start: number, gapMs: number) => Array.from({ length: issues }, (_, i) => series(perIssue, start + i * HOUR, gapMs));
/** n changes to n issues over office hours (10:00–16:00) on weekdays. */
const officeSeries = (n: number) => Array.from({ length: n }, (_, i) => [MONDAY + (i % 5) * 24 * HOUR + (10 + (i % 6)) * HOUR + i * 60_000]);

describe('classify: account types', () => {
  it.each([
    [{ accountType: 'app', appType: 'service', email: 'ci@serviceaccount.atlassian.com' }, 'service-account'],
    [{ accountType: 'app', appType: 'agent', email: null }, 'rovo-agent'],
    [{ accountType: 'app', appType: 'unknown', email: null }, 'app-account'],
    [{ accountType: 'app', appType: undefined, email: null }, 'app-account'],
  ] as Array<[AccountFacts, string]>)('%j is a %s, whatever its activity', (facts, kind) => {
    expect(classify(facts, null, null)?.kind).toBe(kind);
    expect(classify(facts, { windowDays: 90, issuesUpdated: 0 }, null)?.score).toBeNull();
  });

  it('an ordinary person is not an integration', () => {
    expect(classify(person, { windowDays: 90, issuesUpdated: 120, projectsTouched: 3, sampleTimes: officeSeries(40) }, null)).toBeNull();
  });

  it('a customer account is not an integration', () => {
    expect(classify({ accountType: 'customer', appType: undefined, email: null }, { windowDays: 90, issuesUpdated: 5 }, null)).toBeNull();
  });
});

describe('classify: people whose activity looks automated', () => {
  const automated: ActivitySignals = {
    windowDays: 90,
    issuesUpdated: 2_000,
    projectsTouched: 14,
    sampleTimes: bursts(20, 3, MONDAY + 1 * HOUR, 4_000).concat(bursts(5, 2, MONDAY + 5 * 24 * HOUR + 3 * HOUR, 3_000)),
  };

  it('is found, with each signal as evidence and a score', () => {
    const c = classify(person, automated, null);
    expect(c?.kind).toBe('person-integration');
    expect(c?.score).toBeGreaterThanOrEqual(THRESHOLDS.personIntegration);
    expect(c?.evidence.map((e) => e.signal)).toEqual(['volume', 'spread', 'round the clock', 'bursts']);
  });

  it('gives each signal its measured value, the threshold it met, and its points, which add up to the score', () => {
    const c = classify(person, automated, null);
    for (const e of c?.evidence ?? []) {
      expect(e.measure, e.signal).toBeDefined();
      expect(e.measure?.value ?? -1, e.signal).toBeGreaterThanOrEqual(e.measure?.threshold ?? Infinity);
    }
    expect(c?.evidence.find((e) => e.signal === 'spread')?.measure).toEqual({ value: 14, threshold: THRESHOLDS.projectsTouched, unit: 'projects', points: 0.15 });
    const points = (c?.evidence ?? []).reduce((sum, e) => sum + (e.measure?.points ?? 0), 0);
    expect(Math.min(1, Math.round(points * 100) / 100)).toBe(c?.score);
  });

  it.each([
    ['high volume alone', { windowDays: 90, issuesUpdated: 1_000 }, false],
    ['volume and spread, office hours', { windowDays: 90, issuesUpdated: 1_000, projectsTouched: 12, sampleTimes: officeSeries(40) }, false],
    ['volume and bursts at night', { windowDays: 90, issuesUpdated: 900, sampleTimes: bursts(6, 3, MONDAY + 1 * HOUR, 5_000) }, true],
    ['night owl with little volume', { windowDays: 90, issuesUpdated: 40, sampleTimes: [series(20, MONDAY + 23 * HOUR, 600_000)] }, false],
    ['busy person editing one issue in quick saves, office hours', { windowDays: 90, issuesUpdated: 200, projectsTouched: 3, sampleTimes: bursts(5, 3, MONDAY + 10 * HOUR, 4_000) }, false],
    ['too small a sample for timing', { windowDays: 90, issuesUpdated: 1_000, projectsTouched: 12, sampleTimes: [series(5, MONDAY + 2 * HOUR, 1_000)] }, false],
  ] as Array<[string, ActivitySignals, boolean]>)('borderline: %s → integration %s', (_name, signals, expected) => {
    expect(classify(person, signals, null)?.kind === 'person-integration').toBe(expected);
  });

  it("reads night in the person's own time zone", () => {
    // 14:00–16:00 UTC on weekdays is 23:00–01:00 in Tokyo.
    const times = Array.from({ length: 20 }, (_, i) => [MONDAY + (i % 4) * 24 * HOUR + 14 * HOUR + i * 300_000]);
    const utc = scorePerson({ windowDays: 90, issuesUpdated: 10, sampleTimes: times });
    const tokyo = scorePerson({ windowDays: 90, issuesUpdated: 10, sampleTimes: times, timeZone: 'Asia/Tokyo' });
    expect(utc.evidence.some((e) => e.signal === 'round the clock')).toBe(false);
    expect(tokyo.evidence.some((e) => e.signal === 'round the clock')).toBe(true);
  });
});

describe('classify: the admin override wins', () => {
  it('marks an ordinary person as an integration', () => {
    const c = classify(person, { windowDays: 90, issuesUpdated: 3 }, 'integration');
    expect(c?.kind).toBe('person-integration');
    expect(c?.evidence[0]?.signal).toBe('admin');
  });

  it('unmarks an automated-looking person', () => {
    expect(classify(person, { windowDays: 90, issuesUpdated: 5_000, projectsTouched: 20 }, 'not-integration')).toBeNull();
  });

  it('unmarks even an app account', () => {
    expect(classify({ accountType: 'app', appType: 'service', email: null }, null, 'not-integration')).toBeNull();
  });
});
