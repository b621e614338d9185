import type { ExpiryTier } from '../contract';

/**
 * Expiry tiers for credentials. Dates are calendar days (YYYY-MM-DD, UTC): a credential expiring
 * today has 0 days left and is critical; it is expired from the next day. Pure.
 */
export const CRITICAL_DAYS = 7;
export const WARNING_DAYS = 30;
const DAY_MS = 86_400_000;

/** Whole UTC days from `now`'s date to `date` (YYYY-MM-DD or a full ISO time); null when absent or unreadable. */
export function daysUntil(date: string | null, now: Date): number | null {
  if (!date) return null;
  const target = Date.parse(date.slice(0, 10) + 'T00:00:00Z');
  if (Number.isNaN(target)) return null;
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Math.round((target - today) / DAY_MS);
}

export function expiryTier(expiresAt: string | null, now: Date): { tier: ExpiryTier; daysToExpiry: number | null } {
  const days = daysUntil(expiresAt, now);
  if (days === null) return { tier: 'unknown', daysToExpiry: null };
  if (days < 0) return { tier: 'expired', daysToExpiry: days };
  if (days <= CRITICAL_DAYS) return { tier: 'critical', daysToExpiry: days };
  if (days <= WARNING_DAYS) return { tier: 'warning', daysToExpiry: days };
  return { tier: 'ok', daysToExpiry: days };
}
