import type { Credential, CredentialInput, CredentialSource } from '../contract';
import { AppFailure } from '../errors';
import { credentialId, normaliseLabel } from './credential-ids';
import { readCredentials, saveCredentialChanges, type CredentialChange } from './credential-store';
import { invalidInput, VersionConflict } from './errors';
import { diffFields } from './history-diff';

const COMPARED = ['kind', 'label', 'scopes', 'createdAt', 'expiresAt', 'lastUsedAt', 'ownerAccountId', 'externalId', 'retiredAt'] as const;

/** The stored credential for validated input; keeps what the input does not carry (source, external id). */
export function buildCredential(accountId: string, input: CredentialInput, existing: Credential | null, source: CredentialSource, now: Date): Credential {
  // Input without the field (CSV, admin sync) keeps the retirement recorded by hand; null takes it back.
  const retiredAt = input.retiredAt === undefined ? (existing?.retiredAt ?? null) : input.retiredAt;
  const { retiredAt: _ignored, ...rest } = input;
  void _ignored;
  return {
    ...rest,
    ...(retiredAt ? { retiredAt } : {}),
    label: input.label.trim(),
    scopes: [...new Set(input.scopes)],
    id: existing?.id ?? credentialId(accountId, input.kind, input.label),
    source,
    externalId: existing?.externalId ?? null,
    updatedAt: now.toISOString(),
  };
}

/** True when two credentials differ in anything a person entered. */
export function credentialChanged(before: Credential | null, after: Credential): boolean {
  return diffFields(before, after, COMPARED).length > 0;
}

/**
 * credentials/save: creates a credential (no credentialId) or edits one. The natural key (kind and
 * label) must stay unique within the identity, so re-entering a credential never duplicates it.
 */
export async function saveCredential(args: { accountId: string; baseVersion: number; credentialId?: string; input: CredentialInput; by: string; now?: Date }): Promise<{ version: number; credential: Credential }> {
  const now = args.now ?? new Date();
  const current = await readCredentials(args.accountId);
  if (current.version !== args.baseVersion) throw new VersionConflict(current.version, "this integration's credentials");
  const existing = args.credentialId ? current.credentials.find((c) => c.id === args.credentialId) : undefined;
  if (args.credentialId && !existing) throw new AppFailure('NOT_FOUND', 'That credential is no longer in the registry. Reload the page.');
  const clash = current.credentials.find((c) => c.id !== existing?.id && c.kind === args.input.kind && normaliseLabel(c.label) === normaliseLabel(args.input.label));
  if (clash) throw invalidInput('credential.label', `this integration already has a ${args.input.kind} called "${clash.label}"; edit that one instead`);
  const after = buildCredential(args.accountId, args.input, existing ?? null, 'manual', now);
  if (existing && !credentialChanged(existing, after)) return { version: current.version, credential: existing };
  const change: CredentialChange = { before: existing ?? null, after };
  const { version } = await saveCredentialChanges({ accountId: args.accountId, baseVersion: args.baseVersion, changes: [change], by: args.by, source: 'manual', now });
  return { version, credential: after };
}

/** credentials/delete: removes one credential, recording its last values in the history. */
export async function deleteCredential(args: { accountId: string; baseVersion: number; credentialId: string; by: string }): Promise<{ version: number }> {
  const current = await readCredentials(args.accountId);
  if (current.version !== args.baseVersion) throw new VersionConflict(current.version, "this integration's credentials");
  const existing = current.credentials.find((c) => c.id === args.credentialId);
  if (!existing) throw new AppFailure('NOT_FOUND', 'That credential is no longer in the registry. Reload the page.');
  return saveCredentialChanges({ accountId: args.accountId, baseVersion: args.baseVersion, changes: [{ before: existing, after: null }], by: args.by, source: 'manual' });
}
