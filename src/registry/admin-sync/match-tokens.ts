import type { Credential } from '../../contract';
import { credentialId, normaliseLabel } from '../credential-ids';
import { credentialChanged } from '../credential-edit';
import type { CredentialChange } from '../credential-store';
import type { AdminCredential } from './admin-api-client';

const SCOPE = /^[A-Za-z0-9:._/-]{1,80}$/;

/** Whether the Admin API still lists the credential as usable (a revoked one is not). */
export function isLive(c: AdminCredential): boolean {
  return (c.status ?? '').toUpperCase() !== 'REVOKED';
}

/**
 * One identity's credential changes from the organization's credentials (pure). A credential belongs
 * to the identity whose account id owns it; it updates the credential synced from it before (same
 * id), else the one of the same kind and label entered by hand, else it is added. A credential synced
 * before that the API no longer lists as live (revoked or deleted) is retired: removed, with history.
 */
export function tokenChanges(accountId: string, current: readonly Credential[], listed: readonly AdminCredential[], now: Date): CredentialChange[] {
  const changes: CredentialChange[] = [];
  const live = listed.filter((c) => c.accountId === accountId && isLive(c));
  for (const token of live) {
    const label = (token.label || `${token.kind === 'api-token' ? 'API token' : 'OAuth client'} ${token.id}`).slice(0, 120);
    const existing =
      current.find((c) => c.externalId === token.id) ?? current.find((c) => c.kind === token.kind && c.externalId === null && normaliseLabel(c.label) === normaliseLabel(label));
    const scopes = token.scopes.filter((s) => SCOPE.test(s)).slice(0, 30);
    const after: Credential = {
      id: existing?.id ?? credentialId(accountId, token.kind, label),
      kind: token.kind,
      label,
      scopes: scopes.length > 0 ? scopes : (existing?.scopes ?? []),
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
  const liveIds = new Set(live.map((c) => c.id));
  for (const c of current) {
    if (c.source === 'admin-sync' && c.externalId !== null && !liveIds.has(c.externalId)) changes.push({ before: c, after: null });
  }
  return changes;
}

function day(iso: string | null | undefined): string | null {
  return iso && /^\d{4}-\d{2}-\d{2}/.test(iso) ? iso.slice(0, 10) : null;
}
