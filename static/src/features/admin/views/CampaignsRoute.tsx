import { Stack } from '@atlaskit/primitives';
import { useNavigate } from '../../../app/router';
import { PageHeader } from '../../../components/PageHeader';
import CampaignsView from '../../campaigns/CampaignsView';
import type { RouteProps } from '../routes';

/** `/campaigns` and `/campaigns/:id`: attestation campaigns (the account work), each with its own address. */
export default function CampaignsRoute({ params }: RouteProps) {
  const navigate = useNavigate();
  const selected = params.id ?? null;
  return (
    <Stack space="space.300">
      <PageHeader crumbs={[{ label: 'Integration Registry', to: '/' }, ...(selected ? [{ label: 'Campaigns', to: '/campaigns' }, { label: 'Campaign' }] : [{ label: 'Campaigns' }])]} title="Campaigns" />
      <CampaignsView selected={selected} onSelect={(id) => navigate(id ? `/campaigns/${encodeURIComponent(id)}` : '/campaigns')} />
    </Stack>
  );
}
