import Button from '@atlaskit/button/new';
import { DynamicTableStateless } from '@atlaskit/dynamic-table';
import Heading from '@atlaskit/heading';
import Lozenge from '@atlaskit/lozenge';
import SectionMessage from '@atlaskit/section-message';
import { Box, Inline, Stack, Text } from '@atlaskit/primitives';
import Toggle from '@atlaskit/toggle';
import { token } from '@atlaskit/tokens';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { ACTIVITY_DEFINITION, FIELD_LABELS, type HistoryEntry, type IdentityDetail as Detail, type ProjectActivity } from '../../../../src/contract';
import Tooltip from '@atlaskit/tooltip';
import { adminUrl, openExternal } from '../../api/admin-links';
import { getIdentity } from '../../api/identities';
import { getAdminOrgId, listHistory } from '../../api/registry';
import { useNavigate, useQuery } from '../../app/router';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { UnusedAccessLozenge } from '../../components/UnusedAccessLozenge';
import { PageHeader } from '../../components/PageHeader';
import { Skeleton } from '../../components/Skeleton';
import { Tabs, tabPanelProps } from '../../components/Tabs';
import { useAsync } from '../../hooks/use-async';
import { CredentialsPanel } from './CredentialsPanel';
import { KIND_LABELS, SOURCE_LABELS, ago, formatTime } from './labels';
import { EvidencePanel } from './EvidencePanel';
import { MarkControl } from './MarkControl';
import { OwnershipForm } from './OwnershipForm';
import { adminPaths, type IdentityTab } from './paths';
import { PersonLine } from './PersonLine';

const ROWS_PER_PAGE = 20;
const TAB_KEYS: IdentityTab[] = ['projects', 'access', 'credentials', 'ownership', 'history'];

function Section({ id, title, children, testId }: { id: string; title: string; children: ReactNode; testId?: string }) {
  return (
    <section aria-labelledby={id} data-testid={testId}>
      <Box padding="space.200" style={{ border: `1px solid ${token('color.border')}`, borderRadius: 6, background: token('elevation.surface.raised') }}>
        <Stack space="space.150">
          <Heading size="small" as="h2" id={id}>
            {title}
          </Heading>
          {children}
        </Stack>
      </Box>
    </section>
  );
}

/** What it did in a project: touches (ACTIVITY_DEFINITION), the one unit every page shows. */
const touches = (p: ProjectActivity) => p.touches;
const touched = (p: ProjectActivity) => p.touches > 0;

/**
 * One identity, in tabs so that every part is one click away however large it is: the projects it
 * touched (first), its access (unused access summarised, then paged), credentials, ownership with
 * whom to call, and history. The tab is in the address (`?tab=`).
 */
