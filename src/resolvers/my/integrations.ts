import { z } from 'zod';
import type { MyIntegration } from '../../contract';
import { readAllOwnership, readOwnership, saveOwnership } from '../../registry/ownership-store';
import { LIMITS, ACCOUNT_ID, safeText } from '../../registry/validation';
import { loadRegistryView } from '../../registry/view';
import { readIdentityRecord, readIdentitySummaries, readSnapshotPointer } from '../../scan/snapshot-store';
import { AppFailure } from '../../errors';
import { defineResolver } from '../define';
import { projectsTouched } from '../campaigns/candidates';

/** my/integrations: the records that name the caller as owner or backup (stored ownership). Policy: signed-in (the caller's own records only). */
export const myIntegrations = defineResolver({
  key: 'my/integrations',
  policy: 'signed-in',
  input: z.object({}).strict(),
  async run({ caller }): Promise<MyIntegration[]> {
    const mine = [...(await readAllOwnership()).values()].filter((o) => o.ownerAccountId === caller.accountId || o.backupAccountId === caller.accountId);
    if (mine.length === 0) return [];
    const pointer = await readSnapshotPointer();
    const summaries = new Map((pointer ? await readIdentitySummaries(pointer) : []).map((s) => [s.accountId, s]));
    const out: MyIntegration[] = [];
    for (const o of mine) {
      const record = pointer ? await readIdentityRecord(pointer, o.accountId) : null;
      const view = await loadRegistryView(o.accountId, record);
      if (!view.ownership) continue;
      const summary = summaries.get(o.accountId);
      out.push({
        accountId: o.accountId,
        displayName: summary?.displayName ?? o.accountId,
        kind: summary?.kind ?? 'person-integration',
        role: o.ownerAccountId === caller.accountId ? 'owner' : 'backup',
        ownership: view.ownership,
        version: view.version,
        credentials: view.credentials,
        risks: view.risks,
        projectsTouched: projectsTouched(record),
        lastActivity: summary?.lastActivity ?? null,
      });
    }
    return out.sort((a, b) => a.displayName.localeCompare(b.displayName, undefined, { numeric: true }));
  },
});

/** my/save: purpose, runbook and notes of a record the caller owns or backs up, based on its version. Policy: owner-or-backup. */
export const saveMyRecord = defineResolver({
  key: 'my/save',
  policy: 'owner-or-backup',
  input: z
    .object({
      accountId: ACCOUNT_ID,
      baseVersion: z.number().int().min(0).max(2_000_000_000),
      purpose: safeText(LIMITS.purpose),
      runbookUrl: safeText(LIMITS.runbookUrl, { url: true }),
      notes: safeText(LIMITS.notes, { multiLine: true }),
    })
    .strict(),
  record: (p) => p.accountId,
  async run({ payload, caller }) {
    const current = await readOwnership(payload.accountId);
    if (!current.ownership) throw new AppFailure('NOT_FOUND', 'This integration has no ownership record.');
    const { purpose, runbookUrl, notes } = payload;
    return saveOwnership({ accountId: payload.accountId, baseVersion: payload.baseVersion, ownership: { ...current.ownership, purpose, runbookUrl, notes }, by: caller.accountId });
  },
});
