// Per-endpoint+method burst limits: token buckets refilled at the endpoint's rate per second.

/** Published defaults and the exceptions the app touches (atlassian-apis.md §4.8). */
const RATE_OVERRIDES: Record<string, number> = {
  'POST /rest/api/3/search/approximate-count': 150,
  'GET /rest/api/3/project/{projectIdOrKey}/role/{id}': 200,
  'GET /rest/api/3/issue/{issueIdOrKey}/changelog': 200,
  'GET /rest/api/3/user': 150,
};

export function burstRate(method: string, template: string): number {
  return RATE_OVERRIDES[`${method} ${template}`] ?? (method === 'PUT' || method === 'DELETE' ? 50 : 100);
}

export class BurstLimiter {
  private readonly buckets = new Map<string, { tokens: number; last: number }>();

  /** Takes a token; false when the bucket is empty. */
  take(method: string, template: string, now: number): boolean {
    const key = `${method} ${template}`;
    const rate = burstRate(method, template);
    const b = this.buckets.get(key) ?? { tokens: rate, last: now };
    b.tokens = Math.min(rate, b.tokens + ((now - b.last) / 1000) * rate);
    b.last = now;
    this.buckets.set(key, b);
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }
}
