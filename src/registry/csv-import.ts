import type { Credential, CredentialInput, ImportResult, ImportRowError } from '../contract';
import { INTERACTIVE, JiraClient } from '../jira/client';
import { getUserStatus } from '../jira/user-get';
import { rememberPeople } from './people-cards';
import { COLUMN_OF_FIELD, CSV_COLUMNS, CSV_EXPORT_ONLY, CSV_REQUIRED, type CsvColumn } from './csv-columns';
import { CsvSyntaxError, parseCsv, unescapeCell } from './csv';
import { buildCredential, credentialChanged } from './credential-edit';
import { normaliseLabel } from './credential-ids';
import { readCredentials, type CredentialChange, type StoredCredentials } from './credential-store';
import { ACCOUNT_ID, CredentialInputSchema } from './validation';

/**
 * credentials/import, first half: parse, validate every row, check the people in it with Jira, and
 * work out what would change. Nothing is written here; a file with any error is never written.
 */
export const MAX_IMPORT_ROWS = 500;
const MAX_DISTINCT_ACCOUNTS = 100;
// One transaction per identity at most: its list plus one history entry per change.
export const MAX_CHANGES_PER_IDENTITY = 24;

export interface ImportPlan {
  result: Omit<ImportResult, 'mode' | 'written'>;
  /** Per identity: what is stored now and the changes to make. */
  identities: Array<{ previous: StoredCredentials; changes: CredentialChange[] }>;
}

interface ParsedRow {
  line: number;
  accountId: string;
  input: CredentialInput;
}

export async function planImport(csv: string, now: Date, client = new JiraClient(INTERACTIVE)): Promise<ImportPlan> {
  const errors: ImportRowError[] = [];
  const empty = (rows: number): ImportPlan => ({ result: { rows, created: 0, updated: 0, unchanged: 0, invalidRows: 0, errors }, identities: [] });
  let table: Array<{ line: number; cells: string[] }>;
  try {
    table = parseCsv(csv);
  } catch (e) {
    if (!(e instanceof CsvSyntaxError)) throw e;
    errors.push({ row: e.line, column: null, message: `The file is not valid CSV: ${e.message}.` });
    return empty(0);
  }
  const [head, ...body] = table;
  if (!head) {
    errors.push({ row: 1, column: null, message: `The file is empty. The first line must name the columns: ${CSV_COLUMNS.join(', ')}.` });
    return empty(0);
  }
  const columns = readHeader(head.cells, errors);
  if (!columns) return empty(body.length);
  if (body.length > MAX_IMPORT_ROWS) {
    errors.push({ row: 1, column: null, message: `The file has ${body.length} rows; import at most ${MAX_IMPORT_ROWS} at a time.` });
    return empty(body.length);
  }

  const rows = body.map((r) => (fitsHeader(r, head.cells.length, errors) ? parseRow(r.line, r.cells, columns, errors) : null)).filter((r): r is ParsedRow => r !== null);
  rejectDuplicates(rows, errors);
  await checkAccounts(rows, errors, client);
  const { identities, outcomes } = await diffAgainstStore(rows, errors, now);
  // Counts say what the valid rows would do; a row with any error is counted apart, never as "to create".
  const badLines = new Set(errors.map((e) => e.row).filter((line) => line > 1));
  const counts = { created: 0, updated: 0, unchanged: 0 };
  for (const [line, outcome] of outcomes) if (!badLines.has(line)) counts[outcome]++;
  errors.sort((a, b) => a.row - b.row);
  return { result: { rows: body.length, ...counts, invalidRows: badLines.size, errors }, identities: errors.length > 0 ? [] : identities };
}

function readHeader(cells: string[], errors: ImportRowError[]): Map<CsvColumn, number> | null {
  const names = cells.map((c) => c.trim().toLowerCase());
  const known = new Set<string>([...CSV_COLUMNS, ...CSV_EXPORT_ONLY]);
  const unknown = names.filter((n) => !known.has(n));
  const missing = CSV_REQUIRED.filter((c) => !names.includes(c));
  const repeated = names.filter((n, i) => names.indexOf(n) !== i);
  if (unknown.length) errors.push({ row: 1, column: null, message: `Unknown column(s): ${unknown.join(', ')}. The columns are ${CSV_COLUMNS.join(', ')}.` });
  if (missing.length) errors.push({ row: 1, column: null, message: `Missing column(s): ${missing.join(', ')}.` });
  if (repeated.length) errors.push({ row: 1, column: null, message: `Column(s) named twice: ${[...new Set(repeated)].join(', ')}.` });
  if (unknown.length || missing.length || repeated.length) return null;
  const map = new Map<CsvColumn, number>();
  for (const c of CSV_COLUMNS) if (names.includes(c)) map.set(c, names.indexOf(c));
  return map;
}

/** A row with more cells than the header has is refused (its extra cells would be lost); a shorter one leaves the rest empty. */
function fitsHeader(row: { line: number; cells: string[] }, width: number, errors: ImportRowError[]): boolean {
  if (row.cells.length <= width) return true;
  errors.push({ row: row.line, column: null, message: `has ${row.cells.length} cells but the first line names ${width} columns; put a cell that holds a comma in quotes` });
  return false;
}

