// The hourly points quota (atlassian-apis.md §4.8): one pool, reset at the top of each UTC hour of
// the site's clock, so an accelerated clock gives resets.
const HOUR_MS = 3_600_000;

export type QuotaKind = 'tenant' | 'global';

export class HourlyQuota {
  private used = 0;
  private windowStart = 0;

  constructor(
    public limit: number,
    public kind: QuotaKind = 'global',
  ) {}

  private roll(now: number): void {
    const start = Math.floor(now / HOUR_MS) * HOUR_MS;
    if (start !== this.windowStart) {
      this.windowStart = start;
      this.used = 0;
    }
  }

  exhausted(now: number): boolean {
    this.roll(now);
    return this.used >= this.limit;
  }

  charge(now: number, points: number): void {
    this.roll(now);
    this.used += points;
  }

  remaining(now: number): number {
    this.roll(now);
    return Math.max(0, this.limit - this.used);
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
