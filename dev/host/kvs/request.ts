/**
 * Narrowing of request bodies. The bodies come from JSON.parse, so everything starts as `unknown`;
 * a body the real @forge/kvs would never send is a BAD_REQUEST with a message naming the field.
 */
import { badRequest } from './errors';

export type Fields = Record<string, unknown>;

export function asObject(v: unknown, what: string): Fields {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw badRequest(`${what} must be a JSON object`);
  return v as Fields;
}

export function asArray(v: unknown, what: string): unknown[] {
  if (!Array.isArray(v)) throw badRequest(`${what} must be a JSON array`);
  return v;
}

export function optObject(v: unknown, what: string): Fields | undefined {
  return v === undefined || v === null ? undefined : asObject(v, what);
}

export function optArray(v: unknown, what: string): unknown[] | undefined {
  return v === undefined || v === null ? undefined : asArray(v, what);
}

export function asString(v: unknown, what: string): string {
  if (typeof v !== 'string') throw badRequest(`${what} must be a string`);
  return v;
}

export function optString(v: unknown, what: string): string | undefined {
  return v === undefined || v === null ? undefined : asString(v, what);
}

export function optNumber(v: unknown, what: string): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v)) throw badRequest(`${what} must be a number`);
  return v;
}

/** One of a fixed set of strings, e.g. an enum option. */
export function optEnum<T extends string>(v: unknown, allowed: readonly T[], what: string): T | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) {
    throw badRequest(`${what} must be one of ${allowed.join(', ')}`);
  }
  return v as T;
}
