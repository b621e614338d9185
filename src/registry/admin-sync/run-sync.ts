import type { AdminSyncSettings } from '../../contract';
import { AppFailure } from '../../errors';
import { readAllCredentials, readCredentials, saveCredentialChanges } from '../credential-store';
import { AdminApiError, listOrgApiTokens } from './admin-api-client';
import { tokenChanges } from './match-tokens';
import { readAdminSyncSettings, readApiKey, writeAdminSyncSettings } from './settings-store';

/**
 * Reads every API token of the organization first, then writes the matches identity by identity.
 * A wrong key or an unreachable API fails before any write, so the registry stays as it was.
 */
export async function runAdminSync(by: string, scannedIdentities: Iterable<string>, now = new Date()): Promise<AdminSyncSettings> {
  const settings = await readAdminSyncSettings();
  if (!settings.enabled || !settings.orgId) throw new AppFailure('INVALID_INPUT', 'Turn on Atlassian Administration sync and enter the organization ID first.');
  const apiKey = await readApiKey();
  if (!apiKey) throw new AppFailure('INVALID_INPUT', 'Store an org admin API key first.');
  const { orgId } = settings;

  let tokens;
  try {
    tokens = await listOrgApiTokens(orgId, apiKey);
  } catch (e) {
    if (!(e instanceof AdminApiError)) throw e;
    await writeAdminSyncSettings({ enabled: settings.enabled, orgId, lastRun: { at: now.toISOString(), ok: false, message: e.message, matched: 0, tokens: 0 } });
    throw new AppFailure('UNAVAILABLE', e.message);
  }

  const identities = await knownIdentities(scannedIdentities);
  let matched = 0;
  for (const accountId of new Set(tokens.map((t) => t.user.id))) {
    if (!identities.has(accountId)) continue;
    matched += tokens.filter((t) => t.user.id === accountId).length;
    // One retry on a concurrent edit: the sync re-reads and re-applies, never overwrites blindly.
    for (let attempt = 0; attempt < 2; attempt++) {
      const current = await readCredentials(accountId);
      const changes = tokenChanges(accountId, current.credentials, tokens, now);
      try {
        await saveCredentialChanges({ accountId, baseVersion: current.version, changes, by, source: 'admin-sync', now });
        break;
      } catch (e) {
        if (!(e instanceof AppFailure && e.code === 'CONFLICT') || attempt === 1) throw e;
      }
    }
  }
  const message = `Read ${tokens.length} API tokens; ${matched} belong to integration identities.`;
  const lastRun = { at: now.toISOString(), ok: true, message, matched, tokens: tokens.length };
  await writeAdminSyncSettings({ enabled: settings.enabled, orgId, lastRun });
  return { ...settings, lastRun };
}

/** Identities the app knows: those of the last scan (given by the caller), and those already in the registry. */
async function knownIdentities(scanned: Iterable<string>): Promise<Set<string>> {
  const ids = new Set<string>(scanned);
  for (const g of await readAllCredentials()) ids.add(g.accountId);
  return ids;
}
