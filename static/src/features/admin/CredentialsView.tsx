import Button from '@atlaskit/button/new';
import SectionMessage from '@atlaskit/section-message';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import { token } from '@atlaskit/tokens';
import { useMemo, useState } from 'react';
import type { CredentialKind, CredentialView, ExpiryTier, ImportResult, ResolverError } from '../../../../src/contract';
import { listIdentities } from '../../api/identities';
import { exportCredentials, importCredentials, listCredentials } from '../../api/registry';
import { EmptyState } from '../../components/EmptyState';
import { ExpiryLozenge } from '../../components/ExpiryLozenge';
import { SelectInput, TextArea, TextInput } from '../../components/fields';
import { Skeleton } from '../../components/Skeleton';
import { useAsync } from '../../hooks/use-async';
import { toError } from '../../hooks/use-scan-status';
import { download, filterExport } from './csv';
import { formatDate } from './labels';
import { tableCell, tableHeadCell } from '../../components/table-styles';

interface Row {
  accountId: string;
  identity: string;
  credential: CredentialView;
}

const TIER_OPTIONS = [
  { value: '', label: 'Any expiry' },
  { value: 'expired', label: 'Expired' },
  { value: 'critical', label: 'Within 7 days' },
  { value: 'warning', label: 'Within 30 days' },
  { value: 'ok', label: 'Later' },
  { value: 'unknown', label: 'No expiry date' },
];

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
    .sort((a, b) => (a.credential.expiresAt ?? '9999-99-99').localeCompare(b.credential.expiresAt ?? '9999-99-99') || a.identity.localeCompare(b.identity));
}

