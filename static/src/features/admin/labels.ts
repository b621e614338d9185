import type { CredentialKind, CredentialSource, IdentityKind, RiskCode } from '../../../../src/contract';

export const KIND_LABELS: Record<IdentityKind, string> = {
  'service-account': 'Service account',
  'app-account': 'App account',
  'rovo-agent': 'Rovo agent',
  'person-integration': "Person's account",
};

export const RISK_LABELS: Record<RiskCode, string> = {
  'credential-expired': 'Credential expired',
  'credential-expiring': 'Credential expiring',
  'no-owner': 'No owner',
  'no-backup': 'No backup',
  'owner-deactivated': 'Owner deactivated',
  'backup-deactivated': 'Backup deactivated',
  'person-owned-integration': 'Runs on a person',
  'unused-90-days': 'Unused 90 days',
  orphaned: 'Orphaned',
  'credential-stale': 'Stale credential',
  'expiring-no-backup': 'Expiring, no backup',
  'no-expiry-recorded': 'No expiry recorded',
};

// One date format on every page, in the user's locale and zone: see static/src/format/dates.ts.
export { formatAgo as ago, formatDate, formatDateTime as formatTime } from '../../format/dates';

/** One colour per risk, the same on every page: danger for what stops work, warning for what is missing. */
export const RISK_APPEARANCE: Record<RiskCode, 'removed' | 'moved' | 'default'> = {
  'credential-expired': 'removed',
  'credential-expiring': 'removed',
  'no-owner': 'removed',
  'no-backup': 'moved',
  'owner-deactivated': 'removed',
  'backup-deactivated': 'moved',
  'person-owned-integration': 'moved',
  'unused-90-days': 'default',
  orphaned: 'removed',
  'credential-stale': 'default',
  'expiring-no-backup': 'removed',
  'no-expiry-recorded': 'moved',
};

/** Whole days from today (UTC) to a YYYY-MM-DD date; negative once past. */
export function daysUntil(date: string): number {
  const now = new Date();
  return Math.round((Date.parse(`${date.slice(0, 10)}T00:00:00Z`) - Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate())) / 86_400_000);
}

export const CREDENTIAL_KIND_LABELS: Record<CredentialKind, string> = {
  'api-token': 'API token',
  'oauth-client-credential': 'OAuth client credential',
  other: 'Other',
};

export const SOURCE_LABELS: Record<CredentialSource | 'manual', string> = {
  manual: 'entered by hand',
  'csv-import': 'CSV import',
  'admin-sync': 'Atlassian Administration sync',
};

/** Natural order for names: "Jira 2" before "Jira 10". */
export const naturalCompare = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' }).compare;
