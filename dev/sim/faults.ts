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
