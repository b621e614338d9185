import Button from '@atlaskit/button/new';
import DynamicTable from '@atlaskit/dynamic-table';
import SectionMessage from '@atlaskit/section-message';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import { token } from '@atlaskit/tokens';
import { useMemo, useRef, useState } from 'react';
import { CREDENTIAL_CSV_LABELS, type CredentialCsvColumn, type CredentialKind, type CredentialView, type ExpiryTier, type ImportResult, type ResolverError } from '../../../../src/contract';
import { listIdentities } from '../../api/identities';
import { exportCredentials, importCredentials, listCredentials } from '../../api/registry';
import { RouteLink } from '../../app/router';
import { SelectField, TextFilter, type Choice } from '../../components/controls';
import { EmptyState } from '../../components/EmptyState';
import { ExpiryLozenge } from '../../components/ExpiryLozenge';
import { TextArea } from '../../components/fields';
import { Skeleton } from '../../components/Skeleton';
import { useAsync } from '../../hooks/use-async';
import { toError } from '../../hooks/use-scan-status';
import { download, filterExport, templateCsv } from './csv';
import { CREDENTIAL_KIND_LABELS, SOURCE_LABELS, formatDate, naturalCompare } from './labels';
import { adminPaths } from './paths';
import { tableCell, tableHeadCell } from '../../components/table-styles';
import { InlineError } from '../../components/InlineError';

interface Row {
  accountId: string;
  identity: string;
  credential: CredentialView;
}

const TIER_OPTIONS: ReadonlyArray<Choice<ExpiryTier | ''>> = [
  { value: '', label: 'Any expiry' },
  { value: 'expired', label: 'Expired' },
  { value: 'critical', label: 'Within 7 days' },
  { value: 'warning', label: 'Within 30 days' },
  { value: 'ok', label: 'Later' },
  { value: 'unknown', label: 'No expiry date' },
];
const KIND_OPTIONS: ReadonlyArray<Choice<CredentialKind | ''>> = [{ value: '', label: 'All kinds' }, ...(Object.keys(CREDENTIAL_KIND_LABELS) as CredentialKind[]).map((k) => ({ value: k, label: CREDENTIAL_KIND_LABELS[k] }))];
const PAGE_SIZE = 25;

const cell = tableCell();
const head = tableHeadCell();

