// Rate-limit response headers the way Jira sends them to apps (atlassian-apis.md §4.8): the
// points pools in the structured `Beta-RateLimit-Policy` / `Beta-RateLimit` headers (one list item
// per pool: tenant and global), `r` (remaining) only near the limit, as on Jira.
import type { HourlyQuota } from './quota.js';

export function quotaHeaders(pools: HourlyQuota[], now: number): Record<string, string> {
  const tightest = pools.reduce((a, b) => (b.remaining(now) < a.remaining(now) ? b : a));
  const remaining = tightest.remaining(now);
  const near = pools.some((q) => q.remaining(now) < q.limit * 0.2);
  const item = (q: HourlyQuota): string => {
    const secondsToReset = Math.max(0, Math.ceil((q.resetAt(now) - now) / 1000));
    const left = q.remaining(now);
    return left < q.limit * 0.2 ? `"${q.policyName()}";r=${left};t=${secondsToReset}` : `"${q.policyName()}";t=${secondsToReset}`;
  };
  return {
    'X-RateLimit-Limit': String(tightest.limit),
    'X-RateLimit-Remaining': String(remaining),
    'X-RateLimit-Reset': new Date(tightest.resetAt(now)).toISOString(),
    ...(near ? { 'X-RateLimit-NearLimit': 'true' } : {}),
    'Beta-RateLimit-Policy': pools.map((q) => `"${q.policyName()}";q=${q.limit};w=3600`).join(', '),
    'Beta-RateLimit': pools.map(item).join(', '),
  };
}

export function secondsUntilReset(quota: HourlyQuota, now: number): number {
  return Math.max(1, Math.ceil((quota.resetAt(now) - now) / 1000));
}