function parseRow(line: number, cells: string[], columns: Map<CsvColumn, number>, errors: ImportRowError[]): ParsedRow | null {
  const cell = (c: CsvColumn): string => {
    const i = columns.get(c);
    return i === undefined ? '' : unescapeCell(cells[i] ?? '').trim();
  };
  const orNull = (c: CsvColumn) => (cell(c) === '' ? null : cell(c));
  const account = ACCOUNT_ID.safeParse(cell('identity_account_id'));
  if (!account.success) {
    errors.push({ row: line, column: 'identity_account_id', message: account.error.issues[0]?.message ?? 'is not valid' });
    return null;
  }
  const input = {
    kind: cell('kind'),
    label: cell('label'),
    scopes: cell('scopes') === '' ? [] : cell('scopes').split(/[\s;,]+/).filter(Boolean),
    createdAt: orNull('created'),
    expiresAt: orNull('expires'),
    lastUsedAt: orNull('last_used'),
    ownerAccountId: orNull('owner_account_id'),
  };
  const parsed = CredentialInputSchema.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? '');
      errors.push({ row: line, column: COLUMN_OF_FIELD[field] ?? null, message: issue.message });
    }
    return null;
  }
  return { line, accountId: account.data, input: parsed.data };
}

function rejectDuplicates(rows: readonly ParsedRow[], errors: ImportRowError[]): void {
  const first = new Map<string, number>();
  for (const r of rows) {
    const key = `${r.accountId}\n${r.input.kind}\n${normaliseLabel(r.input.label)}`;
    const earlier = first.get(key);
    if (earlier !== undefined) errors.push({ row: r.line, column: 'label', message: `repeats line ${earlier} (same identity, kind and label)` });
    else first.set(key, r.line);
  }
}

/** Identities must exist in Jira; credential owners must be active people. One call per distinct account. */
async function checkAccounts(rows: readonly ParsedRow[], errors: ImportRowError[], client: JiraClient): Promise<void> {
  const ids = new Set<string>();
  for (const r of rows) {
    ids.add(r.accountId);
    if (r.input.ownerAccountId) ids.add(r.input.ownerAccountId);
  }
  if (ids.size > MAX_DISTINCT_ACCOUNTS) {
    errors.push({ row: 1, column: null, message: `The file names ${ids.size} different accounts; split it into files of at most ${MAX_DISTINCT_ACCOUNTS}.` });
    return;
  }
  const users = new Map(await Promise.all([...ids].map(async (id) => [id, await getUserStatus(client, id)] as const)));
  await rememberPeople([...users.values()].filter((u): u is NonNullable<typeof u> => !!u && (u.accountType === undefined || u.accountType === 'atlassian')));
  for (const r of rows) {
    if (!users.get(r.accountId)) errors.push({ row: r.line, column: 'identity_account_id', message: 'no Jira account has this account id' });
    const owner = r.input.ownerAccountId ? users.get(r.input.ownerAccountId) : undefined;
    if (r.input.ownerAccountId && !owner) errors.push({ row: r.line, column: 'owner_account_id', message: 'no Jira user has this account id' });
    else if (owner && owner.accountType !== undefined && owner.accountType !== 'atlassian') errors.push({ row: r.line, column: 'owner_account_id', message: 'must be a person, not an app or service account' });
    else if (owner && !owner.active) errors.push({ row: r.line, column: 'owner_account_id', message: `${owner.displayName || 'this person'} is deactivated in Jira` });
  }
}

/** What each row would do to the store (by line), and the changes per identity. */
async function diffAgainstStore(
  rows: readonly ParsedRow[],
  errors: ImportRowError[],
  now: Date,
): Promise<{ identities: ImportPlan['identities']; outcomes: Map<number, 'created' | 'updated' | 'unchanged'> }> {
  const byIdentity = new Map<string, ParsedRow[]>();
  for (const r of rows) byIdentity.set(r.accountId, [...(byIdentity.get(r.accountId) ?? []), r]);
  const out: ImportPlan['identities'] = [];
  const outcomes = new Map<number, 'created' | 'updated' | 'unchanged'>();
  for (const [accountId, group] of byIdentity) {
    const previous = await readCredentials(accountId);
    const changes: CredentialChange[] = [];
    for (const r of group) {
      const existing: Credential | undefined = previous.credentials.find((c) => c.kind === r.input.kind && normaliseLabel(c.label) === normaliseLabel(r.input.label));
      const after = buildCredential(accountId, r.input, existing ?? null, 'csv-import', now);
      if (!existing || credentialChanged(existing, after)) changes.push({ before: existing ?? null, after });
      outcomes.set(r.line, !existing ? 'created' : credentialChanged(existing, after) ? 'updated' : 'unchanged');
    }
    if (changes.length > MAX_CHANGES_PER_IDENTITY) {
      const last = group[group.length - 1];
      errors.push({ row: last?.line ?? 1, column: 'identity_account_id', message: `changes ${changes.length} credentials of one identity; import at most ${MAX_CHANGES_PER_IDENTITY} per identity per file` });
    }
    if (changes.length > 0) out.push({ previous, changes });
  }
  return { identities: out, outcomes };
}
