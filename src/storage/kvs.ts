/**
 * Forge storage for the whole app: @forge/kvs, with a bounded retry when the service answers 429.
 *
 * Forge storage limits each installation (limits-kvs-ce: 1000 requests a second; 4000 reads and
 * 4000 writes a minute in 10 KB units) and answers a request over a limit with 429
 * RATE_LIMIT_EXCEEDED (storage-reference/handling-errors-kvs). A refused request did nothing, so
 * running it again is safe for reads and writes alike (a FAIL_IF_EXISTS set or a conditional
 * transaction is still decided by the store). Every operation the app reaches through `kvs` (get,
 * set, delete, secrets, batches, queries, entities, transactions) waits and tries again a few times;
 * after that it throws StorageBusy, which resolvers answer as LIMIT and queue consumers retry later.
 *
 * The app imports `kvs` and the package's helpers from here, never from '@forge/kvs' directly.
 */
import { kvs as forgeKvs, ForgeKvsAPIError } from '@forge/kvs';
import { AppFailure } from '../errors';

export { Filter, FilterConditions, ForgeKvsAPIError, ForgeKvsError, MetadataField, Sort, WhereConditions } from '@forge/kvs';

/** Attempts per operation, and the backoff between them (doubling, with jitter, capped). */
export const STORAGE_RETRY = { attempts: 6, baseDelayMs: 200, maxDelayFactor: 15 } as const;

/** Forge storage kept refusing an operation for its rate limits; nothing was written by the refused request. */
export class StorageBusy extends AppFailure {
  constructor(override readonly cause: unknown) {
    super('LIMIT', 'Forge storage is rate limiting this app right now. Wait a minute and try again.');
    this.name = 'StorageBusy';
  }
}

export function isStorageRateLimit(e: unknown): boolean {
  return e instanceof ForgeKvsAPIError && (e.code === 'RATE_LIMIT_EXCEEDED' || e.responseDetails.status === 429);
}

/** STORAGE_RETRY_BASE_MS (a Forge environment variable) shortens the waits, as tests do. */
function baseDelayMs(): number {
  const fromEnv = Number(process.env.STORAGE_RETRY_BASE_MS);
  return Number.isFinite(fromEnv) && fromEnv > 0 ? fromEnv : STORAGE_RETRY.baseDelayMs;
}

export function storageBackoffMs(attempt: number, random: () => number = Math.random): number {
  const base = baseDelayMs();
  const exp = Math.min(base * STORAGE_RETRY.maxDelayFactor, base * 2 ** attempt);
  return Math.round(exp * (0.7 + 0.6 * random()));
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Runs `call` (one storage request) until it is not refused for rate limits, at most STORAGE_RETRY.attempts times. */
async function retrying<T>(first: PromiseLike<T>, again: () => PromiseLike<T>): Promise<T> {
  let attempt = 0;
  let pending = first;
  for (;;) {
    try {
      return await pending;
    } catch (e) {
      if (!isStorageRateLimit(e)) throw e;
      attempt += 1;
      if (attempt >= STORAGE_RETRY.attempts) throw new StorageBusy(e);
      await sleep(storageBackoffMs(attempt - 1));
      pending = again();
    }
  }
}

function isThenable(v: unknown): v is PromiseLike<unknown> {
  return typeof v === 'object' && v !== null && typeof (v as { then?: unknown }).then === 'function';
}

const wrapped = new WeakMap<object, object>();

/**
 * The same object, with every method that answers a promise (one storage request: get, set,
 * getMany, execute, ...) retried on 429, and every method that answers a builder (query(), entity(),
 * transact(), where(), index(), ...) answering a retrying builder in turn.
 */
function withStorageRetry<T extends object>(target: T): T {
  const known = wrapped.get(target);
  if (known) return known as T;
  const proxy = new Proxy(target, {
    get(obj, prop, receiver) {
      const member: unknown = Reflect.get(obj, prop, receiver);
      if (typeof member !== 'function') return member;
      return (...args: unknown[]) => {
        const call = () => Reflect.apply(member as (...a: unknown[]) => unknown, obj, args);
        const result = call();
        if (isThenable(result)) return retrying(result, call as () => PromiseLike<unknown>);
        if (typeof result === 'object' && result !== null) return withStorageRetry(result);
        return result;
      };
    },
  });
  wrapped.set(target, proxy);
  return proxy;
}

export const kvs: typeof forgeKvs = withStorageRetry(forgeKvs);
