/**
 * The ledger's documents in Forge storage.
 * - act:in:<arrival>-<uuid>: the facts of the events that arrived together (the inbox; inbox.ts
 *   batches them so that a burst of events costs a few writes).
 * - act:ids:<account>:<day>: that day's work-item sets per project and action (recent days only).
 * - act:led:<account>: counts per day per project over the window.
 * - act:blk:<account>: the backfill's blocks per project (history before events arrived; the scan writes them).
 * - act:index:<n>: every account's window totals per project (what list pages read), in chunks.
 * - act:meta: when events started arriving, and the window.
 * Only the compactor (compactor.ts, one at a time) writes ids, ledger and index documents.
 */
import { kvs, WhereConditions } from '../storage/kvs';
import { chunkByBytes } from '../storage/chunks';
import type { Fact } from './facts';
import { dayOf, type Blocks, type CellCounts, type DayKey, type IdentityLedger, type IdSets } from './ledger';

export const INBOX_PREFIX = 'act:in:';
const META_KEY = 'act:meta';
const INDEX_META_KEY = 'act:index-meta';
const idsKey = (accountId: string, day: DayKey) => `act:ids:${accountId}:${day}`;
const ledgerKey = (accountId: string) => `act:led:${accountId}`;
const blocksKey = (accountId: string) => `act:blk:${accountId}`;
const indexKey = (n: number) => `act:index:${n}`;

export interface InboxEntry {
  facts: Fact[];
  receivedAt: number;
  /** Events whose facts this entry holds (absent in entries written one per event). */
  events?: number;
  /** Facts the scan read (real-site mode's recent tail), not events: they do not mark events as arriving. */
  backfill?: true;
}

export interface LedgerMeta {
  /** The first day events arrived: backfilled blocks end there. */
  observedFrom: DayKey | null;
  windowDays: number;
}

export const DEFAULT_WINDOW_DAYS = 30;

/** Writes a batch of events' facts to the inbox under a fresh key. */
export async function writeInboxBatch(key: string, entry: InboxEntry): Promise<void> {
  await kvs.set(`${INBOX_PREFIX}${key}`, entry);
}

/** Up to `max` inbox entries, oldest keys first (key order). */
export async function readInbox(max: number): Promise<Array<{ key: string; entry: InboxEntry }>> {
  const out: Array<{ key: string; entry: InboxEntry }> = [];
  let cursor: string | undefined;
  while (out.length < max) {
    let query = kvs.query().where('key', WhereConditions.beginsWith(INBOX_PREFIX)).limit(20);
    if (cursor) query = query.cursor(cursor);
    const page = await query.getMany();
    for (const r of page.results) out.push({ key: r.key, entry: r.value as InboxEntry });
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return out;
}

/** Deletes compacted inbox keys, 25 to a request (Forge counts a small batch as one request). */
export async function deleteKeys(keys: readonly string[]): Promise<void> {
  for (let i = 0; i < keys.length; i += 25) await kvs.batchDelete(keys.slice(i, i + 25).map((key) => ({ key })));
}

export interface DayIds {
  sets: Record<string, IdSets>;
  lasts: Record<string, number>;
  /** Counts a reconciliation found in Jira for this day (a floor for the cell). */
  seen: Record<string, CellCounts>;
}

export async function readDayIds(accountId: string, day: DayKey): Promise<DayIds> {
  const stored = (await kvs.get(idsKey(accountId, day))) as DayIds | undefined;
  return stored ?? { sets: {}, lasts: {}, seen: {} };
}

export async function writeDayIds(accountId: string, day: DayKey, ids: DayIds): Promise<void> {
  await kvs.set(idsKey(accountId, day), ids);
}

export async function deleteDayIds(accountId: string, day: DayKey): Promise<void> {
  await kvs.delete(idsKey(accountId, day));
}

export async function readLedger(accountId: string): Promise<IdentityLedger> {
  const stored = (await kvs.get(ledgerKey(accountId))) as IdentityLedger | undefined;
  return stored ?? { accountId, days: {} };
}

export async function readBlocks(accountId: string): Promise<Blocks> {
  return ((await kvs.get(blocksKey(accountId))) as Blocks | undefined) ?? {};
}

/** The scan's backfill for one account replaces its blocks (only the scan writes them). */
export async function writeBlocks(accountId: string, blocks: Blocks): Promise<void> {
  if (Object.keys(blocks).length === 0) await kvs.delete(blocksKey(accountId));
  else await kvs.set(blocksKey(accountId), blocks);
}

export async function writeLedger(ledger: IdentityLedger): Promise<void> {
  await kvs.set(ledgerKey(ledger.accountId), ledger);
}

export async function readMeta(): Promise<LedgerMeta> {
  const stored = (await kvs.get(META_KEY)) as Partial<LedgerMeta> | undefined;
  return { observedFrom: stored?.observedFrom ?? null, windowDays: stored?.windowDays ?? DEFAULT_WINDOW_DAYS };
}

export async function writeMeta(meta: LedgerMeta): Promise<void> {
  await kvs.set(META_KEY, meta);
}

/** Marks the day events started arriving (first caller wins). */
export async function markObserved(now: number): Promise<LedgerMeta> {
  const meta = await readMeta();
  if (meta.observedFrom !== null) return meta;
  const next = { ...meta, observedFrom: dayOf(now) };
  await writeMeta(next);
  return next;
}

/** One account's line in the index: window totals per project. */
export interface IndexEntry {
  accountId: string;
  projects: Record<string, CellCounts>;
}

export async function readIndex(): Promise<IndexEntry[]> {
  const meta = ((await kvs.get(INDEX_META_KEY)) as { chunks: number } | undefined) ?? { chunks: 0 };
  const chunks = await Promise.all(Array.from({ length: meta.chunks }, (_, n) => kvs.get(indexKey(n))));
  return chunks.flatMap((c) => (c as IndexEntry[] | undefined) ?? []);
}

export async function writeIndex(entries: IndexEntry[]): Promise<void> {
  const sorted = [...entries].sort((a, b) => a.accountId.localeCompare(b.accountId));
  const chunks = chunkByBytes(sorted);
  for (const [n, chunk] of chunks.entries()) await kvs.set(indexKey(n), chunk);
  const before = ((await kvs.get(INDEX_META_KEY)) as { chunks: number } | undefined)?.chunks ?? 0;
  await kvs.set(INDEX_META_KEY, { chunks: chunks.length });
  for (let n = chunks.length; n < before; n++) await kvs.delete(indexKey(n));
}
