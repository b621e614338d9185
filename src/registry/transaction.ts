import { kvs } from '../storage/kvs';
import type { versionIs } from './kvs-conditions';

type Conditions = ReturnType<typeof versionIs>;

/** One operation of a registry transaction: on a plain key, or on a custom entity with an optional condition. */
export type TxOp =
  | { op: 'set'; key: string; value: unknown; entity?: { entityName: string; conditions?: Conditions } }
  | { op: 'delete'; key: string; entity?: { entityName: string; conditions?: Conditions } };


/** Forge's limit of operations in one transaction. */
export const TX_MAX_OPERATIONS = 25;

/** Applies every operation or none (one KVS transaction). */
export async function runTransaction(ops: readonly TxOp[]): Promise<void> {
  if (ops.length === 0) return;
  if (ops.length > TX_MAX_OPERATIONS) throw new Error(`a transaction holds at most ${TX_MAX_OPERATIONS} operations, got ${ops.length}`);
  let tx = kvs.transact();
  for (const o of ops) {
    if (o.op === 'delete') tx = o.entity ? tx.delete(o.key, o.entity) : tx.delete(o.key);
    // Entity values carry the `version` their condition reads; plain keys are any JSON value.
    else tx = o.entity ? tx.set(o.key, o.value as { version: number }, o.entity) : tx.set(o.key, o.value);
  }
  await tx.execute();
}

/** Packs groups of operations that must stay together into transactions of at most 25 operations. */
export function packGroups(groups: readonly TxOp[][]): TxOp[][] {
  const out: TxOp[][] = [];
  let current: TxOp[] = [];
  for (const g of groups) {
    if (g.length > TX_MAX_OPERATIONS) throw new Error(`a group of ${g.length} operations cannot fit one transaction`);
    if (current.length + g.length > TX_MAX_OPERATIONS) {
      out.push(current);
      current = [];
    }
    current.push(...g);
  }
  if (current.length > 0) out.push(current);
  return out;
}