export default function IdentityDetail({ accountId, onSaved }: { accountId: string; onSaved: () => void }) {
  const [version, setVersion] = useState(0);
  const state = useAsync(() => getIdentity(accountId), `${accountId}:${version}`);
  const query = useQuery();
  const navigate = useNavigate();
  const tabParam = query.get('tab') as IdentityTab | null;
  const tab: IdentityTab = tabParam && TAB_KEYS.includes(tabParam) ? tabParam : 'projects';
  const [orgId, setOrgId] = useState<string | null>(null);
  useEffect(() => {
    void getAdminOrgId().then(setOrgId, () => undefined);
  }, []);

  const crumbs = (name: string) => [{ label: 'Integration Registry', to: '/' }, { label: 'Identities', to: '/identities' }, { label: name }];
  if (state.status === 'loading') {
    return (
      <Stack space="space.200">
        <PageHeader crumbs={crumbs('Loading…')} title="Loading…" />
        <Skeleton lines={8} height={24} label="Loading the identity" />
      </Stack>
    );
  }
  if (state.status === 'failed') {
    return (
      <Stack space="space.200">
        <PageHeader crumbs={crumbs('Not found')} title="Could not open this identity" />
        <ErrorState title="Could not open this identity" error={state.error} />
      </Stack>
    );
  }
  const d = state.data;
  const name = (id: string) => d.people.find((p) => p.accountId === id)?.displayName ?? (id === 'app' ? 'Integration Registry' : 'Someone (name unavailable)');
  const projectsTouched = d.projects.filter(touched);
  const withAccess = d.projects.filter((p) => p.hasAccess);
  const unused = d.projects.filter((p) => p.unusedAccess);
  const tabs = [
    { key: 'projects' as const, label: `Projects touched (${projectsTouched.length.toLocaleString()})` },
    { key: 'access' as const, label: `Access (${withAccess.length.toLocaleString()})` },
    { key: 'credentials' as const, label: `Credentials (${d.credentials.length})` },
    { key: 'ownership' as const, label: 'Ownership' },
    { key: 'history' as const, label: 'History' },
  ];

  return (
    <Stack space="space.300" testId="identity-detail">
      <PageHeader
        crumbs={crumbs(d.displayName)}
        title={<span data-testid="identity-name">{d.displayName}</span>}
        after={
          <>
            <Lozenge appearance="new">{KIND_LABELS[d.kind]}</Lozenge>
            {!d.active ? <Lozenge appearance="removed">Deactivated</Lozenge> : null}
          </>
        }
        description={
          <>
            {d.email ? `${d.email} · ` : ''}
            {d.projectsTouched.toLocaleString()} projects touched · {d.touches.toLocaleString()} touches · last activity {ago(d.lastActivity)} · access to {withAccess.length.toLocaleString()} projects
          </>
        }
        actions={
          <>
            <Button onClick={() => void openExternal(adminUrl('apiTokens', orgId))} testId="link-tokens">
              Rotate or revoke tokens ↗
            </Button>
            <Button onClick={() => void openExternal(adminUrl('serviceAccounts', orgId))} testId="link-service-accounts">
              Service accounts ↗
            </Button>
          </>
        }
      />
      <MarkControl accountId={d.accountId} override={d.override} />

      {d.risks.length > 0 ? (
        <SectionMessage appearance={d.risks.some((r) => r.severity === 'high') ? 'error' : 'warning'} title={`${d.risks.length} ${d.risks.length === 1 ? 'risk' : 'risks'} to fix`} testId="identity-risks">
          <ul style={{ margin: 0, paddingLeft: 20 }}>
            {d.risks.map((r, i) => (
              <li key={i}>
                <Text>{r.message}</Text>
              </li>
            ))}
          </ul>
        </SectionMessage>
      ) : (
        <SectionMessage appearance="success" title="No open risks">
          <Text as="p">It has an owner and a backup, and no credential is close to expiry.</Text>
        </SectionMessage>
      )}

      {d.kind === 'person-integration' ? (
        <Box padding="space.200" style={{ border: `1px solid ${token('color.border')}`, borderRadius: 6, background: token('elevation.surface.raised') }}>
          <EvidencePanel identity={d} />
        </Box>
      ) : null}

      <Stack space="space.200">
        <Tabs id="identity" label="Parts of this identity" tabs={tabs} selected={tab} onSelect={(t) => navigate(adminPaths.identity(d.accountId, t === 'projects' ? undefined : t))} />
        <div {...tabPanelProps('identity', tab)} style={{ outline: 'none' }}>
          {tab === 'projects' ? (
            <ProjectsTab d={d} projects={projectsTouched} />
          ) : tab === 'access' ? (
            <AccessTab d={d} withAccess={withAccess} unused={unused} />
          ) : tab === 'credentials' ? (
            <CredentialsPanel detail={d} name={name} onChanged={() => {
              onSaved();
              setVersion((v) => v + 1);
            }} />
          ) : tab === 'ownership' ? (
            <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(420px, 1fr))', gap: token('space.300'), alignItems: 'start' }}>
              <Section id="ownership-heading" title="Ownership" testId="ownership-section">
                <OwnershipForm
                  key={`${d.accountId}:${d.version}`}
                  accountId={d.accountId}
                  ownership={d.ownership}
                  version={d.version}
                  people={d.people}
                  onSaved={() => {
                    onSaved();
                    setVersion((v) => v + 1);
                  }}
                />
              </Section>
              <Stack space="space.300">
                <WhoWakesUp d={d} name={name} />
                {d.projectNotes.length > 0 ? (
                  <Section id="notes-heading" title="Notes from project admins" testId="project-notes">
                    <Stack space="space.100">
                      {d.projectNotes.map((n) => (
                        <Box key={n.projectKey}>
                          <Text weight="bold">{n.projectKey}</Text>
                          <Text as="p">{n.note}</Text>
                          <Text size="small" color="color.text.subtle">
                            {n.updatedBy}, {formatTime(n.updatedAt)}
                          </Text>
                        </Box>
                      ))}
                    </Stack>
                  </Section>
                ) : null}
              </Stack>
            </div>
          ) : (
            <HistorySection accountId={d.accountId} first={d.history} name={name} />
          )}
        </div>
      </Stack>
    </Stack>
  );
}

