import Lozenge from '@atlaskit/lozenge';
import { Box, Inline, Stack, Text } from '@atlaskit/primitives';
import { token } from '@atlaskit/tokens';
import { Suspense, useCallback, useMemo, useState } from 'react';
import type { Me } from '../../../../src/contract';
import { RouteLink, useLocation } from '../../app/router';
import { EmptyState } from '../../components/EmptyState';
import { Skeleton } from '../../components/Skeleton';
import { useScanStatus } from '../../hooks/use-scan-status';
import { AdminContext, type AdminShared } from './admin-context';
import { ADMIN_SECTIONS, findAdminRoute, type AdminSection } from './routes';

/** The admin page (jira:adminPage). Jira administrators only; the back end decides, this only shows. */
export function AdminPage({ me }: { me: Me }) {
  const [reloadKey, setReloadKey] = useState(0);
  const reload = useCallback(() => setReloadKey((k) => k + 1), []);
  const scan = useScanStatus(reload);
  const shared = useMemo<AdminShared>(() => ({ me, scan, reloadKey, reload }), [me, scan, reloadKey, reload]);
  const location = useLocation();
  const found = findAdminRoute(location.pathname);
  const View = found?.route.view;

  return (
    <AdminContext.Provider value={shared}>
      <Box padding="space.400" testId="admin-page">
        <Stack space="space.300">
          <AdminNav current={found?.route.section ?? null} signedInAs={me.displayName} />
          <Suspense fallback={<Skeleton lines={6} height={24} label="Loading" />}>
            {View && found ? (
              <View params={found.params} />
            ) : (
              <EmptyState title="Nothing at this address" testId="not-found">
                This address is not a page of Integration Registry. <RouteLink to="/">Go to the overview</RouteLink>.
              </EmptyState>
            )}
          </Suspense>
        </Stack>
      </Box>
    </AdminContext.Provider>
  );
}

/** The sections as links (each has an address), the current one marked for assistive technology too. */
function AdminNav({ current, signedInAs }: { current: AdminSection | null; signedInAs: string }) {
  return (
    <Inline space="space.200" alignBlock="center" spread="space-between" shouldWrap>
      <nav aria-label="Integration Registry" data-testid="admin-nav">
        <ul style={{ display: 'flex', flexWrap: 'wrap', gap: 4, listStyle: 'none', margin: 0, padding: 0, borderBottom: `2px solid ${token('color.border')}` }}>
          {ADMIN_SECTIONS.map((s) => {
            const active = s.key === current;
            return (
              <li key={s.key} style={{ margin: 0 }}>
                <RouteLink
                  to={s.path}
                  aria-current={active ? 'page' : undefined}
                  data-testid={`nav-${s.key}`}
                  style={{
                    display: 'inline-block',
                    font: token('font.body'),
                    fontWeight: 600,
                    padding: '8px 12px',
                    marginBottom: -2,
                    textDecoration: 'none',
                    borderBottom: `2px solid ${active ? token('color.border.selected') : 'transparent'}`,
                    color: active ? token('color.text.selected') : token('color.text.subtle'),
                  }}
                >
                  {s.label}
                </RouteLink>
              </li>
            );
          })}
        </ul>
      </nav>
      <Inline space="space.100" alignBlock="center">
        <Text size="small" color="color.text.subtle" testId="signed-in-as">
          Signed in as {signedInAs} (Jira administrator)
        </Text>
        <Lozenge appearance="inprogress">Admin</Lozenge>
      </Inline>
    </Inline>
  );
}
