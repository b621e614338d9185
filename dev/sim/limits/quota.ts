// The hourly points quota (atlassian-apis.md §4.8): one pool, reset at the top of each UTC hour of
// the site's clock, so an accelerated clock gives resets.
const HOUR_MS = 3_600_000;

export type QuotaKind = 'tenant' | 'global';

export class HourlyQuota {
  private used = 0;
  private windowStart = 0;
  /**
   * Points other installations of the app take from this pool each hour, spread evenly over the
   * hour (the global pool is shared by every site that installed the app).
   */
  othersPerHour = 0;

  constructor(
    public limit: number,
    public kind: QuotaKind = 'global',
  ) {}

  /** Points spent in the current window: this site's, plus the other installations' so far. */
  private spent(now: number): number {
    return this.used + Math.floor((this.othersPerHour * (now - this.windowStart)) / HOUR_MS);
  }

  private roll(now: number): void {
    const start = Math.floor(now / HOUR_MS) * HOUR_MS;
    if (start !== this.windowStart) {
      this.windowStart = start;
      this.used = 0;
    }
  }

  exhausted(now: number): boolean {
    this.roll(now);
    return this.spent(now) >= this.limit;
  }

  charge(now: number, points: number): void {
    this.roll(now);
    this.used += points;
  }

  remaining(now: number): number {
    this.roll(now);
    return Math.max(0, this.limit - this.spent(now));
  }

  resetAt(now: number): number {
    this.roll(now);
    return this.windowStart + HOUR_MS;
  }

  reason(): 'jira-quota-tenant-based' | 'jira-quota-global-based' {
    return this.kind === 'tenant' ? 'jira-quota-tenant-based' : 'jira-quota-global-based';
  }

  policyName(): string {
    return this.kind === 'tenant' ? 'tenant-app-quota' : 'global-app-quota';
  }
}
