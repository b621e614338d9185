import type { AdminSyncSettings } from '../../contract';
import { AppFailure } from '../../errors';
import { applyChanges, MAX_CREDENTIALS_PER_IDENTITY, readAllCredentials, readCredentials, saveCredentialChanges, type CredentialChange } from '../credential-store';
import { AdminApiError, listOrgCredentials, type AdminCredential } from './admin-api-client';
import { isLive, tokenChanges } from './match-tokens';
import { readAdminSyncSettings, readApiKey, writeAdminSyncSettings } from './settings-store';

type LastRun = NonNullable<AdminSyncSettings['lastRun']>;

/**
 * Reads every credential of the organization first (user API tokens, service accounts' API tokens and
 * OAuth clients), then writes each identity's changes on its own: an identity whose changes cannot be
 * stored (at the credential cap, or edited by someone during the run) is refused and reported with
 * why, and the others are written. A wrong key or an unreachable API fails before any write.
 */
export async function runAdminSync(by: string, scannedIdentities: Iterable<string>, now = new Date()): Promise<AdminSyncSettings> {
  const settings = await readAdminSyncSettings();
  if (!settings.enabled || !settings.orgId) throw new AppFailure('INVALID_INPUT', 'Turn on Atlassian Administration sync and enter the organization ID first.');
  const apiKey = await readApiKey();
  if (!apiKey) throw new AppFailure('INVALID_INPUT', 'Store an org admin API key first.');
  const { orgId } = settings;

  let listed: AdminCredential[];
  try {
    listed = await listOrgCredentials(orgId, apiKey);
  } catch (e) {
    if (!(e instanceof AdminApiError)) throw e;
    await writeAdminSyncSettings({ enabled: settings.enabled, orgId, lastRun: { at: now.toISOString(), ok: false, message: e.message, matched: 0, tokens: 0 } });
    throw new AppFailure('UNAVAILABLE', e.message);
  }

  const { identities, synced } = await knownIdentities(scannedIdentities);
  const owners = new Set(listed.filter(isLive).map((c) => c.accountId));
  // Identities with live credentials, and those holding synced credentials that may have to be retired.
  const candidates = [...new Set([...owners, ...synced])].filter((id) => identities.has(id)).sort();
  const matched = listed.filter((c) => isLive(c) && identities.has(c.accountId)).length;
  let written = 0;
  let retired = 0;
  const refused: Array<{ accountId: string; reason: string }> = [];
  for (const accountId of candidates) {
    const outcome = await syncIdentity(accountId, listed, by, now);
    if ('refused' in outcome) refused.push({ accountId, reason: outcome.refused });
    else {
      written += outcome.written;
      retired += outcome.retired;
    }
  }
  const live = listed.filter(isLive).length;
  const parts = [`Read ${listed.length} credentials (${live} live); ${matched} belong to integration identities.`, `Wrote ${written} and retired ${retired} that were revoked or deleted.`];
  if (refused.length > 0) parts.push(`Refused ${refused.length} ${refused.length === 1 ? 'identity' : 'identities'}, written nothing for them: ${refused.map((r) => `${r.accountId} (${r.reason})`).join('; ')}.`);
  const lastRun: LastRun = { at: now.toISOString(), ok: refused.length === 0, message: parts.join(' '), matched, tokens: listed.length, written, retired, refused };
  await writeAdminSyncSettings({ enabled: settings.enabled, orgId, lastRun });
  return { ...settings, lastRun };
}

// One transaction holds at most 25 operations: the identity's credential list and one history entry per change.
const CHANGES_PER_TRANSACTION = 24;

/**
 * One identity: its whole plan checked against the cap before anything is written, then written in
 * transactions of at most 24 changes (each one the list and its history together); a concurrent edit
 * makes it re-read and re-plan, at most once.
 */
async function syncIdentity(accountId: string, listed: readonly AdminCredential[], by: string, now: Date): Promise<{ written: number; retired: number } | { refused: string }> {
  let written = 0;
  let retired = 0;
  let conflicts = 0;
  for (let round = 0; round < 20; round++) {
    const current = await readCredentials(accountId);
    const changes: CredentialChange[] = tokenChanges(accountId, current.credentials, listed, now);
    if (changes.length === 0) return { written, retired };
    const after = applyChanges(current.credentials, changes).length;
    if (after > MAX_CREDENTIALS_PER_IDENTITY) {
      return { refused: `it would hold ${after} credentials; an integration can have at most ${MAX_CREDENTIALS_PER_IDENTITY}. Remove some by hand and run the sync again` };
    }
    // Retirements first, so that a list near the cap never passes it between two transactions.
    const ordered = [...changes.filter((c) => c.after === null), ...changes.filter((c) => c.after !== null)];
    const batch = ordered.slice(0, CHANGES_PER_TRANSACTION);
    try {
      await saveCredentialChanges({ accountId, baseVersion: current.version, changes: batch, by, source: 'admin-sync', now });
    } catch (e) {
      if (!(e instanceof AppFailure)) throw e;
      if (e.code === 'CONFLICT' && conflicts++ === 0) continue;
      return written + retired > 0 ? { refused: `${e.message} (after ${written + retired} changes were written)` } : { refused: e.message };
    }
    const gone = batch.filter((c) => c.after === null).length;
    retired += gone;
    written += batch.length - gone;
  }
  return { refused: 'it kept changing while the sync ran' };
}

/** Identities the app knows (the last scan's, given by the caller, and those in the registry), and those holding synced credentials. */
async function knownIdentities(scanned: Iterable<string>): Promise<{ identities: Set<string>; synced: Set<string> }> {
  const identities = new Set<string>(scanned);
  const synced = new Set<string>();
  for (const g of await readAllCredentials()) {
    identities.add(g.accountId);
    if (g.credentials.some((c) => c.source === 'admin-sync' && c.externalId !== null)) synced.add(g.accountId);
  }
  return { identities, synced };
}
