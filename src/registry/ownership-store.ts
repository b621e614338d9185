import { kvs } from '../storage/kvs';
import type { Ownership } from '../contract';
import { VersionConflict } from './errors';
import { diffFields } from './history-diff';
import { historyRecord } from './history-store';
import { isConditionFailure, versionIs } from './kvs-conditions';

/**
 * Ownership records: one custom entity per identity (manifest.yml `registry-ownership`) with a
 * version. A save is one transaction: the record, conditional on the version it was based on, and
 * its history entry. Two admins saving from the same version: exactly one wins, the other gets
 * CONFLICT and nothing of theirs is stored.
 */
export const OWNERSHIP_ENTITY = 'registry-ownership';
const FIELDS = ['ownerAccountId', 'backupAccountId', 'team', 'purpose', 'runbookUrl', 'notes'] as const;

/** The stored shape: entity attributes are flat and typed, so absent owners are ''. */
export interface OwnershipEntity {
  accountId: string;
  version: number;
  ownerAccountId: string;
  backupAccountId: string;
  team: string;
  purpose: string;
  runbookUrl: string;
  notes: string;
  updatedAt: string;
  updatedBy: string;
}

export interface StoredOwnership {
  ownership: Ownership | null;
  version: number;
}

function toOwnership(e: OwnershipEntity): Ownership {
  return {
    ownerAccountId: e.ownerAccountId || null,
    backupAccountId: e.backupAccountId || null,
    team: e.team ?? '',
    purpose: e.purpose ?? '',
    runbookUrl: e.runbookUrl ?? '',
    notes: e.notes ?? '',
  };
}

export async function readOwnership(accountId: string): Promise<StoredOwnership> {
  const stored = await kvs.entity<OwnershipEntity>(OWNERSHIP_ENTITY).get(accountId);
  return stored ? { ownership: toOwnership(stored), version: stored.version } : { ownership: null, version: 0 };
}

/** Saves a validated ownership based on `baseVersion`; answers the new version. Throws VersionConflict. */
export async function saveOwnership(args: { accountId: string; baseVersion: number; ownership: Ownership; by: string; now?: Date }): Promise<{ version: number }> {
  const { accountId, baseVersion, ownership, by } = args;
  const now = args.now ?? new Date();
  const current = await readOwnership(accountId);
  if (current.version !== baseVersion) throw new VersionConflict(current.version, "this integration's ownership");
  const changes = diffFields(current.ownership, ownership, FIELDS);
  if (changes.length === 0) return { version: current.version }; // nothing to record

  const version = baseVersion + 1;
  const value: OwnershipEntity = {
    accountId,
    version,
    ...ownership,
    ownerAccountId: ownership.ownerAccountId ?? '',
    backupAccountId: ownership.backupAccountId ?? '',
    updatedAt: now.toISOString(),
    updatedBy: by,
  };
  const history = historyRecord(accountId, { by, subject: 'ownership', action: current.ownership ? 'updated' : 'created', source: 'manual', changes }, now);
  try {
    await kvs
      .transact()
      .set(accountId, value, { entityName: OWNERSHIP_ENTITY, conditions: versionIs(baseVersion) })
      .set(history.key, history.value)
      .execute();
  } catch (e) {
    // The read above was only a hint; the store's condition is what decides between racing writers.
    if (isConditionFailure(e)) throw new VersionConflict((await readOwnership(accountId)).version, "this integration's ownership");
    throw e;
  }
  return { version };
}

/** The stored ownership attributes the list needs. */
/** A stored record's attributes; `version` is there when read from storage (readAllOwnership). */
export type OwnershipAttrs = Omit<OwnershipEntity, 'version' | 'updatedAt' | 'updatedBy'> & { version?: number };

/** Every ownership record, by account id (pages of 100: one query per 100 owned identities). */
export async function readAllOwnership(): Promise<Map<string, OwnershipAttrs>> {
  const out = new Map<string, OwnershipAttrs>();
  let cursor: string | undefined;
  do {
    let query = kvs.entity<OwnershipAttrs>(OWNERSHIP_ENTITY).query().index('accountId').limit(100);
    if (cursor) query = query.cursor(cursor);
    const page = await query.getMany();
    for (const { value } of page.results) out.set(value.accountId, value);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return out;
}
