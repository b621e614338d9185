import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import Lozenge from '@atlaskit/lozenge';
import SectionMessage from '@atlaskit/section-message';
import { Box, Inline, Stack, Text } from '@atlaskit/primitives';
import { token } from '@atlaskit/tokens';
import { useEffect, useState, type CSSProperties, type ReactNode } from 'react';
import type { HistoryEntry, IdentityDetail as Detail } from '../../../../src/contract';
import { adminUrl, openExternal } from '../../api/admin-links';
import { getIdentity } from '../../api/identities';
import { getAdminOrgId, listHistory } from '../../api/registry';
import { EmptyState } from '../../components/EmptyState';
import { ExpiryLozenge } from '../../components/ExpiryLozenge';
import { ErrorState } from '../../components/ErrorState';
import { Skeleton } from '../../components/Skeleton';
import { useAsync } from '../../hooks/use-async';
import { KIND_LABELS, ago, formatDate, formatTime } from './labels';
import { EvidencePanel } from './EvidencePanel';
import { MarkControl } from './MarkControl';
import { OwnershipForm } from './OwnershipForm';
import { tableCell, tableHeadCell } from '../../components/table-styles';

const cell = tableCell();
const head = tableHeadCell(undefined, '1px');
const num: CSSProperties = { ...cell, textAlign: 'right' };

function Section({ id, title, children, testId }: { id: string; title: string; children: ReactNode; testId?: string }) {
  return (
    <section aria-labelledby={id} data-testid={testId}>
      <Box padding="space.200" style={{ border: `1px solid ${token('color.border')}`, borderRadius: 6, background: token('elevation.surface.raised') }}>
        <Stack space="space.150">
          <Heading size="small" as="h3" id={id}>
            {title}
          </Heading>
          {children}
        </Stack>
      </Box>
    </section>
  );
}

