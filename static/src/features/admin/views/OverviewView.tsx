import { Stack } from '@atlaskit/primitives';
import { useNavigate, withQuery } from '../../../app/router';
import { PageHeader } from '../../../components/PageHeader';
import { Skeleton } from '../../../components/Skeleton';
import { useAdmin } from '../admin-context';
import { Overview } from '../Overview';
import { ScanPanel } from '../ScanPanel';
import { useIdentityList } from '../use-identity-list';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorState } from '../../../components/ErrorState';

const OVERVIEW_QUERY = { limit: 1 } as const;

/** `/`: the site at a glance; every count opens the list behind it. */
export default function OverviewView() {
  const { scan, reloadKey } = useAdmin();
  const navigate = useNavigate();
  const list = useIdentityList(OVERVIEW_QUERY, reloadKey);
  return (
    <Stack space="space.300">
      <PageHeader
        crumbs={[{ label: 'Integration Registry' }]}
        title="Integration Registry"
        description="Every integration identity on this site, the projects it touches, who owns its credentials, and what breaks if one expires."
      />
      <ScanPanel scan={scan} />
      {list.error ? <ErrorState title="Could not load the overview" error={list.error} /> : null}
      {list.data && !list.data.snapshot ? (
        <EmptyState title={scan.status && scan.status.state !== 'idle' ? 'The first scan is running' : 'No scan yet'} testId="empty-no-scan">
          {scan.status && scan.status.state !== 'idle'
            ? 'The overview fills as soon as it completes; its progress is shown above.'
            : 'Choose Scan now above: the scan reads the site’s accounts and what they did. A small site takes a minute; a large one longer, and it resumes on its own.'}
        </EmptyState>
      ) : list.data ? (
        <Overview
          overview={list.data.overview}
          onFilter={(f) => navigate(withQuery('/identities', { kind: f.kind, risk: f.risk }))}
          onExpiring={(tier) => navigate(withQuery('/expiring', { tier }))}
        />
      ) : list.error ? null : (
        <Skeleton lines={3} height={48} label="Loading the overview" />
      )}
    </Stack>
  );
}
