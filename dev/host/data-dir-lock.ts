/**
 * One host per DATA_DIR. Two hosts on one store would run every scan twice and race each other's
 * queue, so the second one stops at start-up with a message naming the first.
 *
 * The lock is an exclusive SQLite transaction held open on DATA_DIR/host.lock for the host's life.
 * The operating system drops it when the process ends in any way (kill -9 included), so a stale
 * lock never blocks a restart; SQLite also keeps two connections of one process apart, so two
 * hosts in one test process are refused the same way. host.pid only names the holder in the message.
 */
import Database from 'better-sqlite3';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export class DataDirLockedError extends Error {
  constructor(dataDir: string, holder: string) {
    super(
      `Another local host is already running on DATA_DIR ${dataDir} (${holder}). ` +
        'Stop it first, or start this one on another folder: DATA_DIR=.local-2 npm start',
    );
    this.name = 'DataDirLockedError';
  }
}

export interface DataDirLock {
  release(): void;
}

export function lockDataDir(dataDir: string): DataDirLock {
  mkdirSync(dataDir, { recursive: true });
  const lockFile = join(dataDir, 'host.lock');
  const pidFile = join(dataDir, 'host.pid');
  const db = new Database(lockFile, { timeout: 0 });
  try {
    db.exec('BEGIN EXCLUSIVE');
  } catch (e) {
    db.close();
    if ((e as { code?: string }).code === 'SQLITE_BUSY' || (e as { code?: string }).code === 'SQLITE_LOCKED') throw new DataDirLockedError(dataDir, describeHolder(pidFile));
    throw e;
  }
  writeFileSync(pidFile, JSON.stringify({ pid: process.pid, startedAt: new Date().toISOString() }));
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      rmSync(pidFile, { force: true });
      db.exec('ROLLBACK');
      db.close();
    },
  };
}

function describeHolder(pidFile: string): string {
  try {
    const { pid, startedAt } = JSON.parse(readFileSync(pidFile, 'utf8')) as { pid?: unknown; startedAt?: unknown };
    return `process ${String(pid)}${pid === process.pid ? ', this one' : ''}, started ${String(startedAt)}`;
  } catch {
    return 'process unknown';
  }
}