/** One identity: who owns it, what it touches, its credentials, who wakes up, and its history. */
export default function IdentityDetail({ accountId, onBack, onSaved }: { accountId: string; onBack: () => void; onSaved: () => void }) {
  const [version, setVersion] = useState(0);
  const state = useAsync(() => getIdentity(accountId), `${accountId}:${version}`);
  const [orgId, setOrgId] = useState<string | null>(null);
  useEffect(() => {
    void getAdminOrgId().then(setOrgId, () => undefined);
  }, []);

  const back = (
    <Button onClick={onBack} testId="back-to-list">
      ← Back to identities
    </Button>
  );
  if (state.status === 'loading') {
    return (
      <Stack space="space.200">
        {back}
        <Skeleton lines={8} height={24} label="Loading the identity" />
      </Stack>
    );
  }
  if (state.status === 'failed') {
    return (
      <Stack space="space.200">
        {back}
        <ErrorState title="Could not open this identity" error={state.error} />
      </Stack>
    );
  }
  const d = state.data;
  const name = (id: string) => d.people.find((p) => p.accountId === id)?.displayName ?? (id === 'app' ? 'Integration Registry' : 'Someone (name unavailable)');

  return (
    <Stack space="space.300" testId="identity-detail">
      <Inline>{back}</Inline>
      <Stack space="space.100">
        <Inline space="space.100" alignBlock="center" shouldWrap>
          <Heading size="large" as="h2" testId="identity-name">
            {d.displayName}
          </Heading>
          <Lozenge appearance="new">{KIND_LABELS[d.kind]}</Lozenge>
          {!d.active ? <Lozenge appearance="removed">Deactivated</Lozenge> : null}
        </Inline>
        <Text color="color.text.subtle">
          {d.email ? `${d.email} · ` : ''}Account id {d.accountId} · {d.projectsTouched} projects · {d.issuesTouched.toLocaleString()} issues · last activity {ago(d.lastActivity)}
        </Text>
        <Inline space="space.100" shouldWrap>
          <Button onClick={() => void openExternal(adminUrl('apiTokens', orgId))} testId="link-tokens">
            Rotate or revoke tokens in Atlassian Administration ↗
          </Button>
          <Button onClick={() => void openExternal(adminUrl('serviceAccounts', orgId))} testId="link-service-accounts">
            Manage service accounts ↗
          </Button>
        </Inline>
        <MarkControl accountId={d.accountId} override={d.override} />
      </Stack>

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
        <WhoWakesUp d={d} name={name} />
      </div>

      <Section id="projects-heading" title="Projects touched" testId="projects-section">
        {d.projects.length === 0 ? (
          <Text as="p" color="color.text.subtle">
            No project activity or access in the scan window.
          </Text>
        ) : (
          <div style={{ overflowX: 'auto' }}>
            <table style={{ width: '100%', borderCollapse: 'collapse' }} aria-label="Projects touched, with access held and used">
              <thead>
                <tr>
                  <th scope="col" style={head}>Project</th>
                  <th scope="col" style={{ ...head, textAlign: 'right' }}>Created</th>
                  <th scope="col" style={{ ...head, textAlign: 'right' }}>Updated</th>
                  <th scope="col" style={{ ...head, textAlign: 'right' }}>Transitions</th>
                  <th scope="col" style={{ ...head, textAlign: 'right' }}>Worklogs</th>
                  <th scope="col" style={head}>Last activity</th>
                  <th scope="col" style={head}>Access held</th>
                  <th scope="col" style={head}>Used</th>
                </tr>
              </thead>
              <tbody>
                {[...d.projects]
                  .sort((a, b) => b.updated - a.updated || a.projectKey.localeCompare(b.projectKey))
                  .map((p) => (
                    <tr key={p.projectKey} data-testid="project-row">
                      <td style={cell}>
                        <Text weight="bold">{p.projectKey}</Text> <Text color="color.text.subtle">{p.projectName}</Text>
                      </td>
                      <td style={num}>{p.created}</td>
                      <td style={num}>{p.updated}</td>
                      <td style={num}>{p.transitions}</td>
                      <td style={num}>{p.worklogs}</td>
                      <td style={cell}>{ago(p.lastActivity)}</td>
                      <td style={cell}>
                        {!p.hasAccess ? 'None' : p.canEdit ? 'Browse and edit' : 'Browse'}
                        {p.roles.length ? <Text size="small" color="color.text.subtle"> · {p.roles.map((r) => (r.via === 'group' ? `${r.name} (via ${r.group ?? 'group'})` : r.name)).join(', ')}</Text> : null}
                      </td>
                      <td style={cell}>{p.unusedAccess ? <Lozenge appearance="moved">Unused access</Lozenge> : p.hasAccess ? 'Yes' : '—'}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </div>
        )}
        {d.kind === 'person-integration' && d.leastPrivilege.length > 0 ? (
          <SectionMessage appearance="information" title="Moving it to a service account">
            <Text as="p">
              It only needs: {d.leastPrivilege.map((l) => `${l.projectKey}${l.roles.length ? ` (${l.roles.join(', ')})` : ''}`).join('; ')}.
            </Text>
          </SectionMessage>
        ) : null}
      </Section>

      <Section id="credentials-heading" title="Credentials" testId="credentials-section">
        {d.credentials.length === 0 ? (
          <Text as="p" color="color.text.subtle">
            No credential recorded. Import them as CSV in the Credentials tab, or turn on Atlassian Administration sync.
          </Text>
        ) : (
          <table style={{ width: '100%', borderCollapse: 'collapse' }} aria-label="Credentials">
            <thead>
              <tr>
                <th scope="col" style={head}>Label</th>
                <th scope="col" style={head}>Kind</th>
                <th scope="col" style={head}>Expires</th>
                <th scope="col" style={head}>Last used</th>
                <th scope="col" style={head}>Answers for it</th>
              </tr>
            </thead>
            <tbody>
              {[...d.credentials]
                .sort((a, b) => (a.expiresAt ?? '9999').localeCompare(b.expiresAt ?? '9999'))
                .map((c) => (
                  <tr key={c.id}>
                    <td style={cell}>
                      <Text weight="bold">{c.label}</Text>
                      {c.scopes.length ? <Text size="small" color="color.text.subtle"> {c.scopes.join(' ')}</Text> : null}
                    </td>
                    <td style={cell}>{c.kind}</td>
                    <td style={cell}>
                      <Inline space="space.100" alignBlock="center" shouldWrap>
                        <span>{formatDate(c.expiresAt)}</span>
                        <ExpiryLozenge tier={c.tier} days={c.daysToExpiry} />
                      </Inline>
                    </td>
                    <td style={cell}>{formatDate(c.lastUsedAt, 'unknown')}</td>
                    <td style={cell}>{c.ownerAccountId ? name(c.ownerAccountId) : 'The identity’s owner'}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        )}
      </Section>

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

      <HistorySection accountId={d.accountId} first={d.history} name={name} />
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
            {b.contacts.map((c) => (
              <li key={c.accountId}>
                {name(c.accountId)} <Text color="color.text.subtle">· {roleLabel[c.role]}</Text>
              </li>
            ))}
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
                  {h.source !== 'manual' ? ` (${h.source})` : ''}
                </Text>{' '}
                <Text size="small" color="color.text.subtle">
                  {formatTime(h.at)}
                </Text>
                <ul style={{ margin: '4px 0 0', paddingLeft: 20 }}>
                  {h.changes.map((c, i) => (
                    <li key={i}>
                      <Text size="small">
                        {c.field}: {c.before === null || c.before === '' ? '(empty)' : displayValue(c.field, c.before, name)} → {c.after === null || c.after === '' ? '(empty)' : displayValue(c.field, c.after, name)}
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

