/**
 * Forge storage's published rate limits per installation (limits-kvs-ce, "Operation limits per
 * installation"), enforced the way the service answers them: 429 with code RATE_LIMIT_EXCEEDED
 * (storage-reference/handling-errors-kvs, "Quota and limit handling"), which the real @forge/kvs
 * turns into a ForgeKvsAPIError.
 *
 * - Request rate: 1000 requests per second.
 * - Reads: 4000 per minute, counted in 10 KB units (a 65 KB answer counts as 7).
 * - Writes: 4000 per minute, counted in 10 KB units of the request.
 *
 * Windows slide over monotonic time: real time, or a benchmark's virtual clock when it passes one
 * (a minute the clock skips has passed for the service too; Date.now() alone would not do, since
 * the service counts the seconds the app's work really takes between jumps). A refused request costs nothing.
 */
import { Buffer } from 'node:buffer';
import { KvsError } from './errors';

export interface StorageRateLimits {
  requestsPerSecond: number;
  readUnitsPerMinute: number;
  writeUnitsPerMinute: number;
}

export const PUBLISHED_STORAGE_LIMITS: StorageRateLimits = { requestsPerSecond: 1000, readUnitsPerMinute: 4000, writeUnitsPerMinute: 4000 };

const UNIT_BYTES = 10 * 1024;
const SECOND_MS = 1000;
const MINUTE_MS = 60_000;

/** Paths that read; every other path of the protocol writes (set, delete, batch set/delete, transaction). */
const READ_PATHS = new Set(['/api/v1/get', '/api/v1/query', '/api/v1/secret/get', '/api/v1/entity/get', '/api/v1/entity/query', '/api/v1/batch/get']);

export function isReadPath(path: string): boolean {
  return READ_PATHS.has(path);
}

/** 10 KB units of a payload, rounded up; an empty or tiny payload is one unit. */
export function unitsOf(body: unknown): number {
  const bytes = body === undefined ? 0 : Buffer.byteLength(JSON.stringify(body) ?? '', 'utf8');
  return Math.max(1, Math.ceil(bytes / UNIT_BYTES));
}

/** A sliding window: events with their weight, forgotten once older than the window. */
class Window {
  private events: Array<{ at: number; weight: number }> = [];
  private head = 0;
  private sum = 0;

  constructor(private readonly spanMs: number) {}

  used(now: number): number {
    while (this.head < this.events.length && (this.events[this.head] as { at: number }).at <= now - this.spanMs) {
      this.sum -= (this.events[this.head] as { weight: number }).weight;
      this.head += 1;
    }
    if (this.head > 1024 && this.head * 2 > this.events.length) {
      this.events = this.events.slice(this.head);
      this.head = 0;
    }
    return this.sum;
  }

  add(now: number, weight: number): void {
    this.events.push({ at: now, weight });
    this.sum += weight;
  }
}

/** A request's key family: `scan:snap`, `act:ids`... (from its key, or the prefix a query asks for). */
function familyOf(path: string, body: unknown): string {
  const text = JSON.stringify(body ?? {});
  const key = /"(?:key|value)":"([^"]+)"/.exec(text)?.[1];
  return key ? key.split(':').slice(0, 2).join(':') : path;
}

export function rateLimited(message: string): KvsError {
  return new KvsError(429, 'RATE_LIMIT_EXCEEDED', message);
}

export class StorageRateLimiter {
  private readonly requests = new Window(SECOND_MS);
  private readonly reads = new Window(MINUTE_MS);
  private readonly writes = new Window(MINUTE_MS);
  private stormLeft = 0;
  /** What the installation asked of storage so far: for the bench's figures. */
  readonly totals = { writeUnits: 0, readUnits: 0, refused: 0, peakWriteUnitsPerMinute: 0, peakReadUnitsPerMinute: 0 };
  /** Units by key family (the key's first two `:` parts) and direction, for the bench to say what spends them. */
  readonly byFamily = new Map<string, number>();

  constructor(
    readonly limits: StorageRateLimits = PUBLISHED_STORAGE_LIMITS,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  /** The next `count` storage requests answer 429 whatever the counters say (a fault for tests). */
  storm(count: number): void {
    this.stormLeft = Math.max(0, Math.floor(count));
  }

  /** Starts the totals afresh (a bench measuring one part of a run). */
  resetTotals(): void {
    Object.assign(this.totals, { writeUnits: 0, readUnits: 0, refused: 0, peakWriteUnitsPerMinute: 0, peakReadUnitsPerMinute: 0 });
    this.byFamily.clear();
  }

  /** Requests of the storm not yet answered. */
  stormRemaining(): number {
    return this.stormLeft;
  }

  /** Before a request runs: throws the service's 429 when it would go over a limit; otherwise counts it. */
  admit(path: string, body: unknown): void {
    try {
      this.count(path, body);
    } catch (e) {
      this.totals.refused += 1;
      throw e;
    }
  }

  private addFamily(family: string, units: number): void {
    this.byFamily.set(family, (this.byFamily.get(family) ?? 0) + units);
  }

  private count(path: string, body: unknown): void {
    if (this.stormLeft > 0) {
      this.stormLeft -= 1;
      throw rateLimited('Rate limit exceeded (injected storage 429 storm).');
    }
    const now = this.clock();
    if (this.requests.used(now) >= this.limits.requestsPerSecond) {
      throw rateLimited(`Rate limit exceeded: more than ${this.limits.requestsPerSecond} storage requests per second for this installation.`);
    }
    if (isReadPath(path)) {
      if (this.reads.used(now) >= this.limits.readUnitsPerMinute) {
        throw rateLimited(`Rate limit exceeded: more than ${this.limits.readUnitsPerMinute} read units (10 KB each) per minute for this installation.`);
      }
    } else {
      const units = unitsOf(body);
      if (this.writes.used(now) + units > this.limits.writeUnitsPerMinute) {
        throw rateLimited(`Rate limit exceeded: more than ${this.limits.writeUnitsPerMinute} write units (10 KB each) per minute for this installation.`);
      }
      this.writes.add(now, units);
      this.totals.writeUnits += units;
      this.addFamily(`write ${familyOf(path, body)}`, units);
      this.totals.peakWriteUnitsPerMinute = Math.max(this.totals.peakWriteUnitsPerMinute, this.writes.used(now));
    }
    this.requests.add(now, 1);
  }

  /** After a read: its answer's size is what counts against the read limit. */
  chargeRead(path: string, answer: unknown, request?: unknown): void {
    if (!isReadPath(path)) return;
    const now = this.clock();
    const units = unitsOf(answer);
    this.reads.add(now, units);
    this.totals.readUnits += units;
    this.addFamily(`read ${familyOf(path, request)}`, units);
    this.totals.peakReadUnitsPerMinute = Math.max(this.totals.peakReadUnitsPerMinute, this.reads.used(now));
  }
}
