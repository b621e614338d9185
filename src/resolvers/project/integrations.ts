import { z } from 'zod';
import type { IdentityRecord, ProjectIntegrations, ProjectRef } from '../../contract';
import { readCredentials } from '../../registry/credential-store';
import { readOwnership } from '../../registry/ownership-store';
import { issuesTouchedIn } from '../../rules/blast-radius';
import { readIdentityRecord, readIdentitySummaries, readSnapshotPointer, activityWindow, type SnapshotPointer } from '../../scan/snapshot-store';
import { defineResolver } from '../define';
import { AppFailure } from '../../errors';
import { readProjectNote } from '../../registry/project-notes';
import { readOrphan, type OrphanRecord } from '../../registry/orphans';
import type { OrphanNotice } from '../../contract';
import { peopleByAccountId } from './people-names';
import { projectSlice, touches } from './project-slice';
import { readProjectMemo, rollProjectMemo, trendOf, type ProjectMemo } from '../../activity/project-trend';
import { overlayRecord } from '../../activity/overlay';
import { readIdentityActivity, readProjectActivity } from '../../activity/read';

/**
 * project/integrations: the integrations touching the project in the Forge context, with activity
 * and access here, owners, credential expiry and whom to call. Takes no payload: the project comes
 * from the context and was confirmed with Jira by the policy. Policy: project-reader.
 */
export const projectIntegrations = defineResolver({
  key: 'project/integrations',
  policy: 'project-reader',
  input: z.object({}).strict(),
  async run({ caller }): Promise<ProjectIntegrations> {
    const project = confirmedProject(caller.project);
    const pointer = await readSnapshotPointer();
    if (!pointer) return { project, snapshot: null, integrations: [] };
    const memoBefore = await readProjectMemo(project.key);
    const records = await recordsTouching(pointer, project.key, memoBefore);
    const counts = Object.fromEntries(records.map(({ record, here }) => [record.accountId, issuesTouchedIn(here)]));
    const memo = memoBefore?.generation === pointer.generation ? memoBefore : await rollProjectMemo(project.key, memoBefore, pointer.generation, counts);

    const registry = await Promise.all(
      records.map(async ({ record }) => {
        const [owned, creds, note, orphan] = await Promise.all([readOwnership(record.accountId), readCredentials(record.accountId), readProjectNote(record.accountId, project.key), readOrphan(record.accountId)]);
        return { ownership: owned.ownership, credentials: creds.credentials, note, orphaned: orphanNotice(orphan) };
      }),
    );
    const people = await peopleByAccountId(
      registry.flatMap((r) => [r.ownership?.ownerAccountId, r.ownership?.backupAccountId, ...r.credentials.map((c) => c.ownerAccountId)]).filter((id): id is string => !!id),
    );
    const now = new Date();
    const integrations = records.map(({ record, here }, i) => {
      const reg = registry[i] ?? { ownership: null, credentials: [], note: null, orphaned: null };
      return projectSlice({ record, here, ...reg, people, trend: trendOf(memo, record.accountId, issuesTouchedIn(here)), now });
    });
    integrations.sort((a, b) => b.activity.issuesTouched - a.activity.issuesTouched || a.displayName.localeCompare(b.displayName, undefined, { numeric: true }));
    return { project, snapshot: { completedAt: pointer.completedAt, windowDays: pointer.windowDays, windowFrom: activityWindow(pointer.windowDays).from }, integrations };
  },
});

/** What the project's leads see of an orphan: names only, no account ids. */
function orphanNotice(o: OrphanRecord | null): OrphanNotice | null {
  if (!o) return null;
  return {
    since: o.since,
    formerOwner: { displayName: o.formerOwnerName, active: false },
    handoverTo: o.handoverTo === 'admins' ? 'admins' : { displayName: o.handoverToName, active: true },
    issueKey: o.issueKey,
  };
}

export function confirmedProject(project: ProjectRef | null): ProjectRef {
  // The policy sets it; its absence would be a wiring bug, so refuse rather than guess.
  if (!project) throw new AppFailure('FORBIDDEN', "This is available on a project's Integrations page only.");
  return project;
}

/**
 * The snapshot's records that touch the project, with this project's entry. After the first read of a
 * snapshot the memo names them, so only those records are loaded.
 */
async function recordsTouching(pointer: SnapshotPointer, projectKey: string, memo: ProjectMemo | null) {
  // Who holds access here comes from the scan; who acted here, from the activity ledger.
  const active = await readProjectActivity(projectKey);
  const candidates = new Set(
    memo?.generation === pointer.generation
      ? Object.keys(memo.counts)
      : (await readIdentitySummaries(pointer)).filter((s) => s.projectsTouched > 0 || s.unusedAccessProjects > 0).map((s) => s.accountId),
  );
  for (const id of active.keys()) candidates.add(id);
  const loaded = await Promise.all([...candidates].map(async (id) => {
    const record = await readIdentityRecord(pointer, id);
    return record ? overlayRecord(record, await readIdentityActivity(id)) : null;
  }));
  return loaded.flatMap((record: IdentityRecord | null) => {
    const here = record?.projects.find((p) => p.projectKey === projectKey);
    return record && touches(here) ? [{ record, here }] : [];
  });
}
