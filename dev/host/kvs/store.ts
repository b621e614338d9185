/**
 * KvsStore: answers the POSTs of the real @forge/kvs package from a local SQLite file.
 * `handle(path, body)` is the whole protocol; it never throws for a bad request, it answers
 * with Forge's error body `{ code, message, context? }` and a non-2xx status.
 */
import type Database from 'better-sqlite3';
import { batchDelete, batchGet, batchSet } from './batch';
import { openDatabase, Table } from './db';
import { compileEntities, type EntityDefinition } from './entities';
import { KvsError } from './errors';
import { deleteItem, getItem, setItem, type Context } from './items';
import { queryEntity, queryKvs } from './query';
import type { StorageRateLimiter } from './rate-limit';
import { syncEntityIndexes } from './sql-indexes';
import { transact } from './transaction';

export interface KvsResponse {
  status: number;
  body?: unknown; // undefined => empty response
}

export interface KvsStoreOptions {
  entities?: EntityDefinition[];
  /** Clock in ms since epoch; tests inject one to expire TTLs. */
  now?: () => number;
  /** Forge storage's per-installation rate limits; without one, nothing is limited (unit tests of the protocol). */
  rateLimiter?: StorageRateLimiter;
}

type Handler = (ctx: Context, body: unknown) => unknown;

/** Every path @forge/kvs 1.6.5 posts to (storage-api.js). */
const ROUTES: Record<string, Handler> = {
  '/api/v1/get': (c, b) => getItem(c, 'kvs', b),
  '/api/v1/set': (c, b) => setItem(c, 'kvs', b),
  '/api/v1/delete': (c, b) => deleteItem(c, 'kvs', b),
  '/api/v1/query': queryKvs,
  '/api/v1/secret/get': (c, b) => getItem(c, 'secret', b),
  '/api/v1/secret/set': (c, b) => setItem(c, 'secret', b),
  '/api/v1/secret/delete': (c, b) => deleteItem(c, 'secret', b),
  '/api/v1/entity/get': (c, b) => getItem(c, 'entity', b),
  '/api/v1/entity/set': (c, b) => setItem(c, 'entity', b),
  '/api/v1/entity/delete': (c, b) => deleteItem(c, 'entity', b),
  '/api/v1/entity/query': queryEntity,
  '/api/v1/batch/get': batchGet,
  '/api/v1/batch/set': batchSet,
  '/api/v1/batch/delete': batchDelete,
  '/api/v1/transaction': transact,
};

export class KvsStore {
  private constructor(
    private readonly db: Database.Database,
    private readonly ctx: Context,
    private readonly limiter: StorageRateLimiter | undefined,
  ) {}

  /** Opens (or creates) the store; ':memory:' gives a throwaway one. Throws DataFileError for an unusable file. */
  static open(file: string, options: KvsStoreOptions = {}): KvsStore {
    const entities = compileEntities(options.entities ?? []); // a bad manifest fails before the file is touched
    const db = openDatabase(file);
    try {
      syncEntityIndexes(db, entities);
    } catch (e) {
      db.close();
      throw e;
    }
    const table = new Table(db);
    const now = options.now ?? Date.now;
    table.purgeExpired(now());
    return new KvsStore(db, { table, entities, now }, options.rateLimiter);
  }

  handle(path: string, body: unknown): KvsResponse {
    const operation = path.split('?')[0] ?? path;
    const route = Object.hasOwn(ROUTES, operation) ? ROUTES[operation] : undefined;
    if (!route) return { status: 404, body: { code: 'NOT_FOUND', message: `The local KVS has no operation at ${path}` } };
    try {
      this.limiter?.admit(operation, body);
      const result = route(this.ctx, body);
      this.limiter?.chargeRead(operation, result, body);
      return result === undefined ? { status: 200 } : { status: 200, body: result };
    } catch (e) {
      if (e instanceof KvsError) {
        return { status: e.status, body: e.context ? { code: e.code, message: e.message, context: e.context } : { code: e.code, message: e.message } };
      }
      const message = e instanceof Error ? e.message : String(e);
      return { status: 500, body: { code: 'INTERNAL_SERVER_ERROR', message: `Local KVS failure: ${message}` } };
    }
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
