import type { ScanSettings } from '../contract';
import type { LastGoodScan, ScanState } from './state';
import { backfillPeriod } from '../activity/backfill';

/** Without product events, a full scan at least this often: new accounts and people-integrations are found by full scans. */
export const FULL_SCAN_EVERY_MS = 7 * 24 * 3_600_000;

/**
 * Decides whether a new scan can be incremental: the last good scan used the same window. While
 * Jira's product events arrive there is no periodic full scan: they bring new accounts
 * (newcomers) and show people who start working like automation (the ledger's busy accounts),
 * and the weekly reconciliation finds what events missed. Without events (real-site mode) a full
 * scan runs weekly. An incremental scan starts with the `changes` phase, which falls back
 * to a full scan when Jira's audit log shows changes to groups, roles, permissions or projects.
 */
export async function planIncremental(base: ScanState, lastGood: LastGoodScan, settings: ScanSettings): Promise<ScanState> {
  const eventsArrive = (await backfillPeriod(lastGood.startedAt.slice(0, 10))).to !== null;
  if (!eventsArrive && Date.now() - Date.parse(lastGood.fullAt) >= FULL_SCAN_EVERY_MS) {
    return { ...base, fullScanReason: 'The weekly full scan: without Jira product events, new accounts and people-integrations are found by reading everything.' };
  }
  if (lastGood.windowDays !== settings.windowDays) return { ...base, fullScanReason: `The activity window changed from ${lastGood.windowDays} to ${settings.windowDays} days.` };
  return { ...base, mode: 'incremental', phase: 'changes', sinceDay: lastGood.startedAt.slice(0, 10), directory: lastGood.directory };
}
