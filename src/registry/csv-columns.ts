/**
 * The credential CSV's columns (README, "Registry"). Import needs the first three; export writes all
 * of them, and import ignores `source` and `credential_id` so an exported file re-imports cleanly.
 */
export const CSV_COLUMNS = ['identity_account_id', 'kind', 'label', 'scopes', 'created', 'expires', 'last_used', 'owner_account_id'] as const;
export const CSV_EXPORT_ONLY = ['source', 'credential_id'] as const;
export const CSV_REQUIRED = ['identity_account_id', 'kind', 'label'] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

/** Which column a validation path points at (credential field name -> CSV column). */
export const COLUMN_OF_FIELD: Record<string, CsvColumn> = {
  kind: 'kind',
  label: 'label',
  scopes: 'scopes',
  createdAt: 'created',
  expiresAt: 'expires',
  lastUsedAt: 'last_used',
  ownerAccountId: 'owner_account_id',
};
