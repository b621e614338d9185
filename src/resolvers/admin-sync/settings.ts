import { z } from 'zod';
import type { AdminSyncSettings } from '../../contract';
import { runAdminSync } from '../../registry/admin-sync/run-sync';
import { readAdminSyncSettings, writeAdminSyncSettings, writeApiKey } from '../../registry/admin-sync/settings-store';
import { readIdentitySummaries, readSnapshotPointer } from '../../scan/snapshot-store';
import { defineResolver } from '../define';

const ORG_ID = z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'must be an Atlassian organization ID');
// Write-only: validated for shape, stored in the secret store, never echoed.
const API_KEY = z.string().min(16, 'is too short to be an API key').max(4096).regex(/^[\x21-\x7E]+$/, 'must be the key alone, without spaces or line breaks');

/** admin-sync/get: whether Atlassian Administration sync is on, for which org, and whether a key is stored. Policy: jira-admin. */
export const getAdminSync = defineResolver({
  key: 'admin-sync/get',
  policy: 'jira-admin',
  input: z.object({}).strict(),
  run: () => readAdminSyncSettings(),
});

/** admin-sync/save: turn the sync on or off, set the org, store or delete the key. Policy: jira-admin. */
export const saveAdminSync = defineResolver({
  key: 'admin-sync/save',
  policy: 'jira-admin',
  input: z
    .object({ enabled: z.boolean(), orgId: ORG_ID.nullable(), apiKey: API_KEY.nullable().optional() })
    .strict()
    .refine((s) => !s.enabled || s.orgId !== null, { message: 'is needed to turn the sync on', path: ['orgId'] }),
  async run({ payload }): Promise<AdminSyncSettings> {
    const current = await readAdminSyncSettings();
    await writeApiKey(payload.apiKey);
    await writeAdminSyncSettings({ enabled: payload.enabled, orgId: payload.orgId, lastRun: payload.orgId === current.orgId ? current.lastRun : null });
    return readAdminSyncSettings();
  },
});

/** admin-sync/run: read the org's API tokens now and match them to identities. Policy: jira-admin. */
export const runAdminSyncResolver = defineResolver({
  key: 'admin-sync/run',
  policy: 'jira-admin',
  input: z.object({}).strict(),
  run: async ({ caller }) => runAdminSync(caller.accountId, await scannedIdentityIds()),
});

/** Account ids of the identities in the last published scan. */
async function scannedIdentityIds(): Promise<string[]> {
  const pointer = await readSnapshotPointer();
  return pointer ? (await readIdentitySummaries(pointer)).map((s) => s.accountId) : [];
}
