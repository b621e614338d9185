import { kvs } from '../storage/kvs';

/**
 * People a scan measured because the activity ledger showed them busy, and found ordinary: not
 * measured again for a week (a busy person would otherwise cost a measurement every day).
 */
const KEY = 'scan:screened';
export const SCREEN_AGAIN_AFTER_MS = 7 * 86_400_000;

export async function readRecentlyScreened(now = Date.now()): Promise<Set<string>> {
  const stored = ((await kvs.get(KEY)) as Record<string, string> | undefined) ?? {};
  return new Set(Object.entries(stored).filter(([, at]) => now - Date.parse(at) < SCREEN_AGAIN_AFTER_MS).map(([id]) => id));
}

export async function markScreened(accountIds: readonly string[], now = Date.now()): Promise<void> {
  if (accountIds.length === 0) return;
  const stored = ((await kvs.get(KEY)) as Record<string, string> | undefined) ?? {};
  const fresh = Object.fromEntries(Object.entries(stored).filter(([, at]) => now - Date.parse(at) < SCREEN_AGAIN_AFTER_MS));
  for (const id of accountIds) fresh[id] = new Date(now).toISOString();
  await kvs.set(KEY, fresh);
}
