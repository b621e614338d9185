import { describe, expect, it } from 'vitest';
import { BudgetSpentError, PointsBudget, poolCeiling } from '../../src/jira/points-budget';

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

  it("counts what the installation's other background work spent in the same hour, that hour only", () => {
    let now = 10 * HOUR + 1_000;
    const budget = new PointsBudget({ pointsPerHour: 1_000, hourStart: 10 * HOUR, used: 100, maxUsedInHour: 100 }, () => now, { hourStart: 10 * HOUR, points: 800 });
    budget.reserve(80)(80);
    expect(() => budget.reserve(1)).toThrow(BudgetSpentError);
    now = 11 * HOUR;
    budget.reserve(900)(900);
    expect(budget.snapshot().used).toBe(900);
  });

  it("keeps a low pool's fair share when Jira's reset, in whole seconds, lands just past the hour", () => {
    const now = 10 * HOUR + 64_500;
    const budget = new PointsBudget({ pointsPerHour: 10_000, hourStart: 10 * HOUR, used: 400, maxUsedInHour: 400 }, () => now);
    // t = 3536 s rounds 3535.5 s up: the reset comes half a second after 11:00.
    budget.observePools([{ policy: 'global-app-quota', limit: 600, remaining: 119, resetAt: now + 3_536_000, observedAt: now }]);
    budget.reserve(14)(14);
    expect(() => budget.reserve(1)).toThrow(BudgetSpentError);
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

describe('fair share of a points pool Jira reports low', () => {
  const reading = (remaining: number | null, limit: number | null, at = 10 * HOUR + 60_000) => ({ policy: 'global-app-quota', remaining, limit, resetAt: 11 * HOUR, observedAt: at });

  it.each<[string, ReturnType<typeof reading>, number, number | undefined]>([
    // remaining 12,000 of 65,000: the reserve is 6,500, a quarter of the 5,500 above it is 1,375.
    ['a quarter of what remains above the reserve', reading(12_000, 65_000), 3_000, 3_000 + 1_375],
    ['nothing when the pool is inside its reserve', reading(6_000, 65_000), 3_000, 3_000],
    ['no reserve when Jira does not say the size', reading(4_000, null), 0, 1_000],
    ['no ceiling when Jira does not say the pool is low', reading(null, 65_000), 3_000, undefined],
    // The tenant pool is this app's on this site alone: all of it above the reserve (10,010 of 100,100).
    ['all of the tenant pool above its reserve', { ...reading(17_842, 100_100), policy: 'tenant-app-quota' }, 3_000, 3_000 + 7_832],
  ])('%s', (_name, r, usedNow, ceiling) => {
    expect(poolCeiling(undefined, r, usedNow)?.ceiling).toBe(ceiling);
  });

  it('never rises with our own spending, and falls when others drain the pool faster', () => {
    const first = poolCeiling(undefined, reading(12_000, 65_000), 0);
    expect(first?.ceiling).toBe(1_375);
    // We spent 1,000 and the pool fell by just that: the ceiling stays.
    expect(poolCeiling(first, reading(11_000, 65_000), 1_000)?.ceiling).toBe(1_375);
    // Others took 4,000 more meanwhile: a quarter of what is left above the reserve now.
    expect(poolCeiling(first, reading(7_000, 65_000), 1_000)?.ceiling).toBe(1_000 + 125);
  });

  it('stops background requests at the ceiling until the pool resets, below the hourly budget', () => {
    let now = 10 * HOUR + 60_000;
    const budget = new PointsBudget({ pointsPerHour: 10_000, hourStart: 10 * HOUR, used: 0, maxUsedInHour: 0 }, () => now);
    budget.observePools([reading(12_000, 65_000)]);
    budget.reserve(1_000)(1_000);
    expect(budget.poolRemaining()).toBe(12_000);
    try {
      budget.reserve(400);
      throw new Error('expected the fair share to be spent');
    } catch (e) {
      expect(e).toBeInstanceOf(BudgetSpentError);
      expect((e as BudgetSpentError).resumeAt).toBe(11 * HOUR);
      expect((e as BudgetSpentError).reason).toContain('fair share');
    }
    now = 11 * HOUR + 1;
    expect(budget.poolRemaining()).toBeNull();
    budget.reserve(400)(400);
  });
});
