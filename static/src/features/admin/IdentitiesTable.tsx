import Button from '@atlaskit/button/new';
import { DynamicTableStateless } from '@atlaskit/dynamic-table';
import Lozenge from '@atlaskit/lozenge';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import Tooltip from '@atlaskit/tooltip';
import { token } from '@atlaskit/tokens';
import { memo, useMemo, type ReactNode } from 'react';
import type { IdentityKind, IdentityRow, RiskCode, UserOption } from '../../../../src/contract';
import { RouteLink } from '../../app/router';
import { SelectField, TextFilter } from '../../components/controls';
import { EmptyState } from '../../components/EmptyState';
import { ExpiryLozenge } from '../../components/ExpiryLozenge';
import { Skeleton } from '../../components/Skeleton';
import { isFiltered, PAGE_SIZE, validProjectKey, type IdentityFilters, type SortField } from './identity-filters';
import { KIND_LABELS, RISK_LABELS, RISK_APPEARANCE, ago, daysUntil, formatDate } from './labels';
import { adminPaths } from './paths';
import type { ListState } from './use-identity-list';
import { UserPicker } from './UserPicker';
import { InlineError } from '../../components/InlineError';

const HEAD: Array<{ key: SortField | 'risks'; label: string; width?: number }> = [
  { key: 'name', label: 'Name', width: 24 },
  { key: 'kind', label: 'Kind', width: 12 },
  { key: 'projectsTouched', label: 'Projects touched', width: 9 },
  { key: 'lastActivity', label: 'Last activity', width: 10 },
  { key: 'owner', label: 'Owner', width: 14 },
  { key: 'nearestExpiry', label: 'Nearest expiry', width: 13 },
  { key: 'risks', label: 'Risks', width: 18 },
];

const KIND_OPTIONS = [{ value: '' as const, label: 'All kinds' }, ...(Object.keys(KIND_LABELS) as IdentityKind[]).map((k) => ({ value: k, label: KIND_LABELS[k] }))];
const RISK_OPTIONS = [
  { value: '' as const, label: 'Any risk' },
  ...(Object.keys(RISK_LABELS) as RiskCode[]).filter((r) => r !== 'owner-deactivated' && r !== 'backup-deactivated').map((r) => ({ value: r, label: RISK_LABELS[r] })),
];

/**
 * The identities list: filters (kept in the address by the caller), a server-paged, server-sorted
 * DynamicTable with Pagination, and an optional selection for bulk changes.
 */
