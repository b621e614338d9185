import { Stack } from '@atlaskit/primitives';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate, useQuery } from '../../../app/router';
import { PageHeader } from '../../../components/PageHeader';
import { useDebounced } from '../../../hooks/use-debounced';
import { useAdmin } from '../admin-context';
import { BulkOwnershipBar, type Chosen } from '../BulkOwnership';
import { IdentitiesTable } from '../IdentitiesTable';
import { filtersFromQuery, identitiesPath, toListQuery, type IdentityFilters } from '../identity-filters';
import { ScanPanel } from '../ScanPanel';
import { useIdentityList } from '../use-identity-list';

/** `/identities?kind=&risk=&project=&owner=&q=&sort=&page=`: every identity, filtered as the address says. */
export default function IdentitiesView() {
  const { scan, reloadKey } = useAdmin();
  const navigate = useNavigate();
  const query = useQuery();
  const filters = useMemo(() => filtersFromQuery(query), [query]);
  const list = useIdentityList(useMemo(() => toListQuery(filters), [filters]), reloadKey);
  const { reload } = useAdmin();
  // Chosen identities, kept across pages and filters, with the version each was seen at.
  const [selected, setSelected] = useState<ReadonlyMap<string, Chosen>>(new Map());
  const selectedIds = useMemo(() => new Set(selected.keys()), [selected]);

  // Typing waits a moment, then replaces the address (Back skips the keystrokes); Back to another search shows it.
  const [searchText, setSearchText] = useState(filters.q);
  // 80 ms: long enough to skip most keystrokes of someone typing, short enough to feel immediate.
  const typed = useDebounced(searchText, 80);
  const lastPushed = useRef(filters.q);
  useEffect(() => {
    if (filters.q !== lastPushed.current) {
      lastPushed.current = filters.q;
      setSearchText(filters.q);
    }
  }, [filters.q]);
  useEffect(() => {
    if (typed === lastPushed.current) return;
    lastPushed.current = typed;
    navigate(identitiesPath({ ...filters, q: typed, page: 1 }), { replace: true });
    // Only the typed text moves the address here.
  }, [typed]);

  // Stable callbacks: the memoised table re-renders only when its rows, page, sort or selection change.
  const go = useCallback((f: IdentityFilters) => navigate(identitiesPath(f)), [navigate]);
  const items = list.data?.items;
  const onSelect = useCallback(
    (ids: string[], on: boolean) =>
      setSelected((s) => {
        const next = new Map(s);
        for (const id of ids) {
          const row = items?.find((r) => r.accountId === id);
          if (on && row) next.set(id, { accountId: id, displayName: row.displayName, version: row.ownershipVersion });
          else next.delete(id);
        }
        return next;
      }),
    [items],
  );
  const ownerName = list.data?.items.find((r) => r.ownerAccountId === filters.owner)?.ownerName ?? null;

  return (
    <Stack space="space.300">
      <PageHeader crumbs={[{ label: 'Integration Registry', to: '/' }, { label: 'Identities' }]} title="Identities" description="Service accounts, apps, Rovo agents and people's accounts that run automations, with their owners and credentials." />
      <ScanPanel scan={scan} compact />
      <IdentitiesTable
        filters={filters}
        searchText={searchText}
        onSearchText={setSearchText}
        onFilters={go}
        list={list}
        ownerName={ownerName}
        scanRunning={scan.status !== null && scan.status.state !== 'idle'}
        selected={selectedIds}
        onSelect={onSelect}
        bulkBar={
          <BulkOwnershipBar
            chosen={[...selected.values()]}
            onClear={() => setSelected(new Map())}
            onDone={(failed) => {
              // What was saved leaves the selection; what was not stays chosen (at its current version), its reason shown.
              const left = new Map(failed.map((f) => [f.accountId, f.version]));
              setSelected((s) => new Map([...s].filter(([id]) => left.has(id)).map(([id, c]) => [id, { ...c, version: left.get(id) ?? c.version }])));
              reload();
            }}
          />
        }
      />
    </Stack>
  );
}
