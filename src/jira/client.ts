import api, { type Route } from '@forge/api';
import { DeadlineError, JiraError, JiraUnavailableError, QuotaExhaustedError, messagesOf } from './errors';
import { backoffMs, readPools, rateLimitKind, rateLimitReason, retryAfterMs, type PoolReading } from './rate-limit';
import { currentInstallation } from './tenant';

/**
 * Who a request acts as. Access checks run as the calling user (their own Jira permissions);
 * data gathering runs as the app. Never mix them up: asApp sees more than the caller may.
 */
export type Actor = 'user' | 'app';

export interface JiraRequest {
  actor: Actor;
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  route: Route;
  body?: unknown;
  /**
   * A POST that only reads (search, counts, bulk fetches): safe to send again. Writes are never
   * retried blindly, since Jira may have applied a write whose answer was lost.
   */
  readOnly?: boolean;
  /**
   * Jira's points for this answer (1 per request, plus 1 per issue or project and 2 per user,
   * group, role or permission returned). Defaults to 1; used for per-installation budgets.
   */
  cost?: (body: unknown) => number;
  /** The most this request can cost (for budgets that must not overshoot); defaults to 1. */
  maxCost?: number;
}

/** How hard to try: a page waiting on a resolver cannot wait long; background work can. */
export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Longest single wait we accept for a burst 429 before giving up on this call. */
  maxWaitMs: number;
  timeoutMs: number;
}

export const INTERACTIVE: RetryPolicy = { maxAttempts: 2, baseDelayMs: 300, maxDelayMs: 1_000, maxWaitMs: 2_000, timeoutMs: 8_000 };
export const BACKGROUND: RetryPolicy = { maxAttempts: 6, baseDelayMs: 2_000, maxDelayMs: 60_000, maxWaitMs: 120_000, timeoutMs: 30_000 };

export interface ClientEnvironment {
  now(): number;
  sleep(ms: number): Promise<void>;
  random(): number;
}

const realEnvironment: ClientEnvironment = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: () => Math.random(),
};

/** What one request cost and how it went, for budgets and scan status. */
export interface RequestObserver {
  /**
   * Called before each send; may throw (e.g. a budget that is spent) to stop the request. Answers
   * the function to call once the request's cost is known (0 when it got no answer).
   */
  beforeSend(info: { method: string; path: string; maxCost: number }): (outcome: { status: number; points: number }) => void;
  /** Jira's report of the app's points pools (tenant, global), from any answer that carried one. */
  onPools?(pools: PoolReading[]): void;
}

/**
 * Typed JSON requests over requestJira with Jira's failure modes handled: 5xx, timeouts and junk
 * answers retried with jittered exponential backoff (reads only); 429 handled by its reason; a
 * concurrency cap. A quota 429 throws QuotaExhaustedError at once with the reset time, so that
 * background work can pause until then instead of spinning.
 */
export class JiraClient {
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  /**
   * Per-endpoint pause after a burst 429: later calls to that endpoint wait until then. Jira's burst
   * limits are per tenant, so the pause is kept per installation (one site's 429 never slows another).
   */
  private readonly slowUntil = new Map<string, number>();

  constructor(
    private readonly policy: RetryPolicy = INTERACTIVE,
    private readonly options: {
      maxConcurrency?: number;
      /** Starts at most this many requests a second, below Jira's per-endpoint burst limits (100/s). */
      maxRequestsPerSecond?: number;
      env?: ClientEnvironment;
      observer?: RequestObserver;
      /**
       * No wait for Jira (backoff, Retry-After, an answer) ends after this time (ms): a call that
       * would wait longer throws DeadlineError, so that a background step ends inside its timeout.
       */
      deadline?: number;
    } = {},
  ) {}

  /** When the next request may start, for pacing. */
  private nextStart = 0;

  private async pace(): Promise<void> {
    const rps = this.options.maxRequestsPerSecond;
    if (!rps) return;
    const now = this.env.now();
    const start = Math.max(now, this.nextStart);
    this.nextStart = start + 1000 / rps;
    if (start > now) await this.wait(start - now, 'pacing requests');
  }

  /** Sleeps, unless the sleep would end after the deadline: then gives up at once. */
  private async wait(ms: number, what: string): Promise<void> {
    const deadline = this.options.deadline;
    if (deadline !== undefined && this.env.now() + ms > deadline) throw new DeadlineError(what);
    await this.env.sleep(ms);
  }

  /** Records a pause, dropping pauses that are over so that the map stays as small as the live ones. */
  private pauseEndpoint(key: string, until: number): void {
    const now = this.env.now();
    for (const [k, t] of this.slowUntil) if (t <= now) this.slowUntil.delete(k);
    this.slowUntil.set(key, until);
  }

  async json<T>(request: JiraRequest): Promise<T> {
    await this.acquire();
    try {
      return await this.withRetries<T>(request);
    } finally {
      this.release();
    }
  }

  private get env(): ClientEnvironment {
    return this.options.env ?? realEnvironment;
  }

