/**
 * How to react to a 429, from its RateLimit-Reason (Jira's rate-limiting page, 2026):
 * - quota (tenant or global hourly points): stop all background work until the reset;
 * - burst (per endpoint, per second): slow that endpoint and retry;
 * - per-issue writes: space out writes to that issue (we never blindly retry writes).
 * Unknown reasons are treated like quota, the cautious choice.
 */
export type RateLimitKind = 'quota' | 'burst' | 'per-issue';

interface HeaderSource {
  get(name: string): string | null;
}

/**
 * The header names Jira has used for the 429's reason: `RateLimit-Reason` (the rate-limiting
 * page), and `X-Beta-Ratelimit-Reason` / `Beta-RateLimit-Reason` (seen in a partner's log while
 * the headers are in beta; the prefix is dropped at enforcement). Header lookups are
 * case-insensitive, so the spellings differ only in their prefix.
 */
const REASON_HEADERS = ['ratelimit-reason', 'beta-ratelimit-reason', 'x-beta-ratelimit-reason', 'x-ratelimit-reason'];
const POLICY_HEADERS = ['ratelimit-policy', 'beta-ratelimit-policy', 'x-beta-ratelimit-policy'];
const STATE_HEADERS = ['ratelimit', 'beta-ratelimit', 'x-beta-ratelimit'];

/** The first of these headers the answer carries (non-empty), or null. */
function firstHeader(headers: HeaderSource, names: readonly string[]): string | null {
  for (const name of names) {
    const value = headers.get(name);
    if (value !== null && value.trim() !== '') return value.trim();
  }
  return null;
}

/** Why Jira refused a request (a 429's reason), whichever spelling of the header carried it. */
export function rateLimitReason(headers: HeaderSource): string | null {
  return firstHeader(headers, REASON_HEADERS);
}

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

/**
 * What Jira reported about one of the app's hourly points pools: `"tenant-app-quota"` (this site)
 * or `"global-app-quota"` (every site that installed the app). Jira sends the structured headers
 * `Beta-RateLimit-Policy: "tenant-app-quota";q=100100;w=3600` and
 * `Beta-RateLimit: "tenant-app-quota";r=17842;t=2107` (the `Beta-` prefix goes once the headers
 * are final, so both spellings are read, and the `X-Beta-` spelling of a partner's log too). `r`, the points remaining, comes only near the limit:
 * null means "not near the limit".
 */
export interface PoolReading {
  policy: string;
  limit: number | null;
  remaining: number | null;
  /** When the pool refills (ms). */
  resetAt: number;
  observedAt: number;
}

/** Parses a structured-field list such as `"a";r=1;t=2, "b";r=3` into names and parameters. */
function parseItems(value: string | null): Map<string, Map<string, string>> {
  const items = new Map<string, Map<string, string>>();
  for (const part of (value ?? '').split(',')) {
    const [head, ...params] = part.split(';').map((p) => p.trim());
    const name = head?.replace(/^"|"$/g, '');
    if (!name) continue;
    const map = new Map<string, string>();
    for (const p of params) {
      const [k, v] = p.split('=');
      if (k && v !== undefined) map.set(k.trim().toLowerCase(), v.trim());
    }
    items.set(name, map);
  }
  return items;
}

function numberOf(v: string | undefined): number | null {
  const n = Number(v);
  return v !== undefined && Number.isFinite(n) ? n : null;
}

/** The points pools an answer reported (empty when it carried no pool headers). */
export function readPools(headers: HeaderSource, now: number): PoolReading[] {
  const policies = parseItems(firstHeader(headers, POLICY_HEADERS));
  const states = parseItems(firstHeader(headers, STATE_HEADERS));
  const names = new Set([...policies.keys(), ...states.keys()]);
  return [...names].map((policy) => {
    const p = policies.get(policy);
    const s = states.get(policy);
    const window = numberOf(p?.get('w')) ?? 3600;
    const seconds = numberOf(s?.get('t'));
    return {
      policy,
      limit: numberOf(p?.get('q')),
      remaining: numberOf(s?.get('r')),
      resetAt: seconds === null ? (Math.floor(now / (window * 1000)) + 1) * window * 1000 : now + seconds * 1000,
      observedAt: now,
    };
  });
}