function projectCell(p: ProjectActivity) {
  return {
    key: `${p.projectName} ${p.projectKey}`,
    content: (
      <span>
        <Text weight="bold">{p.projectName}</Text> <Text color="color.text.subtle">{p.projectKey}</Text>
      </span>
    ),
  };
}

const accessText = (p: ProjectActivity) => (!p.hasAccess ? 'None now' : p.canEdit ? 'Browse and edit' : 'Browse');
const rolesText = (p: ProjectActivity) => p.roles.map((r) => (r.via === 'group' ? `${r.name} (via ${r.group ?? 'group'})` : r.name)).join(', ');
const num = (n: number) => <span style={{ display: 'block', textAlign: 'right' }}>{n.toLocaleString()}</span>;

/** The projects it worked in, most active first, paged. */
function ProjectsTab({ d, projects }: { d: Detail; projects: ProjectActivity[] }) {
  const [page, setPage] = useState(1);
  const rows = useMemo(
    () =>
      [...projects]
        .sort((a, b) => touches(b) - touches(a) || a.projectKey.localeCompare(b.projectKey))
        .map((p) => ({
          key: p.projectKey,
          testId: 'project-row',
          cells: [
            projectCell(p),
            { key: touches(p), content: num(touches(p)) },
            { key: p.created, content: num(p.created) },
            { key: p.updated, content: num(p.updated) },
            { key: p.transitioned, content: num(p.transitioned) },
            { key: p.commented, content: num(p.commented) },
            { key: p.worked, content: num(p.worked) },
            { key: p.lastActivity ?? '', content: ago(p.lastActivity) },
            { key: accessText(p), content: <span>{accessText(p)}{p.roles.length ? <Text size="small" color="color.text.subtle"> · {rolesText(p)}</Text> : null}</span> },
          ],
        })),
    [projects],
  );
  return (
    <Stack space="space.200" testId="projects-section">
      {projects.length === 0 ? (
        <EmptyState title="No project activity in the scan window" testId="empty-projects">
          It did nothing in any project during the last scan&apos;s window. Its access is on the Access tab.
        </EmptyState>
      ) : (
        <DynamicTableStateless
          label="Projects touched, most active first"
          head={{
            cells: [
              { key: 'project', content: 'Project', isSortable: true, width: 30 },
              {
                key: 'touched',
                content: (
                  <Tooltip content={ACTIVITY_DEFINITION}>
                    {(props) => (
                      <span {...props} tabIndex={0} style={{ textDecoration: 'underline dotted' }}>
                        Touches
                      </span>
                    )}
                  </Tooltip>
                ),
                isSortable: true,
              },
              { key: 'created', content: 'Created', isSortable: true },
              { key: 'updated', content: 'Edited', isSortable: true },
              { key: 'transitioned', content: 'Moved', isSortable: true },
              { key: 'commented', content: 'Commented', isSortable: true },
              { key: 'worked', content: 'Logged work', isSortable: true },
              { key: 'last', content: 'Last activity', isSortable: true },
              { key: 'access', content: 'Access held' },
            ],
          }}
          rows={rows}
          rowsPerPage={ROWS_PER_PAGE}
          page={page}
          onSetPage={setPage}
          testId="projects-table"
        />
      )}
      {d.kind === 'person-integration' && d.leastPrivilege.length > 0 ? (
        <SectionMessage appearance="information" title="Moving it to a service account">
          <Text as="p">
            It only needs: {d.leastPrivilege.map((l) => `${l.projectKey}${l.roles.length ? ` (${l.roles.join(', ')})` : ''}`).join('; ')}.
          </Text>
        </SectionMessage>
      ) : null}
    </Stack>
  );
}

