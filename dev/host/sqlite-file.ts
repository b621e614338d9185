import Database from 'better-sqlite3';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

/** A data file the host cannot use; the message says which file and what to do. */
export class HostDataFileError extends Error {
  constructor(file: string, what: string, cause: string) {
    super(`${file} (${what}) cannot be opened: ${cause}. It is not a valid SQLite database or it is damaged. Move it away or delete it (you lose its local data) and start again.`);
    this.name = 'HostDataFileError';
  }
}

/**
 * Opens (creating when missing) a SQLite file and checks it is a healthy database before use. A file
 * that was already there must hold `ownTable`: an empty file or another program's database would
 * otherwise be taken for a new, empty one and its records silently lost.
 */
export function openSqlite(file: string, what: string, ownTable: string): Database.Database {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const existing = file !== ':memory:' && existsSync(file) ? statSync(file).size : null;
  let db: Database.Database | undefined;
  try {
    db = new Database(file);
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(String(check));
    if (existing !== null) {
      const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).pluck().all() as string[];
      if (tables.length === 0) throw new Error(existing === 0 ? 'it is an empty file (0 bytes), not the one this host wrote' : 'it is a SQLite database without any table, not the one this host wrote');
      if (!tables.includes(ownTable)) throw new Error(`it is another program's SQLite database (tables: ${tables.join(', ')})`);
    }
    db.pragma('journal_mode = WAL'); // only now: it writes to the file, which a refused file must not see
    return db;
  } catch (e) {
    db?.close();
    throw new HostDataFileError(file, what, e instanceof Error ? e.message : String(e));
  }
}
