import { kvs } from '../storage/kvs';
import type { Credential, CredentialSource } from '../contract';
import { jsonBytes } from '../storage/chunks';
import { invalidInput, VersionConflict } from './errors';
import { diffFields } from './history-diff';
import { historyRecord } from './history-store';
import { isConditionFailure, versionIs } from './kvs-conditions';
import { runTransaction, type TxOp } from './transaction';

/**
 * Credential metadata: one custom entity per identity (manifest.yml `registry-credentials`) holding
 * its credentials and a version, written conditionally like ownership. Bounded so that the value
 * stays far below Forge's 240 KiB.
 */
export const CREDENTIALS_ENTITY = 'registry-credentials';
export const MAX_CREDENTIALS_PER_IDENTITY = 50;
const MAX_DOC_BYTES = 160 * 1024;
const HISTORY_FIELDS = ['kind', 'label', 'scopes', 'createdAt', 'expiresAt', 'lastUsedAt', 'ownerAccountId', 'source', 'externalId', 'retiredAt'] as const;

interface CredentialsEntity {
  accountId: string;
  version: number;
  items: Credential[];
  updatedAt: string;
}

export interface StoredCredentials {
  accountId: string;
  credentials: Credential[];
  version: number;
}

/** One credential's change: before null is a creation, after null a deletion. */
export interface CredentialChange {
  before: Credential | null;
  after: Credential | null;
}

export async function readCredentials(accountId: string): Promise<StoredCredentials> {
  const stored = await kvs.entity<CredentialsEntity>(CREDENTIALS_ENTITY).get(accountId);
  return stored ? { accountId, credentials: stored.items ?? [], version: stored.version } : { accountId, credentials: [], version: 0 };
}

/** A page of every identity's credentials (for lists, export and the reminder sweep). */
export async function readCredentialPage(cursor?: string, limit = 100): Promise<{ groups: StoredCredentials[]; nextCursor: string | null }> {
  let query = kvs.entity<CredentialsEntity>(CREDENTIALS_ENTITY).query().index('accountId').limit(limit);
  if (cursor) query = query.cursor(cursor);
  const page = await query.getMany();
  return {
    groups: page.results.map(({ value }) => ({ accountId: value.accountId, credentials: value.items ?? [], version: value.version })),
    nextCursor: page.nextCursor ?? null,
  };
}

/** Every identity's credentials, page by page. */
export async function readAllCredentials(): Promise<StoredCredentials[]> {
  const all: StoredCredentials[] = [];
  let cursor: string | undefined;
  do {
    const page = await readCredentialPage(cursor);
    all.push(...page.groups);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return all;
}

/** Applies changes to a list of credentials (pure). */
export function applyChanges(current: readonly Credential[], changes: readonly CredentialChange[]): Credential[] {
  const next = current.filter((c) => !changes.some((ch) => ch.before?.id === c.id));
  for (const ch of changes) if (ch.after) next.push(ch.after);
  return next.sort((a, b) => a.label.localeCompare(b.label));
}

/**
 * The writes for one identity: its credentials, conditional on `baseVersion`, and one history entry
 * per changed credential. Checks the bounds first.
 */
export function credentialWrites(args: {
  accountId: string;
  baseVersion: number;
  current: readonly Credential[];
  changes: readonly CredentialChange[];
  by: string;
  source: CredentialSource;
  now: Date;
}): TxOp[] {
  const { accountId, baseVersion, changes, by, source, now } = args;
  const items = applyChanges(args.current, changes);
  if (items.length > MAX_CREDENTIALS_PER_IDENTITY) throw invalidInput('credential', `an integration can have at most ${MAX_CREDENTIALS_PER_IDENTITY} credentials`);
  if (jsonBytes(items) > MAX_DOC_BYTES) throw invalidInput('credential', "this integration's credential list is too large to store; remove some credentials first");
  const value: CredentialsEntity = { accountId, version: baseVersion + 1, items, updatedAt: now.toISOString() };
  const writes: TxOp[] = [{ op: 'set', key: accountId, value, entity: { entityName: CREDENTIALS_ENTITY, conditions: versionIs(baseVersion) } }];
  for (const ch of changes) {
    const id = (ch.after ?? ch.before)?.id;
    const history = historyRecord(
      accountId,
      {
        by,
        subject: 'credential',
        action: !ch.before ? 'created' : !ch.after ? 'deleted' : 'updated',
        ...(id ? { credentialId: id } : {}),
        source,
        changes: diffFields(ch.before, ch.after, HISTORY_FIELDS),
      },
      now,
    );
    writes.push({ op: 'set', key: history.key, value: history.value });
  }
  return writes;
}

/** Writes one identity's credential changes in one transaction; throws VersionConflict when stale. */
export async function saveCredentialChanges(args: { accountId: string; baseVersion: number; changes: readonly CredentialChange[]; by: string; source: CredentialSource; now?: Date }): Promise<{ version: number }> {
  const now = args.now ?? new Date();
  const current = await readCredentials(args.accountId);
  if (current.version !== args.baseVersion) throw new VersionConflict(current.version, "this integration's credentials");
  if (args.changes.length === 0) return { version: current.version };
  try {
    await runTransaction(credentialWrites({ ...args, current: current.credentials, now }));
  } catch (e) {
    if (isConditionFailure(e)) throw new VersionConflict((await readCredentials(args.accountId)).version, "this integration's credentials");
    throw e;
  }
  return { version: args.baseVersion + 1 };
}

/**
 * Undoes `credentialWrites` for one identity (used when a later transaction of a multi-transaction
 * import fails): puts back the previous list, only if nobody wrote since, and drops the history.
 */
export function undoCredentialWrites(previous: StoredCredentials, writes: readonly TxOp[], now: Date): TxOp[] {
  const wrote = previous.version + 1;
  const ops: TxOp[] = [
    previous.version === 0
      ? { op: 'delete', key: previous.accountId, entity: { entityName: CREDENTIALS_ENTITY, conditions: versionIs(wrote) } }
      : {
          op: 'set',
          key: previous.accountId,
          // The version moves on (never back), so a reader holding the undone version gets CONFLICT.
          value: { accountId: previous.accountId, version: wrote + 1, items: previous.credentials, updatedAt: now.toISOString() } satisfies CredentialsEntity,
          entity: { entityName: CREDENTIALS_ENTITY, conditions: versionIs(wrote) },
        },
  ];
  for (const w of writes) if (!w.entity) ops.push({ op: 'delete', key: w.key });
  return ops;
}
