import DynamicTable from '@atlaskit/dynamic-table';
import Link from '@atlaskit/link';
import { Stack, Text } from '@atlaskit/primitives';
import { router } from '@forge/bridge';
import { useMemo } from 'react';
import type { ExpiringCredential, ExpiryTier } from '../../../../../src/contract';
import { listExpiring } from '../../../api/registry';
import { RouteLink, useNavigate, useQuery, withQuery } from '../../../app/router';
import { SelectField, type Choice } from '../../../components/controls';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorState } from '../../../components/ErrorState';
import { ExpiryLozenge } from '../../../components/ExpiryLozenge';
import { PageHeader } from '../../../components/PageHeader';
import { Skeleton } from '../../../components/Skeleton';
import { useAsync } from '../../../hooks/use-async';
import { useAdmin } from '../admin-context';
import { CREDENTIAL_KIND_LABELS, formatDate } from '../labels';
import { adminPaths } from '../paths';
import { PersonLine } from '../PersonLine';

type Scope = 'soon' | ExpiryTier | '7' | '90';
const SCOPES: ReadonlyArray<Choice<Scope>> = [
  { value: 'soon', label: 'Expired or expiring within 30 days' },
  { value: '7', label: 'Expired or expiring within 7 days' },
  { value: '90', label: 'Expired or expiring within 90 days' },
  { value: 'expired', label: 'Expired' },
  { value: 'critical', label: 'Expiring within 7 days' },
  { value: 'warning', label: 'Expiring in 8 to 30 days' },
  { value: 'ok', label: 'Expiring later' },
  { value: 'unknown', label: 'No expiry date recorded' },
];

const person = (p: ExpiringCredential['owner'], role: string) => (p ? <PersonLine accountId={p.accountId} name={p.displayName} email={p.email ?? null} avatarUrl={p.avatarUrl ?? null} role={role} /> : <Text color="color.text.danger">No {role.toLowerCase()}</Text>);

/**
 * `/expiring?tier=`: "who wakes up tonight", site-wide. Each credential that expires soon with its
 * identity, whom to call (owner, backup: avatar, email, profile), the runbook and the projects that stop.
 */
export default function ExpiringView() {
  const { reloadKey } = useAdmin();
  const query = useQuery();
  const navigate = useNavigate();
  const raw = query.get('tier') ?? 'soon';
  const scope: Scope = SCOPES.some((s) => s.value === raw) ? (raw as Scope) : 'soon';
  const request = scope === 'soon' ? {} : scope === '7' || scope === '90' ? { withinDays: Number(scope) } : { tier: scope };
  const state = useAsync(() => listExpiring(request), `${scope}:${reloadKey}`);

  const rows = useMemo(
    () =>
      state.status !== 'ready'
        ? []
        : state.data.items.map((i) => ({
            key: i.credential.id,
            testId: 'expiring-row',
            cells: [
              {
                key: i.credential.daysToExpiry ?? 99999,
                content: (
                  <Stack space="space.050">
                    <span>
                      <ExpiryLozenge tier={i.credential.tier} days={i.credential.daysToExpiry} />
                    </span>
                    <Text size="small" color="color.text.subtle">
                      {formatDate(i.credential.expiresAt, 'no date')}
                    </Text>
                  </Stack>
                ),
              },
              {
                key: i.credential.label,
                content: (
                  <Stack space="space.025">
                    <Text weight="bold">{i.credential.label}</Text>
                    <Text size="small" color="color.text.subtle">
                      {CREDENTIAL_KIND_LABELS[i.credential.kind]}
                    </Text>
                  </Stack>
                ),
              },
              {
                key: i.identityName,
                content: (
                  <RouteLink to={adminPaths.identity(i.accountId, 'credentials')} data-testid="expiring-identity">
                    {i.identityName}
                  </RouteLink>
                ),
              },
              {
                key: i.owner?.displayName ?? '',
                content: (
                  <Stack space="space.100">
                    {i.credentialOwner && i.credentialOwner.accountId !== i.owner?.accountId ? person(i.credentialOwner, 'Credential owner') : null}
                    {person(i.owner, 'Owner')}
                    {person(i.backup, 'Backup')}
                  </Stack>
                ),
              },
              {
                key: i.runbookUrl,
                content: i.runbookUrl ? (
                  <Link
                    href={i.runbookUrl}
                    onClick={(e) => {
                      e.preventDefault();
                      void router.open(i.runbookUrl);
                    }}
                    testId="expiring-runbook"
                  >
                    Runbook ↗
                  </Link>
                ) : (
                  <Text color="color.text.subtle">None recorded</Text>
                ),
              },
              {
                key: i.projectsTotal,
                content:
                  i.projectsTotal === 0 ? (
                    <Text color="color.text.subtle">None in the scan window</Text>
                  ) : (
                    <Text>
                      {i.projects.map((p) => p.projectName).join(', ')}
                      {i.projectsTotal > i.projects.length ? ` and ${i.projectsTotal - i.projects.length} more` : ''}
                    </Text>
                  ),
              },
            ],
          })),
    [state],
  );

  return (
    <Stack space="space.300">
      <PageHeader
        crumbs={[{ label: 'Integration Registry', to: '/' }, { label: 'Expiring soon' }]}
        title="Expiring soon"
        description="Credentials that stop working soon, whom to call, their runbook and the projects whose automation stops."
      />
      <div style={{ maxWidth: 360 }}>
        <SelectField label="Show" value={scope} options={SCOPES} onChange={(v) => navigate(withQuery('/expiring', { tier: v === 'soon' ? '' : v }))} testId="expiring-scope" />
      </div>
      {state.status === 'loading' ? (
        <Skeleton lines={6} height={28} label="Loading expiring credentials" />
      ) : state.status === 'failed' ? (
        <ErrorState title="Could not load expiring credentials" error={state.error} />
      ) : state.data.items.length === 0 ? (
        <EmptyState title="Nothing expires in this range" testId="empty-expiring">
          No recorded credential matches. Credentials come from CSV imports (Credentials page), from an identity&apos;s Credentials tab, or from Atlassian Administration sync (Settings).
        </EmptyState>
      ) : (
        <div data-testid="expiring-view">
          <DynamicTable
            label="Credentials expiring soon, soonest first"
            head={{
              cells: [
                { key: 'days', content: 'Days left', isSortable: true, width: 12 },
                { key: 'credential', content: 'Credential', isSortable: true, width: 16 },
                { key: 'identity', content: 'Identity', isSortable: true, width: 16 },
                { key: 'call', content: 'Whom to call', width: 26 },
                { key: 'runbook', content: 'Runbook', width: 10 },
                { key: 'projects', content: 'Projects that stop', isSortable: true, width: 20 },
              ],
            }}
            rows={rows}
            rowsPerPage={25}
            defaultSortKey="days"
            defaultSortOrder="ASC"
            testId="expiring"
          />
          {state.data.total > state.data.items.length ? (
            <Text color="color.text.subtle">
              The {state.data.items.length} soonest of {state.data.total} are shown.
            </Text>
          ) : null}
        </div>
      )}
    </Stack>
  );
}
