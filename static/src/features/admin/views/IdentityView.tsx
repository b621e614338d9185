import { useAdmin } from '../admin-context';
import IdentityDetail from '../IdentityDetail';
import type { RouteProps } from '../routes';

/** `/identities/:accountId?tab=`: one identity. */
export default function IdentityView({ params }: RouteProps) {
  const { reload } = useAdmin();
  return <IdentityDetail key={params.accountId} accountId={params.accountId ?? ''} onSaved={reload} />;
}
