import { Stack } from '@atlaskit/primitives';
import { useNavigate } from '../../../app/router';
import { PageHeader } from '../../../components/PageHeader';
import { useAdmin } from '../admin-context';
import HeatMap from '../HeatMap';
import { adminPaths } from '../paths';

/** `/heatmap`: projects × identities. */
export default function HeatMapRoute() {
  const { reloadKey } = useAdmin();
  const navigate = useNavigate();
  return (
    <Stack space="space.300">
      <PageHeader crumbs={[{ label: 'Integration Registry', to: '/' }, { label: 'Heat map' }]} title="Projects × identities" description="Where each integration works, and how much." />
      <HeatMap onOpen={(id) => navigate(adminPaths.identity(id))} reloadKey={reloadKey} />
    </Stack>
  );
}