/** Every credential (all pages), with the identities' names, ordered by expiry. */
async function loadAll(): Promise<Row[]> {
  const groups = [];
  let cursor: string | undefined;
  for (let i = 0; i < 50; i++) {
    const page = await listCredentials(cursor);
    groups.push(...page.identities);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  const names = new Map<string, string>();
  if (groups.length > 0) {
    const first = await listIdentities({ limit: 200, offset: 0 });
    for (const s of first.items) names.set(s.accountId, s.displayName);
    const rest = await Promise.all(Array.from({ length: Math.min(24, Math.ceil(first.total / 200) - 1) }, (_, i) => listIdentities({ limit: 200, offset: (i + 1) * 200 })));
    for (const page of rest) for (const s of page.items) names.set(s.accountId, s.displayName);
  }
  return groups
    .flatMap((g) => g.credentials.map((credential) => ({ accountId: g.accountId, identity: names.get(g.accountId) ?? g.accountId, credential })))
    .sort((a, b) => (a.credential.expiresAt ?? '9999-99-99').localeCompare(b.credential.expiresAt ?? '9999-99-99') || naturalCompare(a.identity, b.identity));
}

/** Credentials ordered by expiry, CSV import with a preview, and CSV export of the current filter. */
export default function CredentialsView({ reloadKey, onImported }: { reloadKey: number; onImported: () => void }) {
  const [localReload, setLocalReload] = useState(0);
  const state = useAsync(loadAll, `${reloadKey}:${localReload}`);
  const [tier, setTier] = useState<ExpiryTier | ''>('');
  const [kind, setKind] = useState<CredentialKind | ''>('');
  const [search, setSearch] = useState('');
  const [exportError, setExportError] = useState<ResolverError | null>(null);
  const [exporting, setExporting] = useState(false);

  const rows = useMemo(() => {
    if (state.status !== 'ready') return [];
    const s = search.trim().toLowerCase();
    return state.data.filter(
      (r) => (!tier || r.credential.tier === tier) && (!kind || r.credential.kind === kind) && (!s || r.identity.toLowerCase().includes(s) || r.credential.label.toLowerCase().includes(s) || r.accountId.toLowerCase().includes(s)),
    );
  }, [state, tier, kind, search]);

  const doExport = async () => {
    setExporting(true);
    setExportError(null);
    try {
      const { csv, filename } = await exportCredentials();
      const filtered = tier || kind || search.trim();
      download(filtered ? filename.replace(/\.csv$/, '-filtered.csv') : filename, filtered ? filterExport(csv, new Set(rows.map((r) => r.credential.id))) : csv);
    } catch (e) {
      setExportError(toError(e));
    } finally {
      setExporting(false);
    }
  };

  return (
    <Stack space="space.300" testId="credentials-view">
      <ImportPanel
        onImported={() => {
          setLocalReload((k) => k + 1);
          onImported();
        }}
      />
      <Stack space="space.150">
        <div role="search" aria-label="Filter credentials" style={{ display: 'grid', gridTemplateColumns: 'minmax(200px, 2fr) repeat(2, minmax(160px, 1fr)) auto', gap: token('space.150'), alignItems: 'end' }} data-testid="credential-filters">
          <TextFilter label="Search credentials" type="search" placeholder="Identity or label" value={search} onChange={setSearch} testId="credential-search" />
          <SelectField label="Expiry" value={tier} onChange={setTier} options={TIER_OPTIONS} testId="credential-tier" />
          <SelectField label="Kind" value={kind} onChange={setKind} options={KIND_OPTIONS} testId="credential-kind" />
          <Button onClick={() => void doExport()} isLoading={exporting} testId="credentials-export">
            Export {tier || kind || search.trim() ? 'these' : 'all'} as CSV
          </Button>
        </div>
        {exportError ? (
          <InlineError title="Export failed" message={exportError.message} />
        ) : null}
        {state.status === 'loading' ? (
          <Skeleton lines={6} height={24} label="Loading credentials" />
        ) : state.status === 'failed' ? (
          <InlineError title="Could not load credentials" message={state.error.message} />
        ) : state.data.length === 0 ? (
          <EmptyState title="No credentials recorded yet" testId="credentials-empty">
            Import a CSV above (download the template for its columns), or add one on an identity's Credentials tab.
          </EmptyState>
        ) : rows.length === 0 ? (
          <EmptyState title="No credential matches these filters">Clear the search or choose another expiry.</EmptyState>
        ) : (
          <div data-testid="credentials-table">
            <DynamicTable
              label="Credentials ordered by expiry"
              head={CREDENTIAL_HEAD}
              rows={rows.map(credentialRow)}
              rowsPerPage={PAGE_SIZE}
              defaultPage={1}
              testId="credentials"
            />
          </div>
        )}
      </Stack>
    </Stack>
  );
}

const CREDENTIAL_HEAD = {
  cells: [
    { key: 'expires', content: 'Expires', isSortable: true, width: 14 },
    { key: 'label', content: 'Credential', isSortable: true, width: 22 },
    { key: 'identity', content: 'Identity', isSortable: true, width: 22 },
    { key: 'kind', content: 'Kind', isSortable: true, width: 14 },
    { key: 'lastUsed', content: 'Last used', isSortable: true, width: 12 },
    { key: 'source', content: 'Source', width: 16 },
  ],
};

function credentialRow(r: Row) {
  const c = r.credential;
  return {
    key: `${r.accountId}:${c.id}`,
    testId: 'credential-row',
    cells: [
      {
        key: c.expiresAt ?? '9999-99-99',
        content: (
          <Stack space="space.025">
            <span>{formatDate(c.expiresAt)}</span>
            <span>
              <ExpiryLozenge tier={c.tier} days={c.daysToExpiry} />
            </span>
          </Stack>
        ),
      },
      { key: c.label.toLowerCase(), content: <Text weight="bold">{c.label}</Text> },
      {
        key: r.identity.toLowerCase(),
        content: (
          <RouteLink to={adminPaths.identity(r.accountId, 'credentials')} data-testid="credential-identity" style={{ color: token('color.link') }}>
            {r.identity}
          </RouteLink>
        ),
      },
      { key: c.kind, content: CREDENTIAL_KIND_LABELS[c.kind] },
      { key: c.lastUsedAt ?? '', content: formatDate(c.lastUsedAt, 'Unknown') },
      { key: c.source, content: SOURCE_LABELS[c.source] },
    ],
  };
}

function ImportPanel({ onImported }: { onImported: () => void }) {
  const [csv, setCsv] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const [preview, setPreview] = useState<ImportResult | null>(null);
  const [done, setDone] = useState<ImportResult | null>(null);
  const [busy, setBusy] = useState<'preview' | 'commit' | null>(null);
  const [error, setError] = useState<ResolverError | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  const takeText = (text: string, name: string | null) => {
    setCsv(text);
    setFileName(name);
    setPreview(null);
    setDone(null);
  };

  const run = async (mode: 'preview' | 'commit') => {
    setBusy(mode);
    setError(null);
    try {
      const result = await importCredentials(csv, mode);
      if (mode === 'preview') setPreview(result);
      else {
        setDone(result);
        setPreview(result.written ? null : result);
        if (result.written) {
          takeText('', null);
          setDone(result); // after takeText, which clears it
          onImported();
        }
      }
    } catch (e) {
      setError(toError(e));
    } finally {
      setBusy(null);
    }
  };

  const canImport = preview !== null && preview.errors.length === 0 && preview.rows > 0;
  return (
    <section aria-labelledby="import-heading" data-testid="csv-import" style={{ border: `1px solid ${token('color.border')}`, borderRadius: 6, padding: token('space.200'), background: token('elevation.surface.raised') }}>
      <Stack space="space.150">
        <h3 id="import-heading" style={{ margin: 0, font: token('font.heading.small'), color: token('color.text') }}>
          Import credentials from CSV
        </h3>
        <Text as="p" color="color.text.subtle">
          One row per API token or client credential: the identity, kind and label are required; scopes, dates (YYYY-MM-DD) and the credential&apos;s owner are optional. Metadata only: never include a token&apos;s value. Preview first; a file with any
          error imports nothing.
        </Text>
        <Inline space="space.100" alignBlock="center" shouldWrap>
          {/* The browser's file input stays hidden; the button opens it, and the chosen file's name is shown beside it. */}
          <input
            ref={fileInput}
            type="file"
            accept=".csv,text/csv"
            hidden
            tabIndex={-1}
            aria-hidden="true"
            data-testid="csv-file"
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void file.text().then((t) => takeText(t, file.name));
            }}
          />
          <Button onClick={() => fileInput.current?.click()} testId="csv-choose">
            Choose a CSV file
          </Button>
          <Button appearance="subtle" onClick={() => download('integration-credentials-template.csv', templateCsv())} testId="csv-template">
            Download the template
          </Button>
          <Text color="color.text.subtle" testId="csv-file-name">
            {fileName ? `Chosen: ${fileName}` : 'No file chosen'}
          </Text>
        </Inline>
        <TextArea
          label="Or paste the CSV"
          value={csv}
          onChange={(e) => takeText(e.target.value, null)}
          rows={5}
          style={{ fontFamily: token('font.family.code') }}
          data-testid="csv-text"
        />
        <Inline space="space.100">
          <Button onClick={() => void run('preview')} isDisabled={!csv.trim()} isLoading={busy === 'preview'} testId="csv-preview">
            Preview
          </Button>
          <Button appearance="primary" onClick={() => void run('commit')} isDisabled={!canImport} isLoading={busy === 'commit'} testId="csv-commit">
            Import{canImport ? ` ${preview.rows} ${preview.rows === 1 ? 'row' : 'rows'}` : ''}
          </Button>
        </Inline>
        {error ? (
          <InlineError title="The file could not be read" message={error.message} testId="csv-error" />
        ) : null}
        {done?.written ? (
          <SectionMessage appearance="success" title="Imported" testId="csv-done">
            <Text as="p">
              {done.created} created, {done.updated} updated, {done.unchanged} unchanged.
            </Text>
          </SectionMessage>
        ) : null}
        {preview ? <PreviewResult result={preview} /> : null}
      </Stack>
    </section>
  );
}

