import { useNavigate } from '../../../app/router';
import { useAdmin } from '../admin-context';
import CredentialsView from '../CredentialsView';
import { adminPaths } from '../paths';

/** `/credentials`: every credential by expiry, CSV import and export. */
export default function CredentialsRoute() {
  const { reloadKey, reload } = useAdmin();
  const navigate = useNavigate();
  return <CredentialsView onOpen={(id) => navigate(adminPaths.identity(id, 'credentials'))} reloadKey={reloadKey} onImported={reload} />;
}
