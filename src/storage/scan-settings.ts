import { kvs } from './kvs';
import type { ScanSettings } from '../contract';

const KEY = 'settings:scan';

/** Defaults: a 90-day window, and a per-installation budget of 10,000 Jira points an hour. */
export const DEFAULT_SETTINGS: ScanSettings = { windowDays: 90, pointsBudgetPerHour: 10_000 };
export const SETTINGS_LIMITS = { windowDays: { min: 7, max: 365 }, pointsBudgetPerHour: { min: 2_000, max: 500_000 } } as const;

export async function readSettings(): Promise<ScanSettings> {
  const stored = (await kvs.get(KEY)) as Partial<ScanSettings> | undefined;
  return { ...DEFAULT_SETTINGS, ...stored };
}

export async function saveSettings(settings: ScanSettings): Promise<void> {
  await kvs.set(KEY, settings);
}
