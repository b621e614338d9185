import Heading from '@atlaskit/heading';
import Lozenge from '@atlaskit/lozenge';
import { Box, Inline, Stack, Text } from '@atlaskit/primitives';
import { lazy, Suspense, useCallback, useMemo, useState } from 'react';
import type { IdentityListQuery, Me } from '../../../../src/contract';
import { Skeleton } from '../../components/Skeleton';
import { Tabs, tabPanelProps } from '../../components/Tabs';
import { useDebounced } from '../../hooks/use-debounced';
import { useScanStatus } from '../../hooks/use-scan-status';
import { IdentitiesTable, INITIAL_FILTERS, PAGE_SIZE, validProjectKey, type TableFilters } from './IdentitiesTable';
import { Overview } from './Overview';
import { ScanPanel } from './ScanPanel';
import { useIdentityList } from './use-identity-list';

// Heavier views load on first use, keeping the first render small.
const IdentityDetail = lazy(() => import('./IdentityDetail'));
const CredentialsView = lazy(() => import('./CredentialsView'));
const HeatMap = lazy(() => import('./HeatMap'));
const CampaignsView = lazy(() => import('../campaigns/CampaignsView'));

type TabKey = 'identities' | 'credentials' | 'heatmap' | 'campaigns';
const TABS = [
  { key: 'identities', label: 'Identities' },
  { key: 'credentials', label: 'Credentials' },
  { key: 'heatmap', label: 'Projects × identities' },
  { key: 'campaigns', label: 'Campaigns' },
] as const;

function toQuery(f: TableFilters, search: string): IdentityListQuery {
  const q: IdentityListQuery = { sort: f.sort, offset: f.offset, limit: PAGE_SIZE };
  if (search.trim()) q.search = search.trim();
  if (f.kind) q.kind = f.kind;
  if (f.risk) q.risk = f.risk;
  if (f.projectKey && validProjectKey(f.projectKey)) q.projectKey = f.projectKey;
  if (f.owner) q.owner = f.owner.accountId;
  return q;
}

/** The admin page (jira:adminPage). Jira administrators only; the back end decides, this only shows. */
export function AdminPage({ me }: { me: Me }) {
  const [tab, setTab] = useState<TabKey>('identities');
  const [filters, setFilters] = useState<TableFilters>(INITIAL_FILTERS);
  const [selected, setSelected] = useState<string | null>(null);
  const [campaign, setCampaign] = useState<string | null>(null);
  const [reloadKey, setReloadKey] = useState(0);
  const reload = useCallback(() => setReloadKey((k) => k + 1), []);
  const scan = useScanStatus(reload);
  // Typing waits a moment before asking the server; other filters apply at once.
  const search = useDebounced(filters.search, 120);
  const query = useMemo(() => toQuery(filters, search), [filters, search]);
  const list = useIdentityList(query, reloadKey);

  return (
    <Box padding="space.400" testId="admin-page">
      <Stack space="space.300">
        <Stack space="space.100">
          <Inline space="space.100" alignBlock="center">
            <Heading size="large" as="h1">
              Integration Registry
            </Heading>
            <Lozenge appearance="inprogress">Admin</Lozenge>
          </Inline>
          <Text as="p" color="color.text.subtle">
            Every integration identity on this site, the projects it touches, who owns its credentials, and what breaks if one expires.
          </Text>
          <Text as="p" size="small" color="color.text.subtle" testId="signed-in-as">
            Signed in as {me.displayName} (Jira administrator)
          </Text>
        </Stack>

        <ScanPanel scan={scan} />

        {selected ? (
          <Suspense fallback={<Skeleton lines={6} height={24} label="Loading the identity" />}>
            <IdentityDetail
              accountId={selected}
              onBack={() => setSelected(null)}
              onSaved={reload}
            />
          </Suspense>
        ) : (
          <>
            {list.data?.snapshot ? (
              <Overview
                overview={list.data.overview}
                onFilter={(f) => {
                  setTab('identities');
                  setFilters({ ...INITIAL_FILTERS, sort: filters.sort, kind: f.kind ?? '', risk: f.risk ?? '' });
                }}
              />
            ) : !list.data && !list.error ? (
              <Skeleton lines={3} height={48} label="Loading the overview" />
            ) : null}
            <Stack space="space.200">
              <Tabs id="admin" label="Registry views" tabs={TABS} selected={tab} onSelect={setTab} />
              <div {...tabPanelProps('admin', tab)} style={{ outline: 'none' }}>
                {tab === 'identities' ? (
                  <IdentitiesTable filters={filters} onFilters={setFilters} list={list} onOpen={setSelected} onScan={() => void scan.start()} scanRunning={scan.status !== null && scan.status.state !== 'idle'} />
                ) : (
                  <Suspense fallback={<Skeleton lines={6} height={24} label="Loading" />}>
                    {tab === 'credentials' ? (
                      <CredentialsView onOpen={setSelected} reloadKey={reloadKey} onImported={reload} />
                    ) : tab === 'campaigns' ? (
                      <CampaignsView selected={campaign} onSelect={setCampaign} />
                    ) : (
                      <HeatMap onOpen={setSelected} reloadKey={reloadKey} />
                    )}
                  </Suspense>
                )}
              </div>
            </Stack>
          </>
        )}
      </Stack>
    </Box>
  );
}
