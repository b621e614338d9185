import { z } from 'zod';
import type { IdentityList, RegistryOverview } from '../../contract';
import { readIdentitySummaries, readSnapshotPointer } from '../../scan/snapshot-store';
import { readAllActivity } from '../../activity/read';
import { overlaySummary } from '../../activity/overlay';
import { defineResolver } from '../define';
import { newcomerRecords } from './newcomers';
import { peopleNames } from './people-names';
import { queryIdentities } from './query';
import { joinRegistry } from '../../registry/registry-join';
import { readPeopleCards, type PersonCard } from '../../registry/people-cards';

const KINDS = ['service-account', 'app-account', 'rovo-agent', 'person-integration'] as const;
const RISKS = ['credential-expired', 'credential-expiring', 'no-owner', 'no-backup', 'owner-deactivated', 'backup-deactivated', 'person-owned-integration', 'unused-90-days', 'orphaned', 'credential-stale', 'expiring-no-backup', 'no-expiry-recorded'] as const;
const EMPTY_OVERVIEW: RegistryOverview = {
  identities: 0,
  byKind: { 'service-account': 0, 'app-account': 0, 'rovo-agent': 0, 'person-integration': 0 },
  credentials: 0,
  credentialsByTier: { expired: 0, critical: 0, warning: 0, ok: 0, unknown: 0 },
  noOwner: 0,
  noBackup: 0,
  personOwned: 0,
  unusedAccess: 0,
};

/** identities/list: a page of the last complete snapshot's identities. Policy: jira-admin. */
export const listIdentities = defineResolver({
  key: 'identities/list',
  policy: 'jira-admin',
  input: z
    .object({
      search: z.string().max(200).optional(),
      kind: z.enum(KINDS).optional(),
      projectKey: z.string().regex(/^[A-Z][A-Z0-9_]{0,254}$/, 'must be a Jira project key').optional(),
      risk: z.enum(RISKS).optional(),
      owner: z.union([z.literal('none'), z.string().min(1).max(128).regex(/^[A-Za-z0-9:_-]+$/, 'must be a Jira account id')]).optional(),
      sort: z.object({ field: z.enum(['name', 'kind', 'projectsTouched', 'lastActivity', 'owner', 'nearestExpiry']), direction: z.enum(['asc', 'desc']) }).strict().optional(),
      offset: z.number().int().min(0).max(1_000_000).optional(),
      limit: z.number().int().min(1).max(200).optional(),
    })
    .strict(),
  async run({ payload }): Promise<IdentityList> {
    const pointer = await readSnapshotPointer();
    if (!pointer) return { items: [], total: 0, snapshot: null, overview: EMPTY_OVERVIEW };
    // Identities and kinds come from the scan; what each one did, from the activity ledger.
    const [scanned, activity] = await Promise.all([readIdentitySummaries(pointer), readAllActivity()]);
    // Accounts that started acting after the scan are listed as candidates at once (the ledger saw them).
    const newcomers = await newcomerRecords(new Set(scanned.map((s) => s.accountId)));
    const snapshot = [...scanned, ...newcomers.map(({ projects: _p, leastPrivilege: _l, ...summary }) => summary)];
    const summaries = snapshot.map((s) => overlaySummary(s, activity.get(s.accountId)));
    const { rows, overview } = await joinRegistry(summaries);
    const projectKey = payload.projectKey;
    // Sorting by owner sorts by the owner's name: the names the app stored when owners were saved (no Jira call).
    const ownerCards = payload.sort?.field === 'owner' ? await readPeopleCards(rows.map((r) => r.ownerAccountId ?? '')) : new Map<string, PersonCard>();
    const page = queryIdentities(
      rows,
      payload,
      (id) => (projectKey ? (activity.get(id)?.get(projectKey)?.touches ?? 0) > 0 : false),
      (id) => ownerCards.get(id)?.displayName || undefined,
    );
    const names = await peopleNames(page.items.map((r) => r.ownerAccountId));
    const items = page.items.map((r) => ({ ...r, ownerName: r.ownerAccountId ? (names.get(r.ownerAccountId)?.displayName ?? null) : null }));
    return { items, total: page.total, snapshot: { completedAt: pointer.completedAt, windowDays: pointer.windowDays, ...(pointer.partial ? { partial: true } : {}) }, overview };
  },
});
