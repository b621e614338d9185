import { z } from 'zod';
import type { ExpiringCredential, ExpiringList, UserOption } from '../../contract';
import { readAllCredentials } from '../../registry/credential-store';
import { toCredentialView } from '../../registry/credential-view';
import { readAllOwnership } from '../../registry/ownership-store';
import { readIdentityRecord, readIdentitySummaries, readSnapshotPointer } from '../../scan/snapshot-store';
import { defineResolver } from '../define';
import { peopleNames } from '../identities/people-names';

const MAX_ITEMS = 200;
const TIERS = ['expired', 'critical', 'warning', 'ok', 'unknown'] as const;

/**
 * credentials/expiring: the site-wide "Expiring soon" answer: every credential expiring within the
 * window (or of one tier), soonest first, with its identity, who answers for it, the runbook and the
 * projects whose automation stops. Retired credentials are left out. Policy: jira-admin.
 */
export const expiringCredentials = defineResolver({
  key: 'credentials/expiring',
  policy: 'jira-admin',
  input: z.object({ withinDays: z.number().int().min(0).max(3650).optional(), tier: z.enum(TIERS).optional() }).strict(),
  async run({ payload }): Promise<ExpiringList> {
    const now = new Date();
    const withinDays = payload.withinDays ?? 30;
    const [groups, owners, pointer] = await Promise.all([readAllCredentials(), readAllOwnership(), readSnapshotPointer()]);
    const matches = groups
      .flatMap((g) => g.credentials.filter((c) => !c.retiredAt).map((c) => ({ accountId: g.accountId, credential: toCredentialView(c, now) })))
      .filter(({ credential: c }) => (payload.tier ? c.tier === payload.tier : c.daysToExpiry !== null && c.daysToExpiry <= withinDays))
      .sort((a, b) => (a.credential.daysToExpiry ?? Infinity) - (b.credential.daysToExpiry ?? Infinity) || a.credential.label.localeCompare(b.credential.label, undefined, { numeric: true }));
    const shown = matches.slice(0, MAX_ITEMS);

    const summaries = pointer ? new Map((await readIdentitySummaries(pointer)).map((s) => [s.accountId, s])) : new Map();
    const accountIds = [...new Set(shown.map((m) => m.accountId))];
    const records = new Map(
      pointer ? await Promise.all(accountIds.map(async (id) => [id, await readIdentityRecord(pointer, id)] as const)) : [],
    );
    const personIds = shown.flatMap((m) => {
      const o = owners.get(m.accountId);
      return [m.credential.ownerAccountId, o?.ownerAccountId, o?.backupAccountId];
    });
    const names = await peopleNames(personIds, 60);
    const person = (id: string | null | undefined): UserOption | null => (id ? (names.get(id) ?? { accountId: id, displayName: 'Someone (name unavailable)', active: true }) : null);

    const items = shown.map(({ accountId, credential }): ExpiringCredential => {
      const o = owners.get(accountId);
      const summary = summaries.get(accountId);
      const stopping = (records.get(accountId)?.projects ?? [])
        .filter((p) => p.touches > 0)
        .sort((a, b) => b.touches - a.touches);
      return {
        credential,
        accountId,
        identityName: summary?.displayName ?? accountId,
        identityKind: summary?.kind ?? null,
        credentialOwner: person(credential.ownerAccountId ?? o?.ownerAccountId),
        owner: person(o?.ownerAccountId),
        backup: person(o?.backupAccountId),
        team: o?.team ?? '',
        runbookUrl: o?.runbookUrl ?? '',
        projects: stopping.slice(0, 5).map((p) => ({ projectKey: p.projectKey, projectName: p.projectName, touches: p.touches })),
        projectsTotal: stopping.length,
      };
    });
    return { items, total: matches.length };
  },
});
