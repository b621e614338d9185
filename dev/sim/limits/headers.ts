// Rate-limit response headers the way Jira sends them to apps.
import type { HourlyQuota } from './quota.js';

export function quotaHeaders(quota: HourlyQuota, now: number): Record<string, string> {
  const remaining = quota.remaining(now);
  const resetAt = quota.resetAt(now);
  const secondsToReset = Math.max(0, Math.ceil((resetAt - now) / 1000));
  const near = remaining < quota.limit * 0.2;
  const policy = quota.policyName();
  return {
    'X-RateLimit-Limit': String(quota.limit),
    'X-RateLimit-Remaining': String(remaining),
    'X-RateLimit-Reset': new Date(resetAt).toISOString(),
    ...(near ? { 'X-RateLimit-NearLimit': 'true' } : {}),
    'Beta-RateLimit-Policy': `"${policy}";q=${quota.limit};w=3600`,
    // r (remaining) is only shown near the limit, as on Jira.
    'Beta-RateLimit': near ? `"${policy}";r=${remaining};t=${secondsToReset}` : `"${policy}";t=${secondsToReset}`,
  };
}

export function secondsUntilReset(quota: HourlyQuota, now: number): number {
  return Math.max(1, Math.ceil((quota.resetAt(now) - now) / 1000));
}
