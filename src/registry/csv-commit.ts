import type { ImportResult } from '../contract';
import { AppFailure } from '../errors';
import { credentialWrites, undoCredentialWrites } from './credential-store';
import { isConditionFailure } from './kvs-conditions';
import { planImport } from './csv-import';
import { packGroups, runTransaction, type TxOp } from './transaction';

/**
 * credentials/import: preview answers what would happen; commit writes the whole file or nothing.
 * A file touching few identities is one KVS transaction. A larger one takes several; if one of them
 * fails, the ones before it are undone (only where nobody wrote since) before answering.
 */
export async function importCsv(csv: string, mode: 'preview' | 'commit', by: string, now = new Date()): Promise<ImportResult> {
  const plan = await planImport(csv, now);
  if (mode === 'preview' || plan.result.errors.length > 0) return { mode, ...plan.result, written: false };

  const groups = plan.identities.map(({ previous, changes }) => ({
    previous,
    writes: credentialWrites({ accountId: previous.accountId, baseVersion: previous.version, current: previous.credentials, changes, by, source: 'csv-import', now }),
  }));
  const batches = packGroups(groups.map((g) => g.writes));
  const done: TxOp[][] = [];
  for (const batch of batches) {
    try {
      await runTransaction(batch);
      done.push(batch);
    } catch (e) {
      await undo(groups, done, now);
      if (isConditionFailure(e)) throw new AppFailure('CONFLICT', 'Someone changed these credentials while the file was being imported. Nothing was imported; preview the file again.');
      throw e;
    }
  }
  return { mode, ...plan.result, written: true };
}

async function undo(groups: ReadonlyArray<{ previous: Parameters<typeof undoCredentialWrites>[0]; writes: TxOp[] }>, done: readonly TxOp[][], now: Date): Promise<void> {
  const committed = new Set(done.flat());
  const undoGroups = groups.filter((g) => g.writes.every((w) => committed.has(w))).map((g) => undoCredentialWrites(g.previous, g.writes, now));
  for (const batch of packGroups(undoGroups)) {
    await runTransaction(batch).catch((e: unknown) => console.error(`[credentials/import] could not undo part of a failed import: ${e instanceof Error ? e.message : String(e)}`));
  }
}
