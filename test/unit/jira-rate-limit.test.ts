import { describe, expect, it, vi } from 'vitest';

// The client's transport is replaced by a scripted one: this tests waits and deadlines only.
const answers: Array<{ status: number; headers?: Record<string, string>; body?: unknown }> = [];
vi.mock('@forge/api', () => {
  const requestJira = () => {
    const a = answers.shift() ?? { status: 200, body: {} };
    return Promise.resolve(new Response(a.body === undefined ? null : JSON.stringify(a.body), { status: a.status, headers: a.headers ?? {} }));
  };
  return { default: { asApp: () => ({ requestJira }), asUser: () => ({ requestJira }) }, route: (s: TemplateStringsArray) => ({ value: s.join('') }) };
});

const { JiraClient, BACKGROUND } = await import('../../src/jira/client');
const { DeadlineError } = await import('../../src/jira/errors');
const { readPools, rateLimitReason, rateLimitKind } = await import('../../src/jira/rate-limit');
const { QuotaExhaustedError } = await import('../../src/jira/errors');
const { route } = await import('@forge/api');

function clientAt(start: number, deadline: number, sleeps: number[]) {
  let now = start;
  const env = { now: () => now, sleep: (ms: number) => ((now += ms), sleeps.push(ms), Promise.resolve()), random: () => 0.5 };
  return new JiraClient(BACKGROUND, { env, deadline });
}

describe("Jira's points pool headers", () => {
  it.each<[string, Record<string, string>, Array<{ policy: string; limit: number | null; remaining: number | null; resetAt: number }>]>([
    ['a tenant pool near its limit (as a partner logged it)', { 'Beta-RateLimit-Policy': '"tenant-app-quota";q=100100;w=3600', 'Beta-RateLimit': '"tenant-app-quota";r=17842;t=2107' }, [{ policy: 'tenant-app-quota', limit: 100_100, remaining: 17_842, resetAt: 2_107_000 }]],
    ['a global pool far from its limit (no r)', { 'Beta-RateLimit-Policy': '"global-app-quota";q=65000;w=3600', 'Beta-RateLimit': '"global-app-quota";t=600' }, [{ policy: 'global-app-quota', limit: 65_000, remaining: null, resetAt: 600_000 }]],
    ['both pools, final header names', { 'RateLimit-Policy': '"tenant-app-quota";q=100;w=3600, "global-app-quota";q=65000;w=3600', RateLimit: '"tenant-app-quota";r=5;t=10, "global-app-quota";t=10' }, [
      { policy: 'tenant-app-quota', limit: 100, remaining: 5, resetAt: 10_000 },
      { policy: 'global-app-quota', limit: 65_000, remaining: null, resetAt: 10_000 },
    ]],
    ['the X-Beta- spelling of a partner\'s log, any case', { 'x-beta-ratelimit-policy': '"global-app-quota";q=65000;w=3600', 'X-BETA-RATELIMIT': '"global-app-quota";r=900;t=60' }, [{ policy: 'global-app-quota', limit: 65_000, remaining: 900, resetAt: 60_000 }]],
    ['no pool headers', { 'X-RateLimit-Limit': '350' }, []],
  ])('%s', (_name, headers, expected) => {
    expect(readPools(new Headers(headers), 0).map(({ observedAt: _o, ...rest }) => rest)).toEqual(expected);
  });
});

describe("a 429's reason, whichever header spelling carries it", () => {
  it.each<[string, Record<string, string>, string | null, string]>([
    ['RateLimit-Reason (the rate-limiting page)', { 'RateLimit-Reason': 'jira-burst-based' }, 'jira-burst-based', 'burst'],
    ['X-Beta-Ratelimit-Reason (a partner\'s log)', { 'X-Beta-Ratelimit-Reason': 'jira-burst-based' }, 'jira-burst-based', 'burst'],
    ['Beta-RateLimit-Reason, lower case', { 'beta-ratelimit-reason': 'jira-per-issue-on-write' }, 'jira-per-issue-on-write', 'per-issue'],
    ['a tenant quota', { 'X-Beta-RateLimit-Reason': 'jira-quota-tenant-based' }, 'jira-quota-tenant-based', 'quota'],
    ['no reason at all: treated as quota', {}, null, 'quota'],
  ])('%s', (_name, headers, reason, kind) => {
    expect(rateLimitReason(new Headers(headers))).toBe(reason);
    expect(rateLimitKind(rateLimitReason(new Headers(headers)))).toBe(kind);
  });

  it('a burst 429 told in the X-Beta- header is retried, not taken for a spent quota', async () => {
    const sleeps: number[] = [];
    const client = clientAt(0, 60_000, sleeps);
    answers.push({ status: 429, headers: { 'Retry-After': '1', 'X-Beta-Ratelimit-Reason': 'jira-burst-based' } });
    answers.push({ status: 200, body: { accountId: 'a' } });
    await expect(client.json({ actor: 'app', route: route`/rest/api/3/myself` })).resolves.toEqual({ accountId: 'a' });
    expect(sleeps.length).toBe(1);
  });

  it('a quota 429 told in the X-Beta- header stops background work', async () => {
    const client = clientAt(0, 60_000, []);
    answers.push({ status: 429, headers: { 'Retry-After': '30', 'X-Beta-Ratelimit-Reason': 'jira-quota-global-based' } });
    await expect(client.json({ actor: 'app', route: route`/rest/api/3/myself` })).rejects.toBeInstanceOf(QuotaExhaustedError);
  });
});

describe("a background call's waits end by the step's deadline", () => {
  it('gives up at once when Retry-After would end after the deadline', async () => {
    const sleeps: number[] = [];
    const client = clientAt(0, 60_000, sleeps);
    answers.push({ status: 429, headers: { 'Retry-After': '90', 'RateLimit-Reason': 'jira-burst-based' } });
    await expect(client.json({ actor: 'app', route: route`/rest/api/3/myself` })).rejects.toBeInstanceOf(DeadlineError);
    expect(sleeps).toEqual([]);
  });

  it('retries 5xx answers while the backoff fits, then stops at the deadline', async () => {
    const sleeps: number[] = [];
    const client = clientAt(0, 10_000, sleeps);
    for (let i = 0; i < 6; i++) answers.push({ status: 500 });
    await expect(client.json({ actor: 'app', route: route`/rest/api/3/myself` })).rejects.toBeInstanceOf(DeadlineError);
    // 2 s, 4 s: the third backoff (8 s) would end past 10 s.
    expect(sleeps).toEqual([2_000, 4_000]);
    answers.length = 0;
  });

  it('answers normally when nothing needs to wait', async () => {
    const client = clientAt(0, 1_000, []);
    answers.push({ status: 200, body: { accountId: 'a' } });
    await expect(client.json({ actor: 'app', route: route`/rest/api/3/myself` })).resolves.toEqual({ accountId: 'a' });
  });
});
