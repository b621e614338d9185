import type { IdentityDetail, IdentityList, IdentityListQuery, IdentitySummary } from '../../../src/contract';
import { invoke, unwrap } from './invoke';

/** identities/list: one page of the last scan's identities, joined with the registry, plus the overview. */
export async function listIdentities(query: IdentityListQuery): Promise<IdentityList> {
  return unwrap(await invoke('identities/list', query));
}

/** identity/get: one identity with projects, access, credentials, ownership, risks and history. */
export async function getIdentity(accountId: string): Promise<IdentityDetail> {
  return unwrap(await invoke('identity/get', { accountId }));
}

/** identity/mark: an admin's mark (integration, not one, or back to automatic detection); used by the next scan. */
export async function markIdentity(accountId: string, integration: boolean | null): Promise<{ override: IdentitySummary['override'] }> {
  return unwrap(await invoke('identity/mark', { accountId, integration }));
}