export function IdentitiesTable({
  filters,
  searchText,
  onSearchText,
  onFilters,
  list,
  ownerName,
  scanRunning,
  selected,
  onSelect,
  bulkBar,
}: {
  filters: IdentityFilters;
  /** What is typed in the search box (it reaches `filters.q` after a pause). */
  searchText: string;
  onSearchText: (text: string) => void;
  onFilters: (f: IdentityFilters) => void;
  list: ListState;
  /** The owner filter's display name, when known. */
  ownerName: string | null;
  scanRunning: boolean;
  selected: ReadonlySet<string>;
  onSelect: (accountIds: string[], on: boolean) => void;
  /** Shown above the table while identities are selected (bulk changes). */
  bulkBar?: ReactNode;
}) {
  const set = (patch: Partial<IdentityFilters>) => onFilters({ ...filters, page: 1, ...patch });
  const data = list.data;
  const owner: UserOption | null = filters.owner && filters.owner !== 'none' ? { accountId: filters.owner, displayName: ownerName ?? 'Chosen owner', active: true } : null;
  return (
    <Stack space="space.200">
      {data && !data.snapshot ? null : (
        <div role="search" aria-label="Filter identities" style={{ display: 'grid', gridTemplateColumns: 'minmax(200px, 2fr) repeat(3, minmax(140px, 1fr)) minmax(180px, 1.2fr)', gap: token('space.150'), alignItems: 'start' }}>
          <TextFilter label="Search" type="search" placeholder="Name, email or account id" value={searchText} onChange={onSearchText} testId="identity-search" />
          <SelectField label="Kind" value={filters.kind} options={KIND_OPTIONS} onChange={(kind) => set({ kind })} testId="filter-kind" />
          <SelectField label="Risk" value={filters.risk} options={RISK_OPTIONS} onChange={(risk) => set({ risk })} testId="filter-risk" />
          <TextFilter
            label="Project key"
            placeholder="e.g. OPS"
            value={filters.project}
            onChange={(v) => set({ project: v.toUpperCase().trim() })}
            isInvalid={!validProjectKey(filters.project)}
            message={validProjectKey(filters.project) ? null : 'Use a project key, like OPS'}
            testId="filter-project"
          />
          <UserPicker label="Owner" value={owner} onChange={(o) => set({ owner: o?.accountId ?? '' })} testId="filter-owner" />
        </div>
      )}

      {list.error ? (
        <InlineError title="Could not load identities" message={list.error.message} />
      ) : null}

      {!data ? (
        list.error ? null : <Skeleton lines={8} height={28} label="Loading identities" />
      ) : !data.snapshot ? (
        <EmptyState title={scanRunning ? 'The first scan is running' : 'No scan yet'} testId="empty-no-scan">
          {scanRunning
            ? 'The table fills as soon as it completes; its progress is shown above. Large sites take longer and pause for their hourly Jira budget.'
            : "Choose Scan now above. The registry fills once a scan has read this site's accounts and their activity: a small site takes a minute; large sites take longer and resume on their own."}
        </EmptyState>
      ) : data.items.length === 0 ? (
        <EmptyState
          title={isFiltered(filters) ? 'No identity matches these filters' : 'No integration identities found'}
          testId="empty-no-match"
          action={
            isFiltered(filters) ? (
              <Button onClick={() => onFilters({ ...filters, q: '', kind: '', risk: '', project: '', owner: '', page: 1 })} testId="clear-filters">
                Clear filters
              </Button>
            ) : undefined
          }
        >
          {isFiltered(filters) ? 'Try a shorter search, another kind or risk, or clear the filters.' : 'The last scan found no service accounts, apps or automated people. Run a scan again after adding integrations.'}
        </EmptyState>
      ) : (
        <div data-testid="identities-table" data-search={list.shown?.search ?? ''} aria-busy={list.loading} style={{ opacity: list.loading ? 0.6 : 1, transition: 'opacity 120ms' }}>
          {bulkBar}
          <ResultsTable items={data.items} total={data.total} filters={filters} onFilters={onFilters} selected={selected} onSelect={onSelect} />
          <Text color="color.text.subtle" testId="identities-count">
            {(filters.page - 1) * PAGE_SIZE + 1}–{Math.min(filters.page * PAGE_SIZE, data.total)} of {data.total.toLocaleString()} identities
          </Text>
        </div>
      )}
    </Stack>
  );
}

/**
 * The table itself, memoised: typing in the search box and the "loading" dimming re-render the page
 * around it, not its 50 rows (the filter's speed on a large site is mostly this render).
 */
