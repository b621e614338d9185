// Fault injection state: counted faults are consumed one request at a time.
import type { Faults } from './types.js';

export type FaultHit =
  | { kind: 'rateLimit'; reason: NonNullable<Faults['rateLimitStorm']>['reason']; retryAfterSeconds?: number }
  | { kind: 'serverError'; status: number }
  | null;

export class FaultState {
  private f: Faults = {};

  set(patch: Partial<Faults>): void {
    this.f = { ...this.f, ...structuredClone(patch) };
  }

  clear(): void {
    this.f = {};
  }

  latencyMs(): number {
    return this.f.latencyMs ?? 0;
  }

  /** The fault for this request, if any (rate-limit storms first, then server errors). */
  takeFailure(): FaultHit {
    const storm = this.f.rateLimitStorm;
    if (storm && storm.count > 0) {
      storm.count -= 1;
      return { kind: 'rateLimit', reason: storm.reason, ...(storm.retryAfterSeconds !== undefined ? { retryAfterSeconds: storm.retryAfterSeconds } : {}) };
    }
    const errors = this.f.serverErrors;
    if (errors && errors.count > 0) {
      errors.count -= 1;
      return { kind: 'serverError', status: errors.status };
    }
    return null;
  }

  takeJunkBody(): boolean {
    const junk = this.f.junkBodies;
    if (junk && junk.count > 0) {
      junk.count -= 1;
      return true;
    }
    return false;
  }
}

/**
 * Faults by REST path, for people and tools on a running host (POST /dev/sim/faults): requests whose
 * path matches `path` (a regular expression) answer `status` (200: answer normally) after
 * `latencyMs`, `count` times, or until cleared when `count` is null.
 */
export interface PathFaultInput {
  path: string;
  status: number;
  count: number | null;
  latencyMs?: number;
}

export interface PathFault extends PathFaultInput {
  id: number;
  /** Requests this fault has answered so far. */
  hits: number;
}

export type PathFaultHit = { status: number; latencyMs: number };

export class PathFaults {
  private rules: Array<PathFault & { regex: RegExp }> = [];
  private nextId = 1;

  /** Adds a fault; the input must have been validated (validatePathFault). */
  add(input: PathFaultInput): PathFault {
    const rule = { ...input, id: this.nextId++, hits: 0, regex: new RegExp(input.path) };
    this.rules.push(rule);
    return publicView(rule);
  }

  list(): PathFault[] {
    return this.rules.map(publicView);
  }

  clear(): void {
    this.rules = [];
  }

  /** The first live fault for this path, counted; spent faults leave the list. */
  take(path: string): PathFaultHit | null {
    const rule = this.rules.find((r) => r.regex.test(path));
    if (!rule) return null;
    rule.hits += 1;
    if (rule.count !== null) {
      rule.count -= 1;
      if (rule.count <= 0) this.rules = this.rules.filter((r) => r !== rule);
    }
    return { status: rule.status, latencyMs: rule.latencyMs ?? 0 };
  }
}

function publicView(rule: PathFault): PathFault {
  return { id: rule.id, path: rule.path, status: rule.status, count: rule.count, ...(rule.latencyMs === undefined ? {} : { latencyMs: rule.latencyMs }), hits: rule.hits };
}

const MAX_LATENCY_MS = 120_000;

/** Checks a fault from outside (JSON); answers it, or a message for a person saying what is wrong. */
export function validatePathFault(body: unknown): { ok: true; fault: PathFaultInput } | { ok: false; message: string } {
  const shape = 'Expected { "path": "<regular expression over the REST path>", "status": <HTTP status>, "count": <n or null>, "latencyMs": <optional ms> }';
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { ok: false, message: shape };
  const { path, status, count, latencyMs, ...rest } = body as Record<string, unknown>;
  const unknown = Object.keys(rest);
  if (unknown.length > 0) return { ok: false, message: `Unknown field ${unknown.map((k) => `"${k}"`).join(', ')}. ${shape}` };
  if (typeof path !== 'string' || path === '' || path.length > 500) return { ok: false, message: `path must be a regular expression of 1 to 500 characters, e.g. "^/rest/api/3/search". ${shape}` };
  try {
    new RegExp(path);
  } catch (e) {
    return { ok: false, message: `path is not a valid regular expression: ${e instanceof Error ? e.message : String(e)}` };
  }
  if (typeof status !== 'number' || !Number.isInteger(status) || !(status === 200 || (status >= 400 && status <= 599))) {
    return { ok: false, message: 'status must be an HTTP status from 400 to 599 (or 200 to only add latency)' };
  }
  if (count === undefined) return { ok: false, message: 'count is required: a whole number of requests, or null for every request until DELETE /dev/sim/faults' };
  if (count !== null && (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > 1_000_000)) {
    return { ok: false, message: 'count must be a whole number from 1 to 1000000, or null for every request until cleared' };
  }
  if (latencyMs !== undefined && (typeof latencyMs !== 'number' || !Number.isInteger(latencyMs) || latencyMs < 0 || latencyMs > MAX_LATENCY_MS)) {
    return { ok: false, message: `latencyMs must be a whole number of milliseconds from 0 to ${MAX_LATENCY_MS}` };
  }
  return { ok: true, fault: { path, status, count, ...(latencyMs === undefined ? {} : { latencyMs }) } };
}
