import type { Credential, IdentityRecord, Ownership, Risk } from '../contract';
import { daysUntil, expiryTier } from './expiry';

/**
 * Registry risks of one identity, most severe first. Pure: the caller supplies what Jira says about
 * the people involved (`people`, by account id; absent means unknown, which raises nothing).
 */
export interface RiskInput {
  identity: Pick<IdentityRecord, 'kind' | 'issuesTouched' | 'projectsTouched' | 'lastActivity'> | null;
  ownership: Ownership | null;
  credentials: readonly Credential[];
  people: ReadonlyMap<string, { active: boolean }>;
  now: Date;
  /** The organization's settings (ReminderSettings): stale after staleDays unused; "expiring" within windowDays. */
  policy?: RiskPolicy;
}

export interface RiskPolicy {
  staleDays: number;
  windowDays: number;
}

export const UNUSED_DAYS = 90;
export const DEFAULT_RISK_POLICY: RiskPolicy = { staleDays: UNUSED_DAYS, windowDays: 30 };
/** Kinds whose lifetime the platform caps: Atlassian API tokens last at most a year. */
const CAPPED_LIFETIME_DAYS: Partial<Record<Credential['kind'], number>> = { 'api-token': 365 };
const SEVERITY_ORDER: Record<Risk['severity'], number> = { high: 0, medium: 1, low: 2 };

export function assessRisks(input: RiskInput): Risk[] {
  const risks = [...ownershipRisks(input), ...credentialRisks(input), ...identityRisks(input)];
  return risks.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
}

function ownershipRisks({ ownership, people, identity, credentials }: RiskInput): Risk[] {
  const out: Risk[] = [];
  const owner = ownership?.ownerAccountId ?? null;
  const backup = ownership?.backupAccountId ?? null;
  const mattersNow = credentials.length > 0 || (identity?.issuesTouched ?? 0) > 0;
  if (!owner) {
    out.push({ code: 'no-owner', severity: mattersNow ? 'high' : 'medium', message: 'Nobody is accountable for this integration. Choose an owner.' });
  } else if (people.get(owner)?.active === false) {
    out.push({ code: 'owner-deactivated', severity: 'high', message: "The owner's Jira account is deactivated. Choose a new owner." });
  }
  if (!backup) {
    out.push({ code: 'no-backup', severity: 'medium', message: 'There is no backup owner for when the owner is away. Choose a backup.' });
  } else if (people.get(backup)?.active === false) {
    out.push({ code: 'backup-deactivated', severity: 'medium', message: "The backup owner's Jira account is deactivated. Choose a new backup." });
  }
  return out;
}

function credentialRisks({ credentials, people, now, ownership, policy = DEFAULT_RISK_POLICY }: RiskInput): Risk[] {
  const out: Risk[] = [];
  const hasBackup = !!ownership?.backupAccountId && people.get(ownership.backupAccountId)?.active !== false;
  for (const c of credentials) {
    if (c.retiredAt) continue; // no longer used: nothing to renew or revoke
    const { tier, daysToExpiry } = expiryTier(c.expiresAt, now);
    if (daysToExpiry !== null && daysToExpiry >= 0 && daysToExpiry <= policy.windowDays && !hasBackup) {
      out.push({ code: 'expiring-no-backup', severity: 'high', credentialId: c.id, message: `"${c.label}" expires in ${daysToExpiry} day${daysToExpiry === 1 ? '' : 's'} and nobody backs up its owner. Choose a backup now.` });
    }
    const cap = CAPPED_LIFETIME_DAYS[c.kind];
    if (cap !== undefined && !c.expiresAt) {
      // Flagged, never guessed: the registry does not invent a date from the cap.
      out.push({ code: 'no-expiry-recorded', severity: 'medium', credentialId: c.id, message: `"${c.label}" has no expiry date recorded, but an ${c.kind === 'api-token' ? 'API token' : c.kind} lasts at most ${cap} days. Record its expiry date.` });
    }
    if (tier === 'expired') {
      out.push({ code: 'credential-expired', severity: 'high', credentialId: c.id, message: `"${c.label}" has expired. Renew it or record that it was retired.` });
    } else if (tier === 'critical' || tier === 'warning') {
      const when = daysToExpiry === 0 ? 'today' : `in ${daysToExpiry} day${daysToExpiry === 1 ? '' : 's'}`;
      out.push({ code: 'credential-expiring', severity: tier === 'critical' ? 'high' : 'medium', credentialId: c.id, message: `"${c.label}" expires ${when}. Plan its renewal.` });
    }
    if (c.ownerAccountId && people.get(c.ownerAccountId)?.active === false) {
      out.push({ code: 'owner-deactivated', severity: 'high', credentialId: c.id, message: `The owner of "${c.label}" is deactivated. Choose a new owner.` });
    }
    const idle = daysUntil(c.lastUsedAt, now);
    if (idle !== null && idle <= -policy.staleDays) {
      out.push({ code: 'credential-stale', severity: 'low', credentialId: c.id, message: `"${c.label}" has not been used for ${-idle} days (stale after ${policy.staleDays}). Revoke it if nothing needs it.` });
    }
  }
  return out;
}

function identityRisks({ identity, now }: RiskInput): Risk[] {
  if (!identity) return [];
  const out: Risk[] = [];
  if (identity.kind === 'person-integration' && (identity.issuesTouched > 0 || identity.projectsTouched > 0)) {
    out.push({
      code: 'person-owned-integration',
      severity: 'high',
      message: "A person's account powers this integration: it stops when they leave. Move it to a service account.",
    });
  }
  const idle = daysUntil(identity.lastActivity, now);
  if (idle !== null && idle <= -UNUSED_DAYS) {
    out.push({ code: 'unused-90-days', severity: 'low', message: `No activity for ${-idle} days. Check whether this integration is still needed.` });
  }
  return out;
}
