import type { CredentialList, HistoryPage, ImportResult, Ownership, UserOption } from '../../../src/contract';
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
