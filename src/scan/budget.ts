/**
 * A per-installation hourly points budget. Jira's default pool (65,000 points an hour) is shared
 * by every site that installs the app, so each installation keeps its scans to its own share and
 * pauses until the next hour when the share is spent.
 */
export interface BudgetState {
  pointsPerHour: number;
  /** Start (ms) of the clock hour the `used` figure belongs to. */
  hourStart: number;
  used: number;
  /** Most points spent in any one clock hour of this scan. */
  maxUsedInHour: number;
}

const HOUR = 3_600_000;
/**
 * Share of the hour's budget kept spare: the app estimates each answer's cost from Jira's published
 * model, and requests that fail or time out may still be charged by Jira.
 */
const SAFETY_MARGIN = 0.02;

export class BudgetSpentError extends Error {
  constructor(readonly resumeAt: number) {
    super(`This hour's scan budget is spent; resuming at ${new Date(resumeAt).toISOString()}`);
    this.name = 'BudgetSpentError';
  }
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

  constructor(
    private state: BudgetState,
    private readonly now: () => number = Date.now,
  ) {}

  snapshot(): BudgetState {
    this.roll();
    return { ...this.state };
  }

  reserve(maxCost: number): (points: number) => void {
    this.roll();
    const usable = Math.floor(this.state.pointsPerHour * (1 - SAFETY_MARGIN));
    if (this.state.used + this.reserved + maxCost > usable) throw new BudgetSpentError(this.state.hourStart + HOUR);
    this.reserved += maxCost;
    return (points) => {
      this.reserved -= maxCost;
      this.roll();
      // A request that straddled the hour's end is charged to the hour it ended in.
      this.state.used += points;
      this.state.maxUsedInHour = Math.max(this.state.maxUsedInHour, this.state.used);
    };
  }

  private roll(): void {
    const hour = hourOf(this.now());
    if (hour !== this.state.hourStart) this.state = { ...this.state, hourStart: hour, used: 0 };
  }
}
