import type { IdentityRecord } from '../../contract';
import type { CampaignCandidate } from '../../registry/campaigns';
import type { OwnershipAttrs } from '../../registry/ownership-store';
import { readIdentityRecord, readIdentitySummaries, readSnapshotPointer } from '../../scan/snapshot-store';
import { AppFailure } from '../../errors';

/** Projects where the identity did something in the scan's window (not mere access). */
export function projectsTouched(record: IdentityRecord | null): string[] {
  return (record?.projects ?? []).filter((p) => p.created + p.updated + p.transitions + p.worklogs > 0).map((p) => p.projectKey);
}

/**
 * The identities of the latest snapshot as a campaign sees them. Records (with the projects an
 * identity touched) are read for owned identities only, or for every identity when the scope
 * filters by project.
 */
export async function campaignCandidates(ownership: ReadonlyMap<string, OwnershipAttrs>, needProjectsForAll: boolean): Promise<CampaignCandidate[]> {
  const pointer = await readSnapshotPointer();
  if (!pointer) throw new AppFailure('INVALID_INPUT', 'There is no scan yet: run a scan first, so the campaign knows what each identity touches.');
  const out: CampaignCandidate[] = [];
  for (const s of await readIdentitySummaries(pointer)) {
    const owned = !!ownership.get(s.accountId)?.ownerAccountId;
    const record = owned || needProjectsForAll ? await readIdentityRecord(pointer, s.accountId) : null;
    out.push({ accountId: s.accountId, displayName: s.displayName, kind: s.kind, projectsTouched: projectsTouched(record), lastActivity: s.lastActivity });
  }
  return out;
}
