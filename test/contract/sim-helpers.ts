// Shared helpers for the simulator's tests: a stepping clock and one-line requests.
import { createSimSite, type SimCaller, type SimResponse, type SimSite, type SimSiteOptions } from '../../dev/sim/index.js';

export const APP: SimCaller = { kind: 'app' };
export const asUser = (accountId: string): SimCaller => ({ kind: 'user', accountId });

/** A clock that moves 50 ms per reading, so burst buckets refill as they would between real calls. */
export function steppingClock(start = Date.UTC(2026, 5, 1, 12, 0, 0), stepMs = 50): () => number {
  let t = start;
  return () => (t += stepMs);
}

export function demoSite(o: SimSiteOptions = {}): SimSite {
  return createSimSite({ now: steppingClock(), ...o });
}

export type Json = Record<string, unknown> & { [k: string]: unknown };

export async function call(
  site: SimSite,
  method: string,
  path: string,
  o: { caller?: SimCaller; query?: Record<string, string | string[]>; body?: unknown } = {},
): Promise<SimResponse & { json: Json }> {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(o.query ?? {})) for (const one of Array.isArray(v) ? v : [v]) query.append(k, one);
  const res = await site.handle({ method, path, query, caller: o.caller ?? APP, ...(o.body !== undefined ? { body: o.body } : {}) });
  return { ...res, json: (typeof res.body === 'object' && res.body !== null ? res.body : {}) as Json };
}