const ResultsTable = memo(function ResultsTable({
  items,
  total,
  filters,
  onFilters,
  selected,
  onSelect,
}: {
  items: readonly IdentityRow[];
  total: number;
  filters: IdentityFilters;
  onFilters: (f: IdentityFilters) => void;
  selected: ReadonlySet<string>;
  onSelect: (accountIds: string[], on: boolean) => void;
}) {
  const pageIds = useMemo(() => items.map((r) => r.accountId), [items]);
  const allOnPage = pageIds.length > 0 && pageIds.every((id) => selected.has(id));
  const head = useMemo(
    () => ({
      cells: [
        {
          key: 'select',
          content: <input type="checkbox" aria-label="Select every identity on this page" checked={allOnPage} onChange={(e) => onSelect(pageIds, e.target.checked)} data-testid="select-page" />,
          width: 3,
        },
        ...HEAD.map((h) => ({ key: h.key, content: h.label, isSortable: h.key !== 'risks', width: h.width })),
      ],
    }),
    [allOnPage, pageIds, onSelect],
  );
  // The cells depend on the row only; the check box on the selection.
  const cells = useMemo(() => new Map(items.map((row) => [row.accountId, rowCells(row)])), [items]);
  const rows = useMemo(
    () =>
      items.map((row) => ({
        key: row.accountId,
        testId: 'identity-row',
        cells: [
          {
            key: 'select',
            content: <input type="checkbox" aria-label={`Select ${row.displayName}`} checked={selected.has(row.accountId)} onChange={(e) => onSelect([row.accountId], e.target.checked)} data-testid="select-identity" />,
          },
          ...(cells.get(row.accountId) ?? []),
        ],
      })),
    [items, cells, selected, onSelect],
  );
  return (
    <DynamicTableStateless
      label="Integration identities"
      head={head}
      rows={rows}
      rowsPerPage={PAGE_SIZE}
      totalRows={total}
      page={filters.page}
      onSetPage={(page) => onFilters({ ...filters, page })}
      sortKey={filters.sort.field}
      sortOrder={filters.sort.direction === 'asc' ? 'ASC' : 'DESC'}
      onSort={(s: { key: string; sortOrder: 'ASC' | 'DESC' }) => onFilters({ ...filters, page: 1, sort: { field: s.key as SortField, direction: s.sortOrder === 'ASC' ? 'asc' : 'desc' } })}
      testId="identities"
    />
  );
});

function rowCells(row: IdentityRow): Array<{ key: string; content: ReactNode }> {
  const days = row.nearestExpiry ? daysUntil(row.nearestExpiry) : null;
  return [
    {
      key: 'name',
      content: (
        <Stack space="space.025">
          <RouteLink to={adminPaths.identity(row.accountId)} data-testid="open-identity" style={{ fontWeight: 600, color: token('color.link') }}>
            {row.displayName}
          </RouteLink>
          {row.email ? (
            <Text size="small" color="color.text.subtle">
              {row.email}
            </Text>
          ) : null}
          {!row.active ? (
            <span>
              <Lozenge>Deactivated</Lozenge>
            </span>
          ) : null}
        </Stack>
      ),
    },
    { key: 'kind', content: KIND_LABELS[row.kind] },
    { key: 'projectsTouched', content: <span style={{ display: 'block', textAlign: 'right' }}>{row.projectsTouched}</span> },
    { key: 'lastActivity', content: ago(row.lastActivity) },
    { key: 'owner', content: row.ownerAccountId ? (row.ownerName ?? 'Someone (name unavailable)') : <Text color="color.text.danger">None</Text> },
    {
      key: 'nearestExpiry',
      content:
        row.nearestExpiry && row.nearestTier ? (
          <Stack space="space.025">
            <span>{formatDate(row.nearestExpiry)}</span>
            <span>
              <ExpiryLozenge tier={row.nearestTier} days={days} />
            </span>
          </Stack>
        ) : (
          <Text color="color.text.subtle">{row.credentialCount ? 'No date' : 'No credentials'}</Text>
        ),
    },
    {
      key: 'risks',
      content: (
        <Inline space="space.050" shouldWrap alignBlock="center">
          {row.risks.slice(0, 2).map((r) => (
            <span key={r}>
              <Lozenge appearance={RISK_APPEARANCE[r]} testId="risk-lozenge">
                {RISK_LABELS[r]}
              </Lozenge>
            </span>
          ))}
          {row.risks.length > 2 ? (
            <Tooltip content={row.risks.slice(2).map((r) => RISK_LABELS[r]).join(', ')}>
              {(props) => (
                <span {...props} tabIndex={0} style={{ font: token('font.body.small'), color: token('color.text.subtle'), cursor: 'help' }} data-testid="more-risks">
                  +{row.risks.length - 2} more
                </span>
              )}
            </Tooltip>
          ) : null}
        </Inline>
      ),
    },
  ];
}
