// createSimSite: builds the data and runs each request through the same pipeline a Jira edge
// would: authentication, injected faults, routing, quota and burst limits, handler, headers.
import { Access, type Caller } from './access.js';
import { FaultState, PathFaults } from './faults.js';
import { buildSite } from './generate/site.js';
import { jiraError, type HandlerResult } from './http.js';
import { pointsFor } from './limits/cost.js';
import { quotaHeaders, secondsUntilReset } from './limits/headers.js';
import { BurstLimiter } from './limits/burst.js';
import { HourlyQuota } from './limits/quota.js';
import { Meter } from './meter.js';
import { createMutate } from './mutate.js';
import { createRoutes } from './routes.js';
import { createTruth } from './truth.js';
import { productEventOf } from './render/product-event.js';
import type { Persona, RecordedRequest, SimRequest, SimResponse, SimSite, SimSiteOptions } from './types.js';

export function createSimSite(options: SimSiteOptions = {}): SimSite {
  const now = options.now ?? (() => Date.now());
  // The data is anchored at the start of the current UTC day, so that sites built from one seed on
  // one day are identical (two hosts started a few seconds apart see the same issues and times).
  const site = buildSite({ size: options.size ?? 'demo', seed: options.seed ?? 1, now: options.dataAnchor ?? Math.floor(now() / 86_400_000) * 86_400_000 });
  if (options.nameTag) for (const user of site.users) user.displayName = `${user.displayName}${options.nameTag}`;
  const access = new Access(site);
  const router = createRoutes();
  const meter = new Meter();
  const observers = new Set<(endpoint: string, points: number) => void>();
  const faults = new FaultState();
  // The app's global pool (shared with other installations: a knob) and, once set, this site's
  // tenant pool (Tier 2 quotas); a request is charged to both and refused by the first one spent.
  const global = new HourlyQuota(options.hourlyPoints ?? 65_000, 'global');
  let tenant: HourlyQuota | null = null;
  const pools = (): HourlyQuota[] => (tenant ? [tenant, global] : [global]);
  const spentPool = (t: number): HourlyQuota | undefined => pools().find((q) => q.exhausted(t));
  const pathFaults = new PathFaults();
  const burst = new BurstLimiter();
  const recorded: RecordedRequest[] = [];

  const resolveCaller = (req: SimRequest): Caller | null => {
    if (req.caller.kind === 'app') {
      const bot = site.users[site.appBotIdx];
      return bot ? { isApp: true, user: bot } : null;
    }
    const user = site.usersByAccountId.get(req.caller.accountId);
    return user && user.accountType === 'atlassian' ? { isApp: false, user } : null;
  };

  const rateLimited = (reason: string, retryAfter: number, t: number): SimResponse => ({
    status: 429,
    headers: { ...quotaHeaders(pools(), t), 'Retry-After': String(retryAfter), 'RateLimit-Reason': reason, 'Content-Type': 'application/json' },
    body: { errorMessages: ['Rate limit exceeded.'], errors: {} },
  });

  const serve = (req: SimRequest, t: number): { response: SimResponse; endpoint: string; points: number } => {
    const method = req.method.toUpperCase();
    const json = (r: HandlerResult, extra: Record<string, string> = {}): SimResponse => ({
      status: r.status,
      headers: { ...quotaHeaders(pools(), t), ...(r.body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...extra },
      ...(r.body !== undefined ? { body: r.body } : {}),
    });
    const fault = faults.takeFailure();
    if (fault?.kind === 'rateLimit') {
      const retry = fault.retryAfterSeconds ?? (fault.reason === 'jira-burst-based' ? 1 : secondsUntilReset(global, t));
      return { response: rateLimited(fault.reason, retry, t), endpoint: `${method} (fault)`, points: 0 };
    }
    if (fault?.kind === 'serverError') {
      const extra: Record<string, string> = fault.status === 503 ? { 'Retry-After': '2' } : {};
      return { response: json(jiraError(fault.status, ['Internal server error.']), extra), endpoint: `${method} (fault)`, points: 0 };
    }
    const caller = resolveCaller(req);
    if (!caller) {
      return { response: json(jiraError(401, ['You are not authenticated. Authentication required to perform this operation.'])), endpoint: `${method} (unauthenticated)`, points: 0 };
    }
    const match = router.match(method, req.path);
    if (!match || 'methodNotAllowed' in match) {
      const r = match ? jiraError(405, [`Method ${method} is not allowed for ${req.path}.`]) : jiraError(404, ['Not found']);
      return { response: json(r), endpoint: `${method} (unknown)`, points: 1 };
    }
    const endpoint = `${method} ${match.route.template}`;
    const spent = spentPool(t);
    if (spent) return { response: rateLimited(spent.reason(), secondsUntilReset(spent, t), t), endpoint, points: 0 };
    if (!burst.take(method, match.route.template, t)) return { response: rateLimited('jira-burst-based', 1, t), endpoint, points: 0 };
    const result = match.route.handler({ req: { ...req, method }, params: match.params, site, access, caller, now: t, changed: () => access.invalidate() });
    const points = pointsFor(result.cost);
    for (const q of pools()) q.charge(t, points);
    return { response: json(result), endpoint, points };
  };

  /** The answer of a fault added with POST /dev/sim/faults: Jira's error body and headers for that status. */
  const injected = (req: SimRequest, status: number, t: number): { response: SimResponse; endpoint: string; points: number } => {
    const endpoint = `${req.method.toUpperCase()} (fault)`;
    if (status === 429) return { response: rateLimited('jira-burst-based', 1, t), endpoint, points: 0 };
    const r = jiraError(status, [`Injected fault: ${status}.`]);
    const headers: Record<string, string> = { ...quotaHeaders(pools(), t), 'Content-Type': 'application/json', ...(status === 503 ? { 'Retry-After': '2' } : {}) };
    return { response: { status, headers, body: r.body }, endpoint, points: 0 };
  };

  return {
    async handle(req) {
      const pathFault = pathFaults.take(req.path);
      const latency = faults.latencyMs() + (pathFault?.latencyMs ?? 0);
      if (latency > 0) await new Promise((resolve) => setTimeout(resolve, latency));
      const t = now();
      const { response, endpoint, points } = pathFault && pathFault.status !== 200 ? injected(req, pathFault.status, t) : serve(req, t);
      meter.add(endpoint, points, t);
      for (const observe of observers) observe(endpoint, points);
      if (response.status === 200 && faults.takeJunkBody()) {
        // Truncated JSON, as a proxy cutting a response short would leave it.
        response.body = JSON.stringify(response.body ?? {}).slice(0, 40);
      }
      recorded.push({ method: req.method.toUpperCase(), path: req.path, status: response.status });
      return response;
    },
    personas(): Persona[] {
      return site.personas.map((p) => {
        const u = site.users[p.userIdx];
        return {
          accountId: u?.accountId ?? '',
          displayName: u?.displayName ?? '',
          role: p.role,
          projects: p.projectIdxs.map((i) => site.projects[i]?.key ?? ''),
        };
      });
    },
    avatars: {
      setBaseUrl: (url) => void (site.avatarBaseUrl = url),
      origin: () => (site.avatarBaseUrl ? new URL(site.avatarBaseUrl).origin : null),
    },
    meter: {
      snapshot: () => meter.snapshot(),
      reset: () => meter.reset(),
      observe: (listener) => {
        observers.add(listener);
        return () => void observers.delete(listener);
      },
    },
    faults: { set: (f) => faults.set(f), clear: () => faults.clear() },
    pathFaults,
    quota: {
      set(o) {
        // A kind sets that pool (a tenant pool is created on first use); no kind sets every pool.
        if (o.kind === 'tenant') {
          tenant ??= new HourlyQuota(global.limit, 'tenant');
          if (o.hourlyPoints !== undefined) tenant.limit = o.hourlyPoints;
        } else if (o.kind === 'global') {
          if (o.hourlyPoints !== undefined) global.limit = o.hourlyPoints;
        } else if (o.hourlyPoints !== undefined) {
          for (const q of pools()) q.limit = o.hourlyPoints;
        }
        if (o.otherInstallations !== undefined || o.otherPointsPerHour !== undefined) {
          global.othersPerHour = (o.otherInstallations ?? 0) * (o.otherPointsPerHour ?? 0);
        }
      },
      remaining: (t = now()) => ({ global: global.remaining(t), tenant: tenant ? tenant.remaining(t) : null }),
    },
    recorded: () => recorded.slice(),
    truth: createTruth(site, access),
    productEvents: {
      subscribe: (listener) =>
        site.issues.onEvent((eventId) => {
          const event = productEventOf(site, eventId);
          if (event) listener(event);
        }),
    },
    mutate: createMutate(site, access, now),
  };
}