  private async withRetries<T>({ actor, method = 'GET', route, body, readOnly, cost, maxCost = 1 }: JiraRequest): Promise<T> {
    const path = route.value.split('?')[0] ?? route.value;
    const endpoint = `${method} ${path.replace(/\/[A-Z][A-Z0-9_]+-\d+|\/\d+/g, '/{id}')}`;
    const pauseKey = `${currentInstallation() ?? ''} ${endpoint}`;
    const retryable = method === 'GET' || readOnly === true;
    for (let attempt = 0; ; attempt++) {
      const pause = (this.slowUntil.get(pauseKey) ?? 0) - this.env.now();
      // A caller that cannot wait that long (a page's resolver) is told at once.
      if (pause > this.policy.maxWaitMs) throw new JiraError(429, method, path, ['Rate limited by Jira']);
      if (pause > 0) await this.wait(pause, 'waiting out a burst limit');
      const last = attempt + 1 >= this.policy.maxAttempts;
      let response: Response;
      await this.pace();
      const settle = this.options.observer?.beforeSend({ method, path, maxCost }) ?? (() => undefined);
      try {
        response = await this.send(actor, method, route, body);
      } catch (cause) {
        settle({ status: 0, points: 0 });
        if (cause instanceof DeadlineError) throw cause;
        if (retryable && !last) {
          await this.wait(backoffMs(attempt, this.policy.baseDelayMs, this.policy.maxDelayMs, this.env.random), 'retrying a call Jira did not answer');
          continue;
        }
        throw new JiraUnavailableError(`Jira could not be reached (${method} ${path}): ${(cause as Error).message}`);
      }

      const pools = readPools(response.headers, this.env.now());
      if (pools.length > 0) this.options.observer?.onPools?.(pools);
      // Jira charges the base point for every answer, errors included.
      if (response.status !== 200) settle({ status: response.status, points: response.ok ? 2 : 1 });
      if (response.status === 429) {
        const reason = rateLimitReason(response.headers);
        const kind = rateLimitKind(reason);
        const wait = Math.max(retryAfterMs(response.headers, this.env.now(), kind), backoffMs(attempt, this.policy.baseDelayMs, this.policy.maxDelayMs, this.env.random));
        if (kind === 'quota') throw new QuotaExhaustedError(this.env.now() + wait, reason ?? 'unknown');
        if (kind === 'burst') this.pauseEndpoint(pauseKey, this.env.now() + wait);
        if (!retryable || last || wait > this.policy.maxWaitMs) throw new JiraError(429, method, path, ['Rate limited by Jira']);
        await this.wait(wait, 'waiting out a rate limit');
        continue;
      }
      if (response.status >= 500) {
        await response.text().catch(() => '');
        if (retryable && !last) {
          const wait = Math.max(retryAfterMs(response.headers, this.env.now()), backoffMs(attempt, this.policy.baseDelayMs, this.policy.maxDelayMs, this.env.random));
          await this.wait(Math.min(wait, this.policy.maxWaitMs), 'retrying after a Jira server error');
          continue;
        }
        throw new JiraError(response.status, method, path, []);
      }
      const text = await response.text();
      const parsed = parseJson(text);
      if (!response.ok) throw new JiraError(response.status, method, path, messagesOf(parsed.value));
      if (!parsed.ok) {
        // A 2xx with a body that is not JSON: a broken proxy or a truncated answer. Reads try again.
        if (response.status === 200) settle({ status: 200, points: 1 });
        if (retryable && !last) {
          await this.wait(backoffMs(attempt, this.policy.baseDelayMs, this.policy.maxDelayMs, this.env.random), 'retrying after an unreadable answer');
          continue;
        }
        throw new JiraUnavailableError(`Jira answered ${method} ${path} with a body that is not JSON`);
      }
      if (response.status === 200) settle({ status: 200, points: cost ? cost(parsed.value) : 1 });
      return parsed.value as T;
    }
  }

  private async send(actor: Actor, method: string, route: Route, body: unknown): Promise<Response> {
    // The answer may take no longer than the policy allows, nor run past the deadline.
    const deadline = this.options.deadline;
    const timeoutMs = deadline === undefined ? this.policy.timeoutMs : Math.min(this.policy.timeoutMs, deadline - this.env.now());
    if (timeoutMs <= 0) throw new DeadlineError('about to call Jira');
    const requester = actor === 'user' ? api.asUser() : api.asApp();
    const request = requester.requestJira(route, {
      method,
      headers: { Accept: 'application/json', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    }) as unknown as Promise<Response>;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${Math.round(timeoutMs / 100) / 10} s`)), timeoutMs);
    });
    try {
      return await Promise.race([request, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async acquire(): Promise<void> {
    const max = this.options.maxConcurrency ?? 4;
    if (this.active < max) {
      this.active++;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active++;
  }

  private release(): void {
    this.active--;
    this.waiting.shift()?.();
  }
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false; value: undefined } {
  if (text === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, value: undefined };
  }
}

const interactiveClient = new JiraClient(INTERACTIVE);

/** One request for a resolver answering a page: few retries, short waits. */
export function requestJson<T>(request: JiraRequest): Promise<T> {
  return interactiveClient.json<T>(request);
}
