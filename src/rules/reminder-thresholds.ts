/**
 * Which expiry reminder is due. Owners hear once at each threshold (default 30, 7 and 1 days
 * before expiry; admins choose others). A credential registered late (say 5 days before) gets only
 * the tightest reminder it has crossed, and the looser ones count as passed, so nobody receives
 * three messages at once. Pure.
 */
export const REMINDER_THRESHOLDS = [30, 7, 1] as const;
export type ReminderThreshold = number;

/** Thresholds as the sweep uses them: distinct, loosest first. */
export function normaliseThresholds(thresholds: readonly number[]): number[] {
  return [...new Set(thresholds)].sort((a, b) => b - a);
}

/** The reminder to send now, or null. `sent` holds thresholds already sent for this expiry date. */
export function dueReminder(daysToExpiry: number | null, sent: readonly number[], thresholds: readonly number[] = REMINDER_THRESHOLDS): ReminderThreshold | null {
  if (daysToExpiry === null || daysToExpiry < 0) return null;
  const crossed = normaliseThresholds(thresholds).filter((t) => daysToExpiry <= t);
  const tightest = crossed[crossed.length - 1];
  if (tightest === undefined || sent.some((s) => s <= tightest)) return null;
  return tightest;
}

/** Thresholds that count as handled once `threshold` is sent (it and every looser one). */
export function thresholdsCoveredBy(threshold: ReminderThreshold, thresholds: readonly number[] = REMINDER_THRESHOLDS): ReminderThreshold[] {
  return normaliseThresholds(thresholds).filter((t) => t >= threshold);
}