/** Access: a summary first (how much is unused), then the projects, unused first, paged. */
function AccessTab({ d, withAccess, unused }: { d: Detail; withAccess: ProjectActivity[]; unused: ProjectActivity[] }) {
  const [onlyUnused, setOnlyUnused] = useState(unused.length > 0);
  const [page, setPage] = useState(1);
  const list = onlyUnused ? unused : withAccess;
  const rows = useMemo(
    () =>
      [...list]
        .sort((a, b) => Number(b.unusedAccess) - Number(a.unusedAccess) || a.projectName.localeCompare(b.projectName, undefined, { numeric: true }))
        .map((p) => ({
          key: p.projectKey,
          testId: 'access-row',
          cells: [
            projectCell(p),
            { key: accessText(p), content: accessText(p) },
            { key: rolesText(p), content: rolesText(p) || <Text color="color.text.subtle">Not read</Text> },
            {
              key: p.unusedAccess ? 0 : 1,
              content: p.unusedAccess ? (
                <span>
                  <UnusedAccessLozenge />
                </span>
              ) : (
                'Used'
              ),
            },
          ],
        })),
    [list],
  );
  return (
    <Stack space="space.200" testId="access-section">
      <Text as="p" testId="access-summary">
        Access to <strong>{withAccess.length.toLocaleString()}</strong> {withAccess.length === 1 ? 'project' : 'projects'}; used in{' '}
        <strong>{(withAccess.length - unused.length).toLocaleString()}</strong>, unused in <strong>{unused.length.toLocaleString()}</strong> during the last {d.projects.length ? 'scan window' : 'scan'}.
        {unused.length > 0 ? ' Removing unused access limits what a leaked credential can reach.' : ''}
      </Text>
      {withAccess.length === 0 ? null : (
        <>
          <Inline space="space.100" alignBlock="center">
            <Toggle id="only-unused" isChecked={onlyUnused} onChange={() => {
              setOnlyUnused((v) => !v);
              setPage(1);
            }} label="Show only unused access" testId="only-unused" />
            <label htmlFor="only-unused">
              <Text>Only unused access</Text>
            </label>
          </Inline>
          <DynamicTableStateless
            label={onlyUnused ? 'Projects where it holds access it did not use' : 'Projects where it holds access'}
            head={{
              cells: [
                { key: 'project', content: 'Project', isSortable: true, width: 40 },
                { key: 'access', content: 'Access held', isSortable: true },
                { key: 'roles', content: 'Roles' },
                { key: 'used', content: 'Used', isSortable: true },
              ],
            }}
            rows={rows}
            rowsPerPage={ROWS_PER_PAGE}
            page={page}
            onSetPage={setPage}
            testId="access-table"
          />
        </>
      )}
    </Stack>
  );
}

