import type { PoolReading } from './rate-limit';

/**
 * A per-installation hourly points budget. Jira's default pool (65,000 points an hour) is shared
 * by every site that installs the app, so each installation keeps its background work (scans, and
 * the smaller jobs of background-budget.ts) to its own share and pauses until the next hour when
 * the share is spent. When Jira reports that one of the app's
 * pools (tenant or global) is running low, background work also keeps to a fair share of what
 * remains in it (see poolCeiling).
 */
export interface BudgetState {
  pointsPerHour: number;
  /** Start (ms) of the clock hour the `used` figure belongs to. */
  hourStart: number;
  used: number;
  /** Most points spent in any one clock hour of this scan. */
  maxUsedInHour: number;
  /** Low pools Jira reported this window, with the most this installation may have spent by their reset. */
  pools?: PoolLimit[];
}

/** A points pool that Jira reported near its limit, and this installation's ceiling in it. */
export interface PoolLimit {
  policy: string;
  remaining: number;
  limit: number | null;
  resetAt: number;
  /** Background work stops when this hour's `used` would pass this (points, same count as `used`). */
  ceiling: number;
}

/** Share of a low pool's remaining points (above the reserve) that one installation's background work may take. */
export const POOL_SHARE = 0.25;
/** Part of a pool that background work never spends: left for page views, the site's users and other sites. */
export const POOL_RESERVE = 0.1;

const HOUR = 3_600_000;
const RESET_ROUNDING_MS = 2_000;
/**
 * Share of the hour's budget kept spare: the app estimates each answer's cost from Jira's published
 * model, and requests that fail or time out may still be charged by Jira.
 */
const SAFETY_MARGIN = 0.02;

export class BudgetSpentError extends Error {
  constructor(
    readonly resumeAt: number,
    /** Why, for people: the installation's own budget, or a fair share of a pool Jira says is low. */
    readonly reason = "this hour's scan budget is spent",
  ) {
    super(`The scan waits: ${reason}; resuming at ${new Date(resumeAt).toISOString()}`);
    this.name = 'BudgetSpentError';
  }
}

/**
 * The fair-share rule for one reading of a low pool: this installation may have spent, this hour,
 * at most what it had spent when the reading came plus POOL_SHARE of what then remained above
 * POOL_RESERVE of the pool (for the tenant pool, which no other site shares, all of it above the
 * reserve). Later readings only lower the ceiling (when other sites or page views
 * drain the pool faster than we do); our own spending never raises it. A pool Jira does not report
 * as low (no remaining figure) sets no ceiling.
 */
export function poolCeiling(previous: PoolLimit | undefined, reading: PoolReading, usedNow: number): PoolLimit | undefined {
  if (reading.remaining === null) return previous && previous.resetAt > reading.observedAt ? previous : undefined;
  const reserve = reading.limit === null ? 0 : reading.limit * POOL_RESERVE;
  // The global pool is shared with every other site that installed the app: a fair share of it.
  // The tenant pool is this app's on this site alone: all of it but the reserve for page views.
  const share = reading.policy.startsWith('tenant') ? 1 : POOL_SHARE;
  const ceiling = usedNow + Math.floor(Math.max(0, reading.remaining - reserve) * share);
  const current = previous && previous.resetAt > reading.observedAt ? previous.ceiling : Infinity;
  return { policy: reading.policy, remaining: reading.remaining, limit: reading.limit, resetAt: reading.resetAt, ceiling: Math.min(current, ceiling) };
}

export function hourOf(now: number): number {
  return Math.floor(now / HOUR) * HOUR;
}

/**
 * Requests reserve their largest possible cost before they are sent and settle the real cost when
 * they answer, so that requests in flight together can never overshoot the hour's budget.
 */
export class PointsBudget {
  private reserved = 0;

  /**
   * `others`: what the installation's other background work spent in the clock hour `othersHour`
   * (read when this budget is opened); it counts against the same hourly budget, that hour only.
   */
  constructor(
    private state: BudgetState,
    private readonly now: () => number = Date.now,
    private readonly others: { hourStart: number; points: number } = { hourStart: 0, points: 0 },
  ) {}

  /** Points this hour that others spent: the figure read at the start, while the hour lasts. */
  private othersNow(): number {
    return this.others.hourStart === this.state.hourStart ? this.others.points : 0;
  }

  snapshot(): BudgetState {
    this.roll();
    return { ...this.state };
  }

  reserve(maxCost: number): (points: number) => void {
    this.roll();
    const usable = Math.floor(this.state.pointsPerHour * (1 - SAFETY_MARGIN));
    if (this.state.used + this.othersNow() + this.reserved + maxCost > usable) throw new BudgetSpentError(this.state.hourStart + HOUR);
    const now = this.now();
    for (const pool of this.state.pools ?? []) {
      if (pool.resetAt > now && this.state.used + this.reserved + maxCost > pool.ceiling) {
        throw new BudgetSpentError(pool.resetAt, `Jira reports the app's ${pool.policy} pool low (${pool.remaining} points left), and this site has taken its fair share of it`);
      }
    }
    this.reserved += maxCost;
    return (points) => {
      this.reserved -= maxCost;
      this.roll();
      // A request that straddled the hour's end is charged to the hour it ended in.
      this.state.used += points;
      this.state.maxUsedInHour = Math.max(this.state.maxUsedInHour, this.state.used);
    };
  }

  /** Takes Jira's latest report of the app's points pools into account. */
  observePools(readings: PoolReading[]): void {
    this.roll();
    const pools = new Map((this.state.pools ?? []).map((p) => [p.policy, p]));
    for (const reading of readings) {
      const next = poolCeiling(pools.get(reading.policy), reading, this.state.used + this.reserved);
      if (next) pools.set(reading.policy, next);
      else pools.delete(reading.policy);
    }
    this.state = { ...this.state, pools: [...pools.values()] };
  }

  /** The least Jira last reported left in any of the app's pools, or null when none was reported low. */
  poolRemaining(): number | null {
    const now = this.now();
    const live = (this.state.pools ?? []).filter((p) => p.resetAt > now);
    return live.length ? Math.min(...live.map((p) => p.remaining)) : null;
  }

  private roll(): void {
    const now = this.now();
    const hour = hourOf(now);
    if (hour !== this.state.hourStart) this.state = { ...this.state, hourStart: hour, used: 0 };
    // A pool's ceiling counts this hour's `used`, so it lasts no longer than the hour (or the pool's
    // reset). Jira gives the reset in whole seconds (`t`), rounded up: a reset a moment past the
    // hour's end is this hour's.
    const lasts = (p: PoolLimit) => p.resetAt > now && p.resetAt <= hour + HOUR + RESET_ROUNDING_MS;
    if (this.state.pools?.some((p) => !lasts(p))) this.state = { ...this.state, pools: this.state.pools.filter(lasts) };
  }
}
