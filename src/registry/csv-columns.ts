import { CREDENTIAL_CSV_COLUMNS, CREDENTIAL_CSV_EXPORT_ONLY } from '../contract';

/**
 * The credential CSV's columns (defined in the contract, which the page's template uses too). Import
 * needs the first three; export writes all of them, and import ignores the export-only ones.
 */
export const CSV_COLUMNS = CREDENTIAL_CSV_COLUMNS;
export const CSV_EXPORT_ONLY = CREDENTIAL_CSV_EXPORT_ONLY;
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
