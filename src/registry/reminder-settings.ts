import { kvs } from '../storage/kvs';
import { DEFAULT_REMINDER_THRESHOLDS, DEFAULT_STALE_DAYS, type ReminderSettings } from '../contract';

/** Where reminder issues go, when, and to whom. Absent: reminders are off (the default). */
const KEY = 'reg#settings#reminders';
export const REMINDER_DEFAULTS: ReminderSettings = {
  projectKey: null,
  issueTypeId: null,
  thresholds: [...DEFAULT_REMINDER_THRESHOLDS],
  recipients: { owner: true, backup: true, adminGroup: null },
  staleDays: DEFAULT_STALE_DAYS,
};

/** Stored settings with defaults for what older versions did not store. */
export async function readReminderSettings(): Promise<ReminderSettings> {
  const stored = (await kvs.get<Partial<ReminderSettings>>(KEY)) as Partial<ReminderSettings> | undefined;
  return { ...REMINDER_DEFAULTS, ...stored, recipients: { ...REMINDER_DEFAULTS.recipients, ...stored?.recipients } };
}

export async function writeReminderSettings(settings: ReminderSettings): Promise<void> {
  await kvs.set(KEY, settings);
}

/** The risk rules' policy from the settings: stale after staleDays; "expiring" within the widest threshold. */
export async function readRiskPolicy(): Promise<{ staleDays: number; windowDays: number }> {
  const s = await readReminderSettings();
  return { staleDays: s.staleDays, windowDays: Math.max(...s.thresholds, 0) };
}
