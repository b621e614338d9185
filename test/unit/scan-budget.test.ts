import { describe, expect, it } from 'vitest';
import { BudgetSpentError, PointsBudget } from '../../src/scan/budget';

const HOUR = 3_600_000;

describe('the per-installation hourly points budget', () => {
  it('lets requests through while their largest cost fits, keeping 2% spare', () => {
    let now = 10 * HOUR + 1_000;
    const budget = new PointsBudget({ pointsPerHour: 1_000, hourStart: 10 * HOUR, used: 0, maxUsedInHour: 0 }, () => now);
    const settle = budget.reserve(900);
    expect(() => budget.reserve(100)).toThrow(BudgetSpentError);
    settle(500);
    budget.reserve(480)(480);
    expect(budget.snapshot().used).toBe(980);
    try {
      budget.reserve(1);
      throw new Error('expected the budget to be spent');
    } catch (e) {
      expect(e).toBeInstanceOf(BudgetSpentError);
      expect((e as BudgetSpentError).resumeAt).toBe(11 * HOUR);
    }
    now = 11 * HOUR + 5;
    expect(budget.snapshot()).toMatchObject({ hourStart: 11 * HOUR, used: 0, maxUsedInHour: 980 });
    budget.reserve(10)(10);
    expect(budget.snapshot().used).toBe(10);
  });

  it('charges a request that straddles the hour to the hour it ended in', () => {
    let now = 10 * HOUR + HOUR - 1;
    const budget = new PointsBudget({ pointsPerHour: 1_000, hourStart: 10 * HOUR, used: 100, maxUsedInHour: 100 }, () => now);
    const settle = budget.reserve(50);
    now = 11 * HOUR + 1;
    settle(40);
    expect(budget.snapshot()).toMatchObject({ hourStart: 11 * HOUR, used: 40 });
  });
});
