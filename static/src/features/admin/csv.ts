import { CREDENTIAL_CSV_COLUMNS } from '../../../../src/contract';

/** One example row for the template: what each import column holds (the account id is a placeholder). */
const TEMPLATE_EXAMPLE: Record<(typeof CREDENTIAL_CSV_COLUMNS)[number], string> = {
  identity_account_id: '712020:replace-with-the-identity-account-id',
  kind: 'api-token',
  label: 'Nightly reporting export',
  scopes: 'read:jira-work read:jira-user',
  created: '2026-01-15',
  expires: '2027-01-15',
  last_used: '2026-11-30',
  owner_account_id: '',
};

/** The import template: the import's columns and one example row (kinds: api-token, oauth-client-credential, other). */
export function templateCsv(): string {
  return toCsv([[...CREDENTIAL_CSV_COLUMNS], CREDENTIAL_CSV_COLUMNS.map((c) => TEMPLATE_EXAMPLE[c])]);
}

/**
 * Just enough RFC 4180 for the export filter: split the server's CSV into rows of raw cells, and
 * write rows back with the same quoting. Cells are kept as the server wrote them (including the `'`
 * that defuses formula-like cells), so a filtered export re-imports like the full one.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

export function toCsv(rows: readonly string[][]): string {
  return rows.map((r) => r.map((c) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\r\n') + '\r\n';
}

/** Keeps the header and the rows whose `credential_id` is in `ids`. */
export function filterExport(csv: string, ids: ReadonlySet<string>): string {
  const [head, ...body] = parseCsv(csv);
  if (!head) return csv;
  const at = head.indexOf('credential_id');
  if (at < 0) return csv;
  return toCsv([head, ...body.filter((r) => ids.has(r[at] ?? ''))]);
}

/** Saves text as a file through the browser (a Blob link; nothing leaves the page). */
export function download(filename: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