function WhoWakesUp({ d, name }: { d: Detail; name: (id: string) => string }) {
  const b = d.blastRadius;
  const roleLabel = { owner: 'Owner', backup: 'Backup', 'credential-owner': 'Credential owner' } as const;
  return (
    <Section id="wakes-heading" title="If its credential expired tonight" testId="who-wakes-up">
      <Stack space="space.150">
        <Text as="p">
          {b.projects.length === 0
            ? 'No project activity would stop: it did nothing in the scan window.'
            : `${b.projects.length} ${b.projects.length === 1 ? 'project stops' : 'projects stop'}, about ${b.issuesTouched.toLocaleString()} issues' automation:`}
        </Text>
        {b.projects.length ? (
          <ol style={{ margin: 0, paddingLeft: 20 }}>
            {b.projects.slice(0, 8).map((p) => (
              <li key={p.projectKey}>
                <Text weight="bold">{p.projectKey}</Text> {p.projectName} <Text color="color.text.subtle">({p.issuesTouched} issues)</Text>
              </li>
            ))}
            {b.projects.length > 8 ? <li>and {b.projects.length - 8} more</li> : null}
          </ol>
        ) : null}
        <Text weight="bold">Call, in this order</Text>
        {b.contacts.length === 0 ? (
          <SectionMessage appearance="error" title="Nobody to call">
            <Text as="p">Choose an owner and a backup so that someone answers when it stops.</Text>
          </SectionMessage>
        ) : (
          <ol style={{ margin: 0, paddingLeft: 20 }} data-testid="contacts">
            {b.contacts.map((c) => {
              const known = d.people.find((p) => p.accountId === c.accountId);
              return (
                <li key={c.accountId}>
                  <PersonLine accountId={c.accountId} name={name(c.accountId)} email={known?.email ?? null} avatarUrl={known?.avatarUrl ?? null} role={roleLabel[c.role]} />
                </li>
              );
            })}
          </ol>
        )}
      </Stack>
    </Section>
  );
}

function HistorySection({ accountId, first, name }: { accountId: string; first: Detail['history']; name: (id: string) => string }) {
  const [entries, setEntries] = useState<HistoryEntry[]>(first.entries);
  const [cursor, setCursor] = useState(first.nextCursor);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const more = async () => {
    if (!cursor) return;
    setLoading(true);
    try {
      const page = await listHistory(accountId, cursor);
      setEntries((e) => [...e, ...page.entries]);
      setCursor(page.nextCursor);
    } catch (e) {
      setError(e instanceof Error ? e.message : 'Could not load older history.');
    } finally {
      setLoading(false);
    }
  };
  return (
    <Section id="history-heading" title="History" testId="history">
      {entries.length === 0 ? (
        <EmptyState title="No changes yet">Saving the ownership or importing credentials records who changed what, here.</EmptyState>
      ) : (
        <Stack space="space.100">
          <ol style={{ margin: 0, paddingLeft: 0, listStyle: 'none' }}>
            {entries.map((h) => (
              <li key={h.id} style={{ padding: '6px 0', borderBottom: `1px solid ${token('color.border')}` }}>
                <Text weight="bold">{name(h.by)}</Text>{' '}
                <Text>
                  {h.action} {h.subject === 'ownership' ? 'the ownership' : 'a credential'}
                  {h.source !== 'manual' ? ` (${SOURCE_LABELS[h.source]})` : ''}
                </Text>{' '}
                <Text size="small" color="color.text.subtle">
                  {formatTime(h.at)}
                </Text>
                <ul style={{ margin: '4px 0 0', paddingLeft: 20 }}>
                  {h.changes.map((c, i) => (
                    <li key={i}>
                      <Text size="small">
                        {FIELD_LABELS[c.field] ?? c.field}: {c.before === null || c.before === '' ? '(empty)' : displayValue(c.field, c.before, name)} → {c.after === null || c.after === '' ? '(empty)' : displayValue(c.field, c.after, name)}
                      </Text>
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ol>
          {error ? <Text color="color.text.danger">{error}</Text> : null}
          {cursor ? (
            <Inline>
              <Button onClick={() => void more()} isLoading={loading} testId="history-more">
                Show older changes
              </Button>
            </Inline>
          ) : null}
        </Stack>
      )}
    </Section>
  );
}

function displayValue(field: string, value: string, name: (id: string) => string): string {
  return field.endsWith('AccountId') ? `${name(value)}` : value.length > 120 ? `${value.slice(0, 117)}…` : value;
}

