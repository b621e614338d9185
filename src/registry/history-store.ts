import { randomUUID } from 'node:crypto';
import { kvs, WhereConditions } from '../storage/kvs';
import type { HistoryEntry, HistoryPage } from '../contract';

/**
 * Registry history: one KVS key per entry, so no value grows with the history, and a prefix per
 * identity so one identity's history is one prefix scan. Keys sort newest first (inverted time).
 * '#' cannot occur in an account id, so one identity's prefix never matches another's.
 */
const PAGE_SIZE = 20;
const MAX_TIME = 9_999_999_999_999;

const prefixOf = (accountId: string) => `reg#hist#${accountId}#`;

export type NewHistoryEntry = Omit<HistoryEntry, 'id' | 'at'>;

/** A history entry ready to be written in the same transaction as the change it records. */
export function historyRecord(accountId: string, entry: NewHistoryEntry, now: Date): { key: string; value: HistoryEntry } {
  const inverted = String(MAX_TIME - now.getTime()).padStart(13, '0');
  const id = `${inverted}-${randomUUID().slice(0, 8)}`;
  return { key: `${prefixOf(accountId)}${id}`, value: { id, at: now.toISOString(), ...entry } };
}

/** One page of an identity's history, newest first. The cursor comes from the store and is not kept. */
export async function readHistory(accountId: string, cursor?: string): Promise<HistoryPage> {
  let query = kvs.query().where('key', WhereConditions.beginsWith(prefixOf(accountId))).limit(PAGE_SIZE);
  if (cursor) query = query.cursor(cursor);
  const page = await query.getMany<HistoryEntry>();
  return { entries: page.results.map((r) => r.value), nextCursor: page.nextCursor ?? null };
}
