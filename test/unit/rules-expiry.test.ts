import { describe, expect, it } from 'vitest';
import { expiryTier } from '../../src/rules/expiry';
import { dueReminder, thresholdsCoveredBy } from '../../src/rules/reminder-thresholds';

const now = new Date('2026-03-10T15:30:00Z');

describe('expiryTier', () => {
  it.each([
    [null, 'unknown', null],
    ['not a date', 'unknown', null],
    ['2026-03-09', 'expired', -1],
    ['2026-03-10', 'critical', 0],
    ['2026-03-17', 'critical', 7],
    ['2026-03-18', 'warning', 8],
    ['2026-04-09', 'warning', 30],
    ['2026-04-10', 'ok', 31],
    ['2026-04-10T23:59:59.000Z', 'ok', 31],
  ])('%s is %s (%s days)', (expiresAt, tier, days) => {
    expect(expiryTier(expiresAt, now)).toEqual({ tier, daysToExpiry: days });
  });
});

describe('dueReminder', () => {
  it.each([
    [null, [], null],
    [-1, [], null],
    [45, [], null],
    [30, [], 30],
    [25, [30], null],
    [7, [30], 7],
    [5, [], 7],
    [5, [30, 7], null],
    [1, [30, 7], 1],
    [0, [30, 7], 1],
    [0, [30, 7, 1], null],
    [0, [], 1],
  ])('%s days left with %j sent: %s', (days, sent, due) => {
    expect(dueReminder(days, sent)).toBe(due);
  });

  it('counts looser thresholds as handled by a tighter one', () => {
    expect(thresholdsCoveredBy(7)).toEqual([30, 7]);
    expect(thresholdsCoveredBy(1)).toEqual([30, 7, 1]);
  });
});

describe('configured thresholds', () => {
  it.each([
    [20, [], [14, 3], null],
    [14, [], [3, 14], 14],
    [3, [14], [14, 3], 3],
    [2, [], [14, 3], 3],
    [2, [3], [14, 3], null],
    [0, [], [0], 0],
  ])('%s days, sent %j, thresholds %j: %s', (days, sent, thresholds, due) => {
    expect(dueReminder(days, sent, thresholds)).toBe(due);
  });

  it('covers the looser ones', () => {
    expect(thresholdsCoveredBy(3, [3, 14, 60])).toEqual([60, 14, 3]);
  });
});
