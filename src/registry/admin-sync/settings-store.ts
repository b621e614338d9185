import { kvs } from '../../storage/kvs';
import type { AdminSyncSettings } from '../../contract';

/**
 * Admin sync settings. The org admin API key lives in Forge's secret store (encrypted, per
 * installation, not queryable) and is only ever read by the sync itself: never returned or logged.
 */
const SETTINGS_KEY = 'reg#settings#admin-sync';
const API_KEY_SECRET = 'reg#secret#admin-api-key';

type StoredSettings = Omit<AdminSyncSettings, 'hasApiKey'>;
const DEFAULTS: StoredSettings = { enabled: false, orgId: null, lastRun: null };

export async function readAdminSyncSettings(): Promise<AdminSyncSettings> {
  const stored = ((await kvs.get<StoredSettings>(SETTINGS_KEY)) as StoredSettings | undefined) ?? DEFAULTS;
  const hasApiKey = (await kvs.getSecret<string>(API_KEY_SECRET)) !== undefined;
  return { ...DEFAULTS, ...stored, hasApiKey };
}

export async function writeAdminSyncSettings(settings: StoredSettings): Promise<void> {
  await kvs.set(SETTINGS_KEY, settings);
}

/** Stores a new key (string), deletes it (null) or keeps it (undefined). */
export async function writeApiKey(apiKey: string | null | undefined): Promise<void> {
  if (apiKey === undefined) return;
  if (apiKey === null) await kvs.deleteSecret(API_KEY_SECRET);
  else await kvs.setSecret(API_KEY_SECRET, apiKey);
}

/** For the sync only. */
export async function readApiKey(): Promise<string | null> {
  return ((await kvs.getSecret<string>(API_KEY_SECRET)) as string | undefined) ?? null;
}
