import { readAllCredentials } from './credential-store';
import { CSV_COLUMNS, CSV_EXPORT_ONLY } from './csv-columns';
import { toCsv } from './csv';

/** Every credential as CSV in the import's columns (plus source and id), formula-like cells defused. */
export async function exportCsv(): Promise<string> {
  const groups = await readAllCredentials();
  const rows = groups.flatMap((g) =>
    g.credentials.map((c) => [g.accountId, c.kind, c.label, c.scopes.join(' '), c.createdAt ?? '', c.expiresAt ?? '', c.lastUsedAt ?? '', c.ownerAccountId ?? '', c.source, c.id]),
  );
  return toCsv([...CSV_COLUMNS, ...CSV_EXPORT_ONLY], rows);
}
