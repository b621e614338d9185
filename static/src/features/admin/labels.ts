import type { IdentityKind, RiskCode } from '../../../../src/contract';

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
