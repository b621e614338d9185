import type { ExpiryTier, IdentityKind, IdentityRow, IdentitySummary, RegistryOverview } from '../contract';
import { readAllCredentials, type StoredCredentials } from './credential-store';
import { readAllOwnership } from './ownership-store';
import { expiryTier } from '../rules/expiry';
import { assessRisks } from '../rules/risks';
import { readAllOrphans } from './orphans';
import { readRiskPolicy } from './reminder-settings';

/** The scan's summaries joined with ownership and credentials, plus the site-wide overview. */
export async function joinRegistry(summaries: readonly IdentitySummary[], now = new Date()): Promise<{ rows: Omit<IdentityRow, 'ownerName'>[]; overview: RegistryOverview }> {
  const [owners, creds, policy, orphans] = await Promise.all([readAllOwnership(), readAllCredentials(), readRiskPolicy(), readAllOrphans()]);
  const credsBy = new Map<string, StoredCredentials>(creds.map((c) => [c.accountId, c]));
  const byKind: Record<IdentityKind, number> = { 'service-account': 0, 'app-account': 0, 'rovo-agent': 0, 'person-integration': 0 };
  const credentialsByTier: Record<ExpiryTier, number> = { expired: 0, critical: 0, warning: 0, ok: 0, unknown: 0 };
  const overview: RegistryOverview = { identities: summaries.length, byKind, credentials: 0, credentialsByTier, noOwner: 0, noBackup: 0, personOwned: 0, unusedAccess: 0 };
  const rows = summaries.map((s) => {
    const o = owners.get(s.accountId);
    const ownership = o
      ? { ownerAccountId: o.ownerAccountId || null, backupAccountId: o.backupAccountId || null, team: o.team ?? '', purpose: o.purpose ?? '', runbookUrl: o.runbookUrl ?? '', notes: o.notes ?? '' }
      : null;
    const credentials = credsBy.get(s.accountId)?.credentials ?? [];
    let nearestExpiry: string | null = null;
    let nearestTier: ExpiryTier | null = null;
    for (const c of credentials) {
      if (c.retiredAt) continue; // retired credentials expire harmlessly
      const { tier } = expiryTier(c.expiresAt, now);
      credentialsByTier[tier] += 1;
      if (c.expiresAt && (!nearestExpiry || c.expiresAt < nearestExpiry)) {
        nearestExpiry = c.expiresAt.slice(0, 10);
        nearestTier = tier;
      }
    }
    const risks = [...new Set([...(orphans.has(s.accountId) ? (['orphaned'] as const) : []), ...assessRisks({ identity: s, ownership, credentials, people: new Map(), now, policy }).map((r) => r.code)])];
    byKind[s.kind] += 1;
    overview.credentials += credentials.filter((c) => !c.retiredAt).length;
    if (!ownership?.ownerAccountId) overview.noOwner += 1;
    if (!ownership?.backupAccountId) overview.noBackup += 1;
    if (risks.includes('person-owned-integration')) overview.personOwned += 1;
    if (s.unusedAccessProjects > 0) overview.unusedAccess += 1;
    return {
      ...s,
      ownershipVersion: o?.version ?? 0,
      ownerAccountId: ownership?.ownerAccountId ?? null,
      backupAccountId: ownership?.backupAccountId ?? null,
      credentialCount: credentials.length,
      nearestExpiry,
      nearestTier,
      risks,
    };
  });
  return { rows, overview };
}
