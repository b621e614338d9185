import type { AdminSyncSave, AdminSyncSettings, BulkOwnershipChange, BulkOwnershipResult, CredentialInput, CredentialList, CredentialView, ExpiringList, ExpiryTier, HistoryPage, ImportResult, Ownership, ProjectIssueTypes, ReminderSettings, ReminderSettingsInput, ScanSettings, UserOption } from '../../../src/contract';
import { invoke, unwrap } from './invoke';

/** ownership/save: answers the new version; a stale baseVersion fails with CONFLICT. */
export async function saveOwnership(accountId: string, baseVersion: number, ownership: Ownership): Promise<{ version: number }> {
  return unwrap(await invoke('ownership/save', { accountId, baseVersion, ownership }));
}

/** users/search: active people for the owner and backup pickers. */
export async function searchUsers(query: string): Promise<UserOption[]> {
  return unwrap(await invoke('users/search', { query }));
}

/** history/list: an identity's registry history, newest first, a page at a time. */
export async function listHistory(accountId: string, cursor?: string): Promise<HistoryPage> {
  return unwrap(await invoke('history/list', cursor ? { accountId, cursor } : { accountId }));
}

/** credentials/list: every identity's credentials, a page at a time. */
export async function listCredentials(cursor?: string): Promise<CredentialList> {
  return unwrap(await invoke('credentials/list', cursor ? { cursor } : {}));
}

/** credentials/import: preview (writes nothing) or commit (all rows or none). */
export async function importCredentials(csv: string, mode: 'preview' | 'commit'): Promise<ImportResult> {
  return unwrap(await invoke('credentials/import', { csv, mode }));
}

/** credentials/export: every credential's metadata as CSV. */
export async function exportCredentials(): Promise<{ csv: string; filename: string }> {
  return unwrap(await invoke('credentials/export', {}));
}

/** admin-sync/get: only the organization id is used here, to link to the right Administration pages. */
export async function getAdminOrgId(): Promise<string | null> {
  const answer = await invoke('admin-sync/get', {});
  return answer.ok ? answer.data.orgId : null;
}

/** credentials/expiring: the site-wide "Expiring soon" list. */
export async function listExpiring(query: { withinDays?: number; tier?: ExpiryTier }): Promise<ExpiringList> {
  return unwrap(await invoke('credentials/expiring', query));
}

/** ownership/bulk-save: one change to several identities, each checked against its version. */
export async function bulkSaveOwnership(items: Array<{ accountId: string; baseVersion: number }>, change: BulkOwnershipChange): Promise<BulkOwnershipResult[]> {
  return unwrap(await invoke('ownership/bulk-save', { items, change })).results;
}

/** credentials/save: adds (no credentialId) or edits one credential of an identity. */
export async function saveCredential(accountId: string, baseVersion: number, credential: CredentialInput, credentialId?: string): Promise<{ version: number; credential: CredentialView }> {
  return unwrap(await invoke('credentials/save', credentialId ? { accountId, baseVersion, credentialId, credential } : { accountId, baseVersion, credential }));
}

/** credentials/delete: removes one credential (its last values stay in the history). */
export async function deleteCredential(accountId: string, baseVersion: number, credentialId: string): Promise<{ version: number }> {
  return unwrap(await invoke('credentials/delete', { accountId, baseVersion, credentialId }));
}

/** settings/get and settings/save: the scan's window and hourly budget. */
export async function getScanSettings(): Promise<ScanSettings> {
  return unwrap(await invoke('settings/get', {}));
}
export async function saveScanSettings(settings: Partial<ScanSettings>): Promise<ScanSettings> {
  return unwrap(await invoke('settings/save', settings));
}

/** reminders/get and reminders/save. */
export async function getReminderSettings(): Promise<ReminderSettings> {
  return unwrap(await invoke('reminders/get', {}));
}
export async function saveReminderSettings(input: ReminderSettingsInput): Promise<ReminderSettings> {
  return unwrap(await invoke('reminders/save', input));
}

/** projects/issue-types: a project's issue types, for the reminders' issue type. */
export async function getProjectIssueTypes(projectKey: string): Promise<ProjectIssueTypes> {
  return unwrap(await invoke('projects/issue-types', { projectKey }));
}

/** admin-sync/get, admin-sync/save (the key is write-only) and admin-sync/run. */
export async function getAdminSync(): Promise<AdminSyncSettings> {
  return unwrap(await invoke('admin-sync/get', {}));
}
export async function saveAdminSync(input: AdminSyncSave): Promise<AdminSyncSettings> {
  return unwrap(await invoke('admin-sync/save', input));
}
export async function runAdminSync(): Promise<AdminSyncSettings> {
  return unwrap(await invoke('admin-sync/run', {}));
}
