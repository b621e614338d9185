/**
 * What the scan's backfill hands to the ledger: per project, the history Jira shows from the
 * window's first day up to the day events began (or up to the measurement, when none arrive).
 */
import { requestReindex, scheduleCompaction } from './compactor';
import type { Fact } from './facts';
import { inboxKey } from './inbox';
import type { Block, CellCounts, DayKey } from './ledger';
import { readMeta, writeBlocks, writeInboxBatch, writeMeta } from './store';

/** The period the backfill must measure: from `fromDay` to the day events began (null: up to now). */
export async function backfillPeriod(fromDay: DayKey): Promise<{ from: DayKey; to: DayKey | null }> {
  const meta = await readMeta();
  return { from: fromDay, to: meta.observedFrom !== null && meta.observedFrom > fromDay ? meta.observedFrom : meta.observedFrom === null ? null : fromDay };
}

/**
 * Replaces one account's blocks with the scan's measurement of [from, to), and hands the facts it
 * read from `to` on (real-site mode's recent tail) to the ledger's days through the inbox, the way
 * events arrive: the days' item sets then dedupe them against events and reconciliation. Such an
 * entry does not mark events as arriving.
 */
export async function writeBackfill(accountId: string, period: { from: DayKey; to: DayKey | null }, perProject: ReadonlyMap<string, Omit<CellCounts, 'last'> & { last: number }>, tail: readonly Fact[] = []): Promise<void> {
  const measuredAt = new Date().toISOString();
  const blocks: Record<string, Block> = {};
  for (const [key, c] of perProject) if (c.touches > 0 || c.worked > 0) blocks[key] = { ...c, from: period.from, to: period.to, measuredAt };
  await writeBlocks(accountId, blocks);
  if (tail.length === 0) return;
  const receivedAt = Date.now();
  await writeInboxBatch(inboxKey(receivedAt), { facts: [...tail], receivedAt, backfill: true });
  await scheduleCompaction();
}

/** After a backfill: index lines of these accounts are recomputed by the compactor. */
export async function backfillDone(accountIds: readonly string[]): Promise<void> {
  await requestReindex(accountIds);
}

/** The window the ledger keeps (the scan's setting). */
export async function setLedgerWindow(windowDays: number): Promise<void> {
  const meta = await readMeta();
  if (meta.windowDays !== windowDays) await writeMeta({ ...meta, windowDays });
}
