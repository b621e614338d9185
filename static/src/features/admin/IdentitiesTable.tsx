import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import SectionMessage from '@atlaskit/section-message';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import { token } from '@atlaskit/tokens';
import type { CSSProperties } from 'react';
import type { IdentityKind, IdentityListQuery, IdentityRow, RiskCode, UserOption } from '../../../../src/contract';
import { EmptyState } from '../../components/EmptyState';
import { ExpiryLozenge } from '../../components/ExpiryLozenge';
import { SelectInput, TextInput } from '../../components/fields';
import { Skeleton } from '../../components/Skeleton';
import { KIND_LABELS, RISK_LABELS, ago, formatDate } from './labels';
import type { ListState } from './use-identity-list';
import { UserPicker } from './UserPicker';
import { tableCell, tableHeadCell } from '../../components/table-styles';

export const PAGE_SIZE = 50;
type SortField = NonNullable<IdentityListQuery['sort']>['field'];

/** What the admin typed and picked; the page turns it into an identities/list query. */
export interface TableFilters {
  search: string;
  kind: IdentityKind | '';
  risk: RiskCode | '';
  projectKey: string;
  owner: UserOption | null;
  sort: NonNullable<IdentityListQuery['sort']>;
  offset: number;
}

export const INITIAL_FILTERS: TableFilters = { search: '', kind: '', risk: '', projectKey: '', owner: null, sort: { field: 'name', direction: 'asc' }, offset: 0 };

const COLUMNS: Array<{ field: SortField | null; label: string; width?: string }> = [
  { field: 'name', label: 'Name' },
  { field: 'kind', label: 'Kind' },
  { field: 'projectsTouched', label: 'Projects' },
  { field: 'lastActivity', label: 'Last activity' },
  { field: 'owner', label: 'Owner' },
  { field: 'nearestExpiry', label: 'Nearest expiry' },
  { field: null, label: 'Risks' },
];

const cell = tableCell('8px');
const headCell: CSSProperties = { ...tableHeadCell('8px'), whiteSpace: 'nowrap' };

/** Whether the project key filter is usable (Jira project keys: a capital letter, then capitals, digits, _). */
export const validProjectKey = (k: string) => k === '' || /^[A-Z][A-Z0-9_]{0,254}$/.test(k);

