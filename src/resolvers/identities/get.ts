import { z } from 'zod';
import type { IdentityDetail } from '../../contract';
import { loadRegistryView } from '../../registry/view';
import { leastPrivilege } from '../../rules/access';
import { readOverride } from '../../scan/overrides';
import { withStoredRoles } from '../../scan/project-roles';
import { readIdentityRecord, readSnapshotPointer, activityWindow } from '../../scan/snapshot-store';
import { defineResolver } from '../define';
import { readProjectNotes } from '../../registry/project-notes';
import { readNewcomerRecord } from './newcomers';
import { peopleNames } from './people-names';
import { AppFailure } from '../../errors';
import { overlayRecord } from '../../activity/overlay';
import { readIdentityActivity } from '../../activity/read';

export const ACCOUNT_ID = z.string().min(1).max(128).regex(/^[A-Za-z0-9:_-]+$/, 'must be a Jira account id');

/** identity/get: one identity with its projects, access and registry view. Policy: jira-admin. */
export const getIdentity = defineResolver({
  key: 'identity/get',
  policy: 'jira-admin',
  input: z.object({ accountId: ACCOUNT_ID }).strict(),
  async run({ payload }): Promise<IdentityDetail> {
    const pointer = await readSnapshotPointer();
    const scanned = (pointer ? await readIdentityRecord(pointer, payload.accountId) : null) ?? (await readNewcomerRecord(payload.accountId));
    if (!scanned) throw new AppFailure('NOT_FOUND', 'No integration identity with that account id in the last scan.');
    // What it did where comes from the activity ledger (one definition of activity for every page).
    const record = overlayRecord(scanned, await readIdentityActivity(payload.accountId));
    // Roles come from stored answers only (no Jira points on a page view); missing ones are read in the background.
    const { projects, pending: rolesPending } = await withStoredRoles(payload.accountId, record.projects).catch((e: unknown) => {
      // Roles are a detail: without them the page still shows access and activity.
      console.warn(`[identity/get] project roles not read: ${e instanceof Error ? e.message : String(e)}`);
      return { projects: record.projects, pending: true };
    });
    const view = await loadRegistryView(payload.accountId, record);
    const mentioned = [view.ownership?.ownerAccountId, view.ownership?.backupAccountId, ...view.blastRadius.contacts.map((c) => c.accountId), ...view.credentials.map((c) => c.ownerAccountId), ...view.history.entries.map((h) => h.by)];
    const people = [...(await peopleNames(mentioned)).values()];
    // The admin's current mark, which may be newer than the scan that produced this record.
    const override = await readOverride(payload.accountId);
    const window = pointer ? activityWindow(pointer.windowDays) : { from: '', days: 0 };
    return { ...record, override, projects, rolesPending, leastPrivilege: leastPrivilege(projects), ...view, projectNotes: await readProjectNotes(payload.accountId), people, window };
  },
});
