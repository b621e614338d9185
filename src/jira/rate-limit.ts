/**
 * How to react to a 429, from its RateLimit-Reason (Jira's rate-limiting page, 2026):
 * - quota (tenant or global hourly points): stop all background work until the reset;
 * - burst (per endpoint, per second): slow that endpoint and retry;
 * - per-issue writes: space out writes to that issue (we never blindly retry writes).
 * Unknown reasons are treated like quota, the cautious choice.
 */
export type RateLimitKind = 'quota' | 'burst' | 'per-issue';

export function rateLimitKind(reason: string | null): RateLimitKind {
  if (reason === 'jira-burst-based') return 'burst';
  if (reason === 'jira-per-issue-on-write') return 'per-issue';
  return 'quota';
}

/**
 * Milliseconds to wait after a 429 or 503: at least Retry-After (seconds). For a quota 429 also
 * until X-RateLimit-Reset (the quota's reset time); a burst limit clears within seconds, whatever
 * the hourly reset says.
 */
export function retryAfterMs(headers: { get(name: string): string | null }, now: number, kind: RateLimitKind | null = null): number {
  const seconds = Number(headers.get('retry-after'));
  const fromRetryAfter = Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 0;
  if (kind !== 'quota') return fromRetryAfter;
  const reset = Date.parse(headers.get('x-ratelimit-reset') ?? '');
  const fromReset = Number.isFinite(reset) ? Math.max(0, reset - now) : 0;
  return Math.max(fromRetryAfter, fromReset);
}

/** Exponential backoff with jitter in 0.7–1.3 (Atlassian's guidance), capped. */
export function backoffMs(attempt: number, baseMs: number, capMs: number, random: () => number): number {
  const exp = Math.min(capMs, baseMs * 2 ** attempt);
  return Math.round(exp * (0.7 + 0.6 * random()));
}