const plural = (n: number, one: string, many: string) => `${n.toLocaleString()} ${n === 1 ? one : many}`;

/** What the valid rows would do, how many rows have errors, and each error under the column's name for people. */
export function previewSummary(result: Pick<ImportResult, 'rows' | 'created' | 'updated' | 'unchanged' | 'invalidRows'>): string {
  const valid = `${result.created} to create, ${result.updated} to update, ${result.unchanged} unchanged`;
  if (result.invalidRows === 0) return `${plural(result.rows, 'row', 'rows')}: ${valid}.`;
  if (result.invalidRows === result.rows) return `${plural(result.rows, 'row', 'rows')}, ${result.rows === 1 ? 'it has' : 'all have'} errors: nothing to import.`;
  return `${plural(result.rows, 'row', 'rows')}: ${plural(result.invalidRows, 'row has', 'rows have')} errors; the ${plural(result.rows - result.invalidRows, 'valid row', 'valid rows')} would give ${valid}.`;
}

const columnLabel = (column: string | null) => (column === null ? 'Whole row' : (CREDENTIAL_CSV_LABELS[column as CredentialCsvColumn] ?? column));

function PreviewResult({ result }: { result: ImportResult }) {
  return (
    <Stack space="space.100" testId="csv-preview-result">
      <Text as="p" testId="csv-preview-summary">
        {previewSummary(result)}
      </Text>
      {result.errors.length > 0 ? (
        <SectionMessage appearance="error" title={`${plural(result.errors.length, 'problem', 'problems')}: nothing will be imported until ${result.errors.length === 1 ? 'it is' : 'they are'} fixed`} testId="csv-errors">
          <table style={{ borderCollapse: 'collapse' }} aria-label="Problems in the file">
            <thead>
              <tr>
                <th scope="col" style={head}>
                  Line
                </th>
                <th scope="col" style={head}>
                  Column
                </th>
                <th scope="col" style={head}>
                  Problem
                </th>
              </tr>
            </thead>
            <tbody>
              {result.errors.map((e, i) => (
                <tr key={i} data-testid="csv-error-row">
                  <td style={cell}>{e.row}</td>
                  <td style={cell}>{columnLabel(e.column)}</td>
                  <td style={cell}>{e.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </SectionMessage>
      ) : (
        <Text as="p" color="color.text.success">
          No problems found. Import writes all rows at once.
        </Text>
      )}
    </Stack>
  );
}
