import type { Credential } from '../../contract';
import { credentialId, normaliseLabel } from '../credential-ids';
import { credentialChanged } from '../credential-edit';
import type { CredentialChange } from '../credential-store';
import type { AdminApiToken } from './admin-api-client';

/**
 * Matches the organization's API tokens to one identity's credentials (pure): a token belongs to the
 * identity whose account id is the token's user; it updates the credential synced from it before
 * (same token id), else the API token with the same label, else it is added.
 */
export function tokenChanges(accountId: string, current: readonly Credential[], tokens: readonly AdminApiToken[], now: Date): CredentialChange[] {
  const changes: CredentialChange[] = [];
  for (const token of tokens) {
    if (token.user.id !== accountId || token.status === 'REVOKED') continue;
    const label = (token.label || `API token ${token.id}`).slice(0, 120);
    const existing =
      current.find((c) => c.externalId === token.id) ?? current.find((c) => c.kind === 'api-token' && c.externalId === null && normaliseLabel(c.label) === normaliseLabel(label));
    const after: Credential = {
      id: existing?.id ?? credentialId(accountId, 'api-token', label),
      kind: 'api-token',
      label,
      scopes: existing?.scopes ?? [],
      createdAt: day(token.createdAt),
      expiresAt: day(token.expiresAt),
      lastUsedAt: day(token.lastActiveAt),
      ownerAccountId: existing?.ownerAccountId ?? null,
      source: 'admin-sync',
      externalId: token.id,
      updatedAt: now.toISOString(),
    };
    if (!existing || credentialChanged(existing, after)) changes.push({ before: existing ?? null, after });
  }
  return changes;
}

function day(iso: string | null | undefined): string | null {
  return iso && /^\d{4}-\d{2}-\d{2}/.test(iso) ? iso.slice(0, 10) : null;
}