/** Credentials ordered by expiry, CSV import with a preview, and CSV export of the current filter. */
export default function CredentialsView({ onOpen, reloadKey, onImported }: { onOpen: (accountId: string) => void; reloadKey: number; onImported: () => void }) {
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
        <div role="search" aria-label="Filter credentials" style={{ display: 'grid', gridTemplateColumns: 'minmax(200px, 2fr) repeat(2, minmax(160px, 1fr)) auto', gap: token('space.150'), alignItems: 'end' }}>
          <TextInput label="Search credentials" type="search" placeholder="Identity or label" value={search} onChange={(e) => setSearch(e.target.value)} data-testid="credential-search" />
          <SelectInput label="Expiry" value={tier} onChange={(e) => setTier(e.target.value as ExpiryTier | '')} options={TIER_OPTIONS} data-testid="credential-tier" />
          <SelectInput
            label="Kind"
            value={kind}
            onChange={(e) => setKind(e.target.value as CredentialKind | '')}
            options={[
              { value: '', label: 'All kinds' },
              { value: 'api-token', label: 'API token' },
              { value: 'oauth-client-credential', label: 'OAuth client credential' },
              { value: 'other', label: 'Other' },
            ]}
          />
          <Button onClick={() => void doExport()} isLoading={exporting} testId="credentials-export">
            Export {tier || kind || search.trim() ? 'these' : 'all'} as CSV
          </Button>
        </div>
        {exportError ? (
          <SectionMessage appearance="error" title="Export failed">
            <Text as="p">{exportError.message}</Text>
          </SectionMessage>
        ) : null}
        {state.status === 'loading' ? (
          <Skeleton lines={6} height={24} label="Loading credentials" />
        ) : state.status === 'failed' ? (
          <SectionMessage appearance="error" title="Could not load credentials">
            <Text as="p">{state.error.message}</Text>
          </SectionMessage>
        ) : state.data.length === 0 ? (
          <EmptyState title="No credentials recorded yet" testId="credentials-empty">
            Import a CSV above (one row per token or client credential: identity_account_id, kind, label, expires…), or add them from an identity's page.
          </EmptyState>
        ) : rows.length === 0 ? (
          <EmptyState title="No credential matches these filters">Clear the search or choose another expiry.</EmptyState>
        ) : (
          <div style={{ overflowX: 'auto' }}>
            <table style={{ width: '100%', borderCollapse: 'collapse' }} aria-label="Credentials ordered by expiry" data-testid="credentials-table">
              <thead>
                <tr>
                  <th scope="col" style={head}>Expires</th>
                  <th scope="col" style={head}>Credential</th>
                  <th scope="col" style={head}>Identity</th>
                  <th scope="col" style={head}>Kind</th>
                  <th scope="col" style={head}>Last used</th>
                  <th scope="col" style={head}>Source</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={`${r.accountId}:${r.credential.id}`} data-testid="credential-row">
                    <td style={cell}>
                      <Stack space="space.025">
                        <span>{formatDate(r.credential.expiresAt)}</span>
                        <ExpiryLozenge tier={r.credential.tier} days={r.credential.daysToExpiry} />
                      </Stack>
                    </td>
                    <td style={cell}>
                      <Text weight="bold">{r.credential.label}</Text>
                    </td>
                    <td style={cell}>
                      <button
                        type="button"
                        onClick={() => onOpen(r.accountId)}
                        style={{ border: 'none', background: 'transparent', padding: 0, cursor: 'pointer', font: token('font.body'), color: token('color.link'), textAlign: 'left' }}
                      >
                        {r.identity}
                      </button>
                    </td>
                    <td style={cell}>{r.credential.kind}</td>
                    <td style={cell}>{formatDate(r.credential.lastUsedAt, 'unknown')}</td>
                    <td style={cell}>{r.credential.source}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Stack>
    </Stack>
  );
}

function ImportPanel({ onImported }: { onImported: () => void }) {
  const [csv, setCsv] = useState('');
  const [preview, setPreview] = useState<ImportResult | null>(null);
  const [done, setDone] = useState<ImportResult | null>(null);
  const [busy, setBusy] = useState<'preview' | 'commit' | null>(null);
  const [error, setError] = useState<ResolverError | null>(null);

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
          setCsv('');
          onImported();
        }
      }
    } catch (e) {
      setError(toError(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <section aria-labelledby="import-heading" data-testid="csv-import" style={{ border: `1px solid ${token('color.border')}`, borderRadius: 6, padding: token('space.200'), background: token('elevation.surface.raised') }}>
      <Stack space="space.150">
        <h3 id="import-heading" style={{ margin: 0, font: token('font.heading.small'), color: token('color.text') }}>
          Import credentials from CSV
        </h3>
        <Text as="p" color="color.text.subtle">
          Columns: identity_account_id, kind, label (required), scopes, created, expires, last_used (YYYY-MM-DD), owner_account_id. Metadata only: never include a token's value. Preview first; a file with any error imports nothing.
        </Text>
        <Inline space="space.150" alignBlock="end" shouldWrap>
          <div>
            <label htmlFor="csv-file" style={{ display: 'block', font: token('font.body.small'), fontWeight: 600, color: token('color.text.subtle') }}>
              CSV file
            </label>
            <input
              id="csv-file"
              type="file"
              accept=".csv,text/csv"
              data-testid="csv-file"
              style={{ color: token('color.text') }}
              onChange={(e) => {
                const file = e.target.files?.[0];
                if (!file) return;
                void file.text().then((t) => {
                  setCsv(t);
                  setPreview(null);
                  setDone(null);
                });
              }}
            />
          </div>
        </Inline>
        <TextArea
          label="Or paste the CSV"
          value={csv}
          onChange={(e) => {
            setCsv(e.target.value);
            setPreview(null);
            setDone(null);
          }}
          rows={5}
          style={{ fontFamily: token('font.family.code') }}
          data-testid="csv-text"
        />
        <Inline space="space.100">
          <Button onClick={() => void run('preview')} isDisabled={!csv.trim()} isLoading={busy === 'preview'} testId="csv-preview">
            Preview
          </Button>
          <Button
            appearance="primary"
            onClick={() => void run('commit')}
            isDisabled={!preview || preview.errors.length > 0 || preview.rows === 0}
            isLoading={busy === 'commit'}
            testId="csv-commit"
          >
            Import{preview && preview.errors.length === 0 ? ` ${preview.rows} rows` : ''}
          </Button>
        </Inline>
        {error ? (
          <SectionMessage appearance="error" title="The file could not be read" testId="csv-error">
            <Text as="p">{error.message}</Text>
          </SectionMessage>
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

function PreviewResult({ result }: { result: ImportResult }) {
  return (
    <Stack space="space.100" testId="csv-preview-result">
      <Text as="p">
        {result.rows} {result.rows === 1 ? 'row' : 'rows'}: {result.created} to create, {result.updated} to update, {result.unchanged} unchanged.
      </Text>
      {result.errors.length > 0 ? (
        <SectionMessage appearance="error" title={`${result.errors.length} ${result.errors.length === 1 ? 'problem' : 'problems'}: nothing will be imported until they are fixed`} testId="csv-errors">
          <table style={{ borderCollapse: 'collapse' }} aria-label="Problems in the file">
            <thead>
              <tr>
                <th scope="col" style={head}>Line</th>
                <th scope="col" style={head}>Column</th>
                <th scope="col" style={head}>Problem</th>
              </tr>
            </thead>
            <tbody>
              {result.errors.map((e, i) => (
                <tr key={i} data-testid="csv-error-row">
                  <td style={cell}>{e.row}</td>
                  <td style={cell}>{e.column ?? '—'}</td>
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
