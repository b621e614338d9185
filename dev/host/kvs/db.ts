/**
 * The SQLite file behind the local KVS: one table of rows addressed by (space, entity, key).
 * `space` keeps plain keys, secrets and custom entities apart, so a secret can never be read
 * or listed through the plain KVS, and entity keys do not collide with plain keys.
 */
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataFileError } from './errors';

export type Space = 'kvs' | 'secret' | 'entity';

/** Where a row lives. `entity` is '' outside the custom entity store. */
export interface Address {
  space: Space;
  entity: string;
  key: string;
}

export interface Row {
  key: string;
  value: unknown;
  createdAt: number; // ms since epoch
  updatedAt: number;
  expireAt: number | null;
}

export interface RawRow {
  key: string;
  value: string;
  created_at: number;
  updated_at: number;
  expire_at: number | null;
}

const SCHEMA_VERSION = 1;

export function toRow(raw: RawRow): Row {
  return { key: raw.key, value: JSON.parse(raw.value) as unknown, createdAt: raw.created_at, updatedAt: raw.updated_at, expireAt: raw.expire_at };
}

/** Opens the file, checks it is a healthy SQLite database holding our schema, and creates it when new. */
export function openDatabase(file: string): Database.Database {
  if (file !== ':memory:' && !existsSync(dirname(file))) mkdirSync(dirname(file), { recursive: true });
  // A file that is already there must hold a store: an empty one (truncated, or created by some other
  // tool) would otherwise start silently as a new store with every record gone.
  const existing = file !== ':memory:' && existsSync(file) ? statSync(file).size : null;
  let db: Database.Database | undefined;
  try {
    db = new Database(file);
    // Any read fails on a file that is not SQLite ("file is not a database"); quick_check finds damage.
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new DataFileError(file, `SQLite integrity check failed (${String(check)})`);
    ensureSchema(db, file, existing);
    if (file !== ':memory:') db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL'); // every committed write survives a crash
    db.pragma('busy_timeout = 5000');
    return db;
  } catch (e) {
    db?.close();
    if (e instanceof DataFileError) throw e;
    throw new DataFileError(file, `it is not a readable SQLite database (${e instanceof Error ? e.message : String(e)})`);
  }
}

function ensureSchema(db: Database.Database, file: string, existingBytes: number | null): void {
  const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).pluck().all() as string[];
  if (tables.length === 0 && existingBytes !== null) {
    throw new DataFileError(
      file,
      existingBytes === 0
        ? 'it is an empty file (0 bytes), not the store this host wrote, so every record would be gone'
        : 'it is an SQLite database without any table, not the store this host wrote, so every record would be gone',
    );
  }
  if (tables.length === 0) {
    // One transaction: a host killed while creating the store leaves no half-made schema behind.
    db.transaction(() => createSchema(db))();
    return;
  }
  checkSchema(db, file, tables);
}

function createSchema(db: Database.Database): void {
  db.exec(`
      CREATE TABLE kvs_meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE kvs_items (
        space TEXT NOT NULL,
        entity TEXT NOT NULL,
        key TEXT NOT NULL,
        value TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        expire_at INTEGER,
        PRIMARY KEY (space, entity, key)
      ) WITHOUT ROWID;
    `);
  db.prepare(`INSERT INTO kvs_meta (name, value) VALUES ('schema_version', ?)`).run(String(SCHEMA_VERSION));
}

function checkSchema(db: Database.Database, file: string, tables: string[]): void {
  if (!tables.includes('kvs_meta') || !tables.includes('kvs_items')) {
    throw new DataFileError(file, `it is a SQLite database but not a local KVS store (tables: ${tables.join(', ')})`);
  }
  const version = db.prepare(`SELECT value FROM kvs_meta WHERE name = 'schema_version'`).pluck().get();
  if (version !== String(SCHEMA_VERSION)) {
    throw new DataFileError(file, `its KVS schema version is ${String(version)}, this host reads version ${SCHEMA_VERSION}`);
  }
}

/** Single-row reads and writes. Expired rows are treated as absent everywhere. */
export class Table {
  private readonly getStmt;
  private readonly putStmt;
  private readonly deleteStmt;
  private readonly purgeStmt;

  constructor(readonly db: Database.Database) {
    this.getStmt = db.prepare(
      `SELECT key, value, created_at, updated_at, expire_at FROM kvs_items
       WHERE space = ? AND entity = ? AND key = ? AND (expire_at IS NULL OR expire_at > ?)`,
    );
    this.putStmt = db.prepare(
      `INSERT INTO kvs_items (space, entity, key, value, created_at, updated_at, expire_at) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (space, entity, key) DO UPDATE SET value = excluded.value, created_at = excluded.created_at,
         updated_at = excluded.updated_at, expire_at = excluded.expire_at`,
    );
    this.deleteStmt = db.prepare(`DELETE FROM kvs_items WHERE space = ? AND entity = ? AND key = ?`);
    this.purgeStmt = db.prepare(`DELETE FROM kvs_items WHERE expire_at IS NOT NULL AND expire_at <= ?`);
  }

  get(a: Address, now: number): Row | undefined {
    const raw = this.getStmt.get(a.space, a.entity, a.key, now) as RawRow | undefined;
    return raw ? toRow(raw) : undefined;
  }

  /** Writes a value (JSON text). A live previous row keeps its createdAt; an expired one does not. */
  put(a: Address, json: string, now: number, expireAt: number | null): { previous: Row | undefined; row: Row } {
    const previous = this.get(a, now);
    const createdAt = previous ? previous.createdAt : now;
    this.putStmt.run(a.space, a.entity, a.key, json, createdAt, now, expireAt);
    return { previous, row: { key: a.key, value: JSON.parse(json) as unknown, createdAt, updatedAt: now, expireAt } };
  }

  /** Deletes a row; true when a live (unexpired) row was there. */
  remove(a: Address, now: number): boolean {
    const existed = this.get(a, now) !== undefined;
    this.deleteStmt.run(a.space, a.entity, a.key);
    return existed;
  }

  /** Drops expired rows so the file does not grow with dead data. */
  purgeExpired(now: number): void {
    this.purgeStmt.run(now);
  }

  /** Runs fn in one IMMEDIATE SQLite transaction: all of it is written, or none of it if fn throws. */
  atomic<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }
}
