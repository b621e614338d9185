import { z } from 'zod';
import type { BulkOwnershipResult, Ownership } from '../../contract';
import { AppFailure } from '../../errors';
import { readOwnership, saveOwnership } from '../../registry/ownership-store';
import { requireActivePeople } from '../../registry/people';
import { ACCOUNT_ID, LIMITS, safeText } from '../../registry/validation';
import { readIdentitySummaries, readSnapshotPointer } from '../../scan/snapshot-store';
import { defineResolver } from '../define';

const MAX_ITEMS = 100;

/**
 * ownership/bulk-save: one change (owner, backup, team: each only when given) to several identities
 * of the last scan. Each identity is saved on its own, conditional on the version the admin saw; one
 * that changed since (or would get the same person as owner and backup) is left as it is and
 * reported, the others are saved. Policy: jira-admin.
 */
export const bulkSaveOwnership = defineResolver({
  key: 'ownership/bulk-save',
  policy: 'jira-admin',
  input: z
    .object({
      items: z
        .array(z.object({ accountId: ACCOUNT_ID, baseVersion: z.number().int().min(0).max(2_000_000_000) }).strict())
        .min(1, 'choose at least one identity')
        .max(MAX_ITEMS, `choose at most ${MAX_ITEMS} identities at a time`),
      change: z
        .object({ ownerAccountId: ACCOUNT_ID.nullable().optional(), backupAccountId: ACCOUNT_ID.nullable().optional(), team: safeText(LIMITS.team).optional() })
        .strict()
        .refine((c) => c.ownerAccountId !== undefined || c.backupAccountId !== undefined || c.team !== undefined, 'choose an owner, a backup or a team to set')
        .refine((c) => !c.ownerAccountId || c.ownerAccountId !== c.backupAccountId, { message: 'must be someone other than the owner', path: ['backupAccountId'] }),
    })
    .strict(),
  async run({ payload, caller }) {
    const { items, change } = payload;
    const pointer = await readSnapshotPointer();
    const known = new Set(pointer ? (await readIdentitySummaries(pointer)).map((s) => s.accountId) : []);
    const unknown = items.find((i) => !known.has(i.accountId));
    if (unknown) throw new AppFailure('NOT_FOUND', 'One of the chosen identities is not in the last scan. Reload the list and choose again.');
    await requireActivePeople([
      { field: 'change.ownerAccountId', accountId: change.ownerAccountId ?? null },
      { field: 'change.backupAccountId', accountId: change.backupAccountId ?? null },
    ]);
    const results: BulkOwnershipResult[] = [];
    for (const { accountId, baseVersion } of items) {
      const current = await readOwnership(accountId);
      const base: Ownership = current.ownership ?? { ownerAccountId: null, backupAccountId: null, team: '', purpose: '', runbookUrl: '', notes: '' };
      const next: Ownership = {
        ...base,
        ...(change.ownerAccountId !== undefined ? { ownerAccountId: change.ownerAccountId } : {}),
        ...(change.backupAccountId !== undefined ? { backupAccountId: change.backupAccountId } : {}),
        ...(change.team !== undefined ? { team: change.team.trim() } : {}),
      };
      if (next.ownerAccountId && next.ownerAccountId === next.backupAccountId) {
        results.push({ accountId, ok: false, version: current.version, message: 'Its owner would also be its backup: choose another backup for it.' });
        continue;
      }
      try {
        const { version } = await saveOwnership({ accountId, baseVersion, ownership: next, by: caller.accountId });
        results.push({ accountId, ok: true, version, message: null });
      } catch (e) {
        if (!(e instanceof AppFailure)) throw e;
        results.push({ accountId, ok: false, version: (await readOwnership(accountId)).version, message: e.message });
      }
    }
    return { results };
  },
});
