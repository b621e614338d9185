import { kvs } from '../storage/kvs';
import type { ReminderSettings } from '../contract';

/** Where reminder issues go. Absent: reminders are off (the default). */
const KEY = 'reg#settings#reminders';
const OFF: ReminderSettings = { projectKey: null, issueTypeId: null };

export async function readReminderSettings(): Promise<ReminderSettings> {
  return ((await kvs.get<ReminderSettings>(KEY)) as ReminderSettings | undefined) ?? OFF;
}

export async function writeReminderSettings(settings: ReminderSettings): Promise<void> {
  if (settings.projectKey === null) await kvs.delete(KEY);
  else await kvs.set(KEY, settings);
}