export function IdentitiesTable({
  filters,
  onFilters,
  list,
  onOpen,
  onScan,
  scanRunning,
}: {
  filters: TableFilters;
  onFilters: (f: TableFilters) => void;
  list: ListState;
  onOpen: (accountId: string) => void;
  onScan: () => void;
  scanRunning: boolean;
}) {
  const set = (patch: Partial<TableFilters>) => onFilters({ ...filters, offset: 0, ...patch });
  const data = list.data;
  const sortBy = (field: SortField) =>
    set({ sort: { field, direction: filters.sort.field === field && filters.sort.direction === 'asc' ? 'desc' : 'asc' } });
  const filtered = filters.search || filters.kind || filters.risk || filters.projectKey || filters.owner;

  return (
    <Stack space="space.200">
      {data && !data.snapshot ? null : (
      <div role="search" aria-label="Filter identities" style={{ display: 'grid', gridTemplateColumns: 'minmax(200px, 2fr) repeat(3, minmax(140px, 1fr)) minmax(180px, 1.2fr)', gap: token('space.150'), alignItems: 'start' }}>
        <TextInput label="Search" type="search" placeholder="Name, email or account id" value={filters.search} onChange={(e) => set({ search: e.target.value })} data-testid="identity-search" />
        <SelectInput
          label="Kind"
          value={filters.kind}
          onChange={(e) => set({ kind: e.target.value as IdentityKind | '' })}
          options={[{ value: '', label: 'All kinds' }, ...(Object.keys(KIND_LABELS) as IdentityKind[]).map((k) => ({ value: k, label: KIND_LABELS[k] }))]}
          data-testid="filter-kind"
        />
        <SelectInput
          label="Risk"
          value={filters.risk}
          onChange={(e) => set({ risk: e.target.value as RiskCode | '' })}
          options={[{ value: '', label: 'Any risk' }, ...(Object.keys(RISK_LABELS) as RiskCode[]).filter((r) => r !== 'owner-deactivated' && r !== 'backup-deactivated').map((r) => ({ value: r, label: RISK_LABELS[r] }))]}
          data-testid="filter-risk"
        />
        <TextInput
          label="Project key"
          placeholder="e.g. OPS"
          value={filters.projectKey}
          onChange={(e) => set({ projectKey: e.target.value.toUpperCase().trim() })}
          error={validProjectKey(filters.projectKey) ? null : 'Use a project key, like OPS'}
          data-testid="filter-project"
        />
        <UserPicker label="Owner" value={filters.owner} onChange={(owner) => set({ owner })} testId="filter-owner" />
      </div>
      )}

      {list.error ? (
        <SectionMessage appearance="error" title="Could not load identities">
          <Text as="p">{list.error.message}</Text>
        </SectionMessage>
      ) : null}

      {!data ? (
        list.error ? null : <Skeleton lines={8} height={28} label="Loading identities" />
      ) : !data.snapshot ? (
        <EmptyState
          title={scanRunning ? 'The first scan is running' : 'No scan yet'}
          testId="empty-no-scan"
          action={
            scanRunning ? undefined : (
              <Button appearance="primary" onClick={onScan}>
                Run the first scan
              </Button>
            )
          }
        >
          {scanRunning
            ? 'The table fills as soon as it completes; you can follow its progress above. Large sites take longer and pause for their hourly Jira budget.'
            : "The registry fills once a scan has read this site's accounts and their activity. A scan of a small site takes a minute; large sites take longer and resume on their own."}
        </EmptyState>
      ) : data.items.length === 0 ? (
        <EmptyState
          title={filtered ? 'No identity matches these filters' : 'No integration identities found'}
          testId="empty-no-match"
          action={
            filtered ? (
              <Button onClick={() => onFilters({ ...INITIAL_FILTERS, sort: filters.sort })} testId="clear-filters">
                Clear filters
              </Button>
            ) : undefined
          }
        >
          {filtered ? 'Try a shorter search, another kind or risk, or clear the filters.' : 'The last scan found no service accounts, apps or automated people. Run a scan again after adding integrations.'}
        </EmptyState>
      ) : (
        <div style={{ overflowX: 'auto' }}>
          <table
            data-testid="identities-table"
            data-search={list.shown?.search ?? ''}
            aria-busy={list.loading}
            aria-label="Integration identities"
            style={{ width: '100%', borderCollapse: 'collapse', opacity: list.loading ? 0.6 : 1, transition: 'opacity 120ms' }}
          >
            <thead>
              <tr>
                {COLUMNS.map((c) => {
                  const sorted = c.field !== null && filters.sort.field === c.field;
                  return (
                    <th key={c.label} scope="col" style={headCell} aria-sort={sorted ? (filters.sort.direction === 'asc' ? 'ascending' : 'descending') : undefined}>
                      {c.field ? (
                        <button
                          type="button"
                          onClick={() => c.field && sortBy(c.field)}
                          data-testid={`sort-${c.field}`}
                          style={{ border: 'none', background: 'transparent', padding: 0, cursor: 'pointer', font: 'inherit', fontWeight: 600, color: 'inherit' }}
                        >
                          {c.label}
                          <span aria-hidden="true">{sorted ? (filters.sort.direction === 'asc' ? ' ▲' : ' ▼') : ''}</span>
                        </button>
                      ) : (
                        c.label
                      )}
                    </th>
                  );
                })}
              </tr>
            </thead>
            <tbody>
              {data.items.map((row) => (
                <Row key={row.accountId} row={row} onOpen={onOpen} />
              ))}
            </tbody>
          </table>
        </div>
      )}

      {data && data.total > 0 ? (
        <Inline space="space.150" alignBlock="center" spread="space-between">
          <Text color="color.text.subtle" testId="identities-count">
            {filters.offset + 1}–{Math.min(filters.offset + PAGE_SIZE, data.total)} of {data.total.toLocaleString()} identities
          </Text>
          <Inline space="space.100">
            <Button isDisabled={filters.offset === 0} onClick={() => onFilters({ ...filters, offset: Math.max(0, filters.offset - PAGE_SIZE) })} testId="page-prev">
              Previous
            </Button>
            <Button isDisabled={filters.offset + PAGE_SIZE >= data.total} onClick={() => onFilters({ ...filters, offset: filters.offset + PAGE_SIZE })} testId="page-next">
              Next
            </Button>
          </Inline>
        </Inline>
      ) : null}
    </Stack>
  );
}

function Row({ row, onOpen }: { row: IdentityRow; onOpen: (accountId: string) => void }) {
  return (
    <tr data-testid="identity-row" data-account-id={row.accountId}>
      <td style={cell}>
        <Stack space="space.025">
          <button
            type="button"
            onClick={() => onOpen(row.accountId)}
            data-testid="open-identity"
            style={{ border: 'none', background: 'transparent', padding: 0, cursor: 'pointer', font: token('font.body'), fontWeight: 600, color: token('color.link'), textAlign: 'left' }}
          >
            {row.displayName}
          </button>
          {row.email ? (
            <Text size="small" color="color.text.subtle">
              {row.email}
            </Text>
          ) : null}
          {!row.active ? <Lozenge>Deactivated</Lozenge> : null}
        </Stack>
      </td>
      <td style={cell}>{KIND_LABELS[row.kind]}</td>
      <td style={{ ...cell, textAlign: 'right' }}>{row.projectsTouched}</td>
      <td style={cell}>{ago(row.lastActivity)}</td>
      <td style={cell}>{row.ownerAccountId ? (row.ownerName ?? 'Someone (name unavailable)') : <Text color="color.text.danger">None</Text>}</td>
      <td style={cell}>
        {row.nearestExpiry && row.nearestTier ? (
          <Stack space="space.025">
            <span>{formatDate(row.nearestExpiry)}</span>
            <ExpiryLozenge tier={row.nearestTier} days={Math.round((Date.parse(`${row.nearestExpiry}T00:00:00Z`) - Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate())) / 86_400_000)} />
          </Stack>
        ) : (
          <Text color="color.text.subtle">{row.credentialCount ? 'No date' : 'No credentials'}</Text>
        )}
      </td>
      <td style={cell}>
        <Inline space="space.050" shouldWrap>
          {row.risks.slice(0, 2).map((r) => (
            <Lozenge key={r} appearance={r === 'no-backup' || r === 'unused-90-days' ? 'moved' : 'removed'}>
              {RISK_LABELS[r]}
            </Lozenge>
          ))}
          {row.risks.length > 2 ? <Text size="small">+{row.risks.length - 2} more</Text> : null}
        </Inline>
      </td>
    </tr>
  );
}
