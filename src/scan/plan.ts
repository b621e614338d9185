import type { ScanSettings } from '../contract';
import type { LastGoodScan, ScanState } from './state';

/** A full scan at least this often: new people-integrations and new accounts are found by full scans. */
export const FULL_SCAN_EVERY_MS = 7 * 24 * 3_600_000;

/**
 * Decides whether a new scan can be incremental: the last good scan used the same window and its
 * full scan is recent. An incremental scan starts with the `changes` phase, which falls back to a
 * full scan when Jira's audit log shows changes to users, groups, roles or permissions.
 */
export async function planIncremental(base: ScanState, lastGood: LastGoodScan, settings: ScanSettings): Promise<ScanState> {
  const fresh = Date.now() - Date.parse(lastGood.fullAt) < FULL_SCAN_EVERY_MS;
  if (!fresh) return { ...base, fullScanReason: 'The weekly full scan: new accounts and people-integrations are found by reading everything.' };
  if (lastGood.windowDays !== settings.windowDays) return { ...base, fullScanReason: `The activity window changed from ${lastGood.windowDays} to ${settings.windowDays} days.` };
  return { ...base, mode: 'incremental', phase: 'changes', sinceDay: lastGood.startedAt.slice(0, 10), directory: lastGood.directory };
}
