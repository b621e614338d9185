import { Stack } from '@atlaskit/primitives';
import { PageHeader } from '../../../components/PageHeader';
import { useAdmin } from '../admin-context';
import CredentialsView from '../CredentialsView';

/** `/credentials`: every credential by expiry, CSV import (with a template) and export. */
export default function CredentialsRoute() {
  const { reloadKey, reload } = useAdmin();
  return (
    <Stack space="space.300">
      <PageHeader crumbs={[{ label: 'Integration Registry', to: '/' }, { label: 'Credentials' }]} title="Credentials" description="Every API token and client credential on record, soonest expiry first. Metadata only: never a secret value." />
      <CredentialsView reloadKey={reloadKey} onImported={reload} />
    </Stack>
  );
}
