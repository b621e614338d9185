import type { CredentialCsvColumn } from '../contract';
import { readAllCredentials } from './credential-store';
import { toCsv } from './csv';
import { readAllOwnership } from './ownership-store';
import { readPeopleCards } from './people-cards';

/** The export's columns: a name beside every account id; import reads the ids and ignores the names. */
export const EXPORT_COLUMNS: readonly CredentialCsvColumn[] = [
  'identity_account_id',
  'identity_name',
  'kind',
  'label',
  'scopes',
  'created',
  'expires',
  'last_used',
  'owner_account_id',
  'owner_name',
  'identity_owner_account_id',
  'identity_owner_name',
  'identity_backup_account_id',
  'identity_backup_name',
  'source',
  'credential_id',
];

/**
 * Every credential as CSV, formula-like cells defused. Identity names come from the caller (the last
 * scan); people's names from what the app last learned about them (stored, no Jira call).
 */
export async function exportCsv(identityNames: ReadonlyMap<string, string>): Promise<string> {
  const [groups, owners] = await Promise.all([readAllCredentials(), readAllOwnership()]);
  const people = new Set<string>();
  for (const g of groups) {
    const o = owners.get(g.accountId);
    for (const id of [o?.ownerAccountId, o?.backupAccountId, ...g.credentials.map((c) => c.ownerAccountId)]) if (id) people.add(id);
  }
  const cards = await readPeopleCards([...people]);
  const name = (id: string | null | undefined) => (id ? (cards.get(id)?.displayName ?? '') : '');
  const rows = groups.flatMap((g) => {
    const o = owners.get(g.accountId);
    return g.credentials.map((c) => {
      const cells: Record<CredentialCsvColumn, string> = {
        identity_account_id: g.accountId,
        identity_name: identityNames.get(g.accountId) ?? '',
        kind: c.kind,
        label: c.label,
        scopes: c.scopes.join(' '),
        created: c.createdAt ?? '',
        expires: c.expiresAt ?? '',
        last_used: c.lastUsedAt ?? '',
        owner_account_id: c.ownerAccountId ?? '',
        owner_name: name(c.ownerAccountId),
        identity_owner_account_id: o?.ownerAccountId ?? '',
        identity_owner_name: name(o?.ownerAccountId),
        identity_backup_account_id: o?.backupAccountId ?? '',
        identity_backup_name: name(o?.backupAccountId),
        source: c.source,
        credential_id: c.id,
      };
      return EXPORT_COLUMNS.map((col) => cells[col]);
    });
  });
  return toCsv(EXPORT_COLUMNS, rows);
}
