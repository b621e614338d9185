import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/** A data file the host cannot use; the message says which file and what to do. */
export class HostDataFileError extends Error {
  constructor(file: string, what: string, cause: string) {
    super(`${file} (${what}) cannot be opened: ${cause}. It is not a valid SQLite database or it is damaged. Move it away or delete it (you lose its local data) and start again.`);
    this.name = 'HostDataFileError';
  }
}

/** Opens (creating when missing) a SQLite file and checks it is a healthy database before use. */
export function openSqlite(file: string, what: string): Database.Database {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  let db: Database.Database | undefined;
  try {
    db = new Database(file);
    db.pragma('journal_mode = WAL');
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(String(check));
    return db;
  } catch (e) {
    db?.close();
    throw new HostDataFileError(file, what, e instanceof Error ? e.message : String(e));
  }
}
