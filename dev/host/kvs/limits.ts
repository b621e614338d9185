/**
 * Forge's published KVS / Custom Entity Store limits, enforced so that code which breaks them
 * fails here, on the developer's machine, the way it would fail in the cloud.
 *
 * Sources (developer.atlassian.com/platform/forge/...):
 * - limits-kvs-ce: key length 500, key regex, value size 240 KiB, object depth 31.
 * - storage-reference/handling-errors-kvs: KEY_TOO_SHORT, KEY_TOO_LONG, INVALID_KEY, MAX_SIZE,
 *   MAX_DEPTH, LIST_QUERY_LIMIT_EXCEEDED, QUERY_WHERE_INVALID, QUERY_WHERE_FIELD_INVALID,
 *   INVALID_FILTER_CONDITION, INVALID_FILTER_VALUES.
 * - storage-reference/handling-errors-customentities: EMPTY_KEY, ENTITY_TYPE_TOO_SHORT/_TOO_LARGE,
 *   INVALID_ENTITY_TYPE, INVALID_ENTITY_VALUE, INVALID_ENTITY_ATTRIBUTE, INVALID_ENTITY_INDEX,
 *   COMPLEX_QUERY_PAGE_LIMIT_NOT_IN_RANGE (1..100), EMPTY_FILTER_OPERATOR,
 *   INVALID_FILTER_OPERATORS_COMBINATION, INSUFFICIENT_FILTER_VALUES.
 * - storage-reference/transactions(-entities): at most 25 operations, 4 MB payload, a key once.
 * - storage-reference/entities-batch: at most 25 keys per batch, 4 MB, no empty batch, no repeats.
 * - runtime-reference/storage-api-query: `.limit()` "up to a maximum of 20" (see KVS_QUERY_MAX_LIMIT).
 */
import { Buffer } from 'node:buffer';
import { badRequest, invalid } from './errors';

export const KEY_MAX_LENGTH = 500;
// Exactly the published regex (no `u` flag: `\s-#` inside the class is a literal '-' and '#').
export const KEY_PATTERN = /^(?!\s+$)[a-zA-Z0-9:._\s-#]+$/;
export const VALUE_MAX_BYTES = 240 * 1024;
/** limits-kvs-ce says 31; the error page says "maximum object depth (32)". We allow 31 levels. */
export const VALUE_MAX_DEPTH = 31;
/** kvs.query: default page 10; the query page says "up to a maximum of 20" while the error page says
 * "below 100". We enforce 20 so an app that works here also works in the cloud. */
export const KVS_QUERY_DEFAULT_LIMIT = 10;
export const KVS_QUERY_MAX_LIMIT = 20;
/** Custom entity query: "The page limit must be set between 1 and 100". Default is ours. */
export const ENTITY_QUERY_DEFAULT_LIMIT = 10;
export const ENTITY_QUERY_MAX_LIMIT = 100;
export const TRANSACTION_MAX_OPERATIONS = 25;
export const BATCH_MAX_ITEMS = 25;
export const REQUEST_MAX_BYTES = 4 * 1024 * 1024;

export function validateKey(key: unknown, forEntity: boolean): string {
  if (typeof key !== 'string') throw badRequest('key must be a string');
  if (key.length === 0) {
    throw forEntity ? invalid('EMPTY_KEY', 'Key cannot be empty.') : invalid('KEY_TOO_SHORT', 'The provided key needs to be at least one character.');
  }
  if (key.length > KEY_MAX_LENGTH) {
    throw invalid('KEY_TOO_LONG', `The provided key has exceeded the maximum ${KEY_MAX_LENGTH} characters (it has ${key.length}).`);
  }
  if (!KEY_PATTERN.test(key)) {
    throw invalid('INVALID_KEY', `The provided key '${key}' does not match the regex: ${KEY_PATTERN.source}`);
  }
  return key;
}

/** The largest value accepted since the process started, for benchmarks. */
let largestAccepted = 0;
export function largestValueAccepted(): number {
  return largestAccepted;
}

/** Checks size and depth of a value to store and returns its JSON text. */
export function serializeValue(value: unknown): string {
  if (value === undefined) throw badRequest('value is required');
  const depth = depthOf(value);
  if (depth > VALUE_MAX_DEPTH) {
    throw invalid('MAX_DEPTH', `The provided value has exceeded the maximum object depth (${VALUE_MAX_DEPTH}) limit: it is ${depth} levels deep.`);
  }
  const json = JSON.stringify(value);
  const bytes = Buffer.byteLength(json, 'utf8');
  if (bytes > VALUE_MAX_BYTES) {
    throw invalid('MAX_SIZE', `The provided value has exceeded the maximum size limit: ${bytes} bytes of JSON, the limit is ${VALUE_MAX_BYTES} (240 KiB).`);
  }
  largestAccepted = Math.max(largestAccepted, bytes);
  return json;
}

/** A scalar has depth 0; `{a: 1}` and `[1]` have depth 1. Iterative, so a hostile value cannot blow the stack. */
export function depthOf(value: unknown): number {
  let max = 0;
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [v, d] = stack.pop() as [unknown, number];
    if (typeof v !== 'object' || v === null) continue;
    const here = d + 1;
    if (here > max) max = here;
    if (max > VALUE_MAX_DEPTH) return max; // no need to walk further
    for (const child of Object.values(v)) stack.push([child, here]);
  }
  return max;
}

/** Batches and transactions are capped by payload size as well as count. */
export function checkPayloadSize(body: unknown, what: string): void {
  const bytes = Buffer.byteLength(JSON.stringify(body) ?? '', 'utf8');
  if (bytes > REQUEST_MAX_BYTES) {
    throw invalid('MAX_SIZE', `The ${what} payload is ${bytes} bytes; the limit is ${REQUEST_MAX_BYTES} (4 MB).`);
  }
}

const TTL_UNIT_MS = { SECONDS: 1000, MINUTES: 60_000, HOURS: 3_600_000, DAYS: 86_400_000 } as const;

/** Turns `{ ttl: { value, unit } }` into an absolute expiry (ms since epoch), or null for none. */
export function expiryFrom(ttl: unknown, now: number): number | null {
  if (ttl === undefined || ttl === null) return null;
  if (typeof ttl !== 'object' || Array.isArray(ttl)) throw badRequest('options.ttl must be an object { value, unit }');
  const { value, unit } = ttl as { value?: unknown; unit?: unknown };
  if (typeof unit !== 'string' || !(unit in TTL_UNIT_MS)) {
    throw badRequest(`options.ttl.unit must be one of ${Object.keys(TTL_UNIT_MS).join(', ')}`);
  }
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
    throw badRequest('options.ttl.value must be a positive integer');
  }
  return now + value * TTL_UNIT_MS[unit as keyof typeof TTL_UNIT_MS];
}
