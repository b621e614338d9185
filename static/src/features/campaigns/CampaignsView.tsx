import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import Lozenge from '@atlaskit/lozenge';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import { token } from '@atlaskit/tokens';
import { useState } from 'react';
import type { CampaignDetail, CampaignSummary, IdentityKind } from '../../../../src/contract';
import { exportCampaign, getCampaign, listCampaigns, startCampaign } from '../../api/accountability';
import { ResolverCallError } from '../../api/invoke';
import { SelectField } from '../../components/controls';
import { TextInput } from '../../components/fields';
import { tableCell } from '../../components/table-styles';
import { useAsync } from '../../hooks/use-async';
import { download } from '../admin/csv';
import { InlineError } from '../../components/InlineError';

const cell = tableCell(token('space.100'));
const DECISION = { keep: 'Still needed', 'change-owner': 'Owner changes', retire: 'Retire' } as const;
const KINDS: Array<{ value: IdentityKind | ''; label: string }> = [
  { value: '', label: 'All kinds' },
  { value: 'service-account', label: 'Service accounts' },
  { value: 'app-account', label: 'App accounts' },
  { value: 'rovo-agent', label: 'Rovo agents' },
  { value: 'person-integration', label: 'Person-owned integrations' },
];

function inDays(n: number): string {
  return new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
}

/** The form that starts a campaign: scope, the Jira project for the work items, due date, escalation days. */
function StartForm({ onStarted }: { onStarted: (c: CampaignSummary) => void }) {
  const [f, setF] = useState({ name: 'Ownership review', kind: '' as IdentityKind | '', projectFilter: '', team: '', projectKey: '', issueTypeId: '', dueDate: inDays(14), remind: '0', backup: '3', admins: '7' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const set = (patch: Partial<typeof f>) => setF({ ...f, ...patch });
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      onStarted(
        await startCampaign({
          name: f.name,
          scope: { ...(f.kind ? { kind: f.kind } : {}), ...(f.projectFilter.trim() ? { projectKey: f.projectFilter.trim().toUpperCase() } : {}), ...(f.team.trim() ? { team: f.team.trim() } : {}) },
          projectKey: f.projectKey.trim().toUpperCase(),
          issueTypeId: f.issueTypeId.trim() || null,
          dueDate: f.dueDate,
          escalation: { remindOwner: Number(f.remind), escalateToBackup: Number(f.backup), escalateToAdmins: Number(f.admins) },
        }),
      );
    } catch (e) {
      setError(e instanceof ResolverCallError ? e.message : 'The campaign did not start. Try again.');
    } finally {
      setBusy(false);
    }
  };
  return (
    <section data-testid="campaign-start" style={{ padding: token('space.200'), border: `1px solid ${token('color.border')}`, borderRadius: 6 }}>
      <Stack space="space.150">
        <Heading size="small" as="h3">
          Start a campaign
        </Heading>
        <Inline space="space.150" shouldWrap>
          <TextInput label="Name" value={f.name} maxLength={120} onChange={(e) => set({ name: e.target.value })} />
          <div style={{ minWidth: 220 }}>
            <SelectField label="Identities" value={f.kind} options={KINDS} onChange={(kind) => set({ kind })} testId="campaign-kind" />
          </div>
          <TextInput label="Only those touching project (key)" value={f.projectFilter} onChange={(e) => set({ projectFilter: e.target.value })} />
          <TextInput label="Only team" value={f.team} onChange={(e) => set({ team: e.target.value })} />
        </Inline>
        <Inline space="space.150" shouldWrap>
          <TextInput label="Jira project for the work items (key)" value={f.projectKey} onChange={(e) => set({ projectKey: e.target.value })} />
          <TextInput label="Issue type id (optional)" value={f.issueTypeId} onChange={(e) => set({ issueTypeId: e.target.value })} />
          <TextInput label="Due date" type="date" value={f.dueDate} onChange={(e) => set({ dueDate: e.target.value })} />
        </Inline>
        <Inline space="space.150" shouldWrap>
          <TextInput label="Remind the owner, days after due" type="number" min={0} max={365} value={f.remind} onChange={(e) => set({ remind: e.target.value })} />
          <TextInput label="Escalate to the backup, days after due" type="number" min={0} max={365} value={f.backup} onChange={(e) => set({ backup: e.target.value })} />
          <TextInput label="Escalate to the admins, days after due" type="number" min={0} max={365} value={f.admins} onChange={(e) => set({ admins: e.target.value })} />
        </Inline>
        <Inline space="space.100">
          <Button appearance="primary" isDisabled={busy || f.projectKey.trim() === ''} onClick={() => void submit()}>
            Start campaign
          </Button>
        </Inline>
        {error ? (
          <InlineError message={error} />
        ) : null}
      </Stack>
    </section>
  );
}

/** One campaign: progress, each owner's work item and escalations, every item with its answer, CSV evidence. */
export function CampaignDetailView({ id, onBack }: { id: string; onBack: () => void }) {
  const state = useAsync(() => getCampaign(id), `campaign:${id}`);
  if (state.status === 'loading') return <Text>Loading the campaign…</Text>;
  if (state.status === 'failed') return <SectionMessage appearance="error"><Text as="p">{state.error.message}</Text></SectionMessage>;
  const c: CampaignDetail = state.data;
  return (
    <Stack space="space.200" testId="campaign-detail">
      <Inline space="space.100" alignBlock="center">
        <Button onClick={onBack}>Back to campaigns</Button>
        <Heading size="medium" as="h2">
          {c.name}
        </Heading>
        <Lozenge appearance={c.state === 'complete' ? 'success' : 'inprogress'}>{c.state}</Lozenge>
      </Inline>
      <Text testId="campaign-progress">
        {c.progress.answered} of {c.progress.items} answered · {c.progress.changed} changed · {c.progress.overdue} overdue · due {c.dueDate} · work items in {c.projectKey}
        {c.progress.unowned ? ` · ${c.progress.unowned} without an owner (not asked)` : ''}
      </Text>
      <Inline space="space.100">
        <Button
          onClick={() =>
            void exportCampaign(c.id).then(({ csv, filename }) => download(filename, csv))
          }
        >
          Export evidence (CSV)
        </Button>
      </Inline>
      <table style={{ width: '100%', borderCollapse: 'collapse' }} data-testid="campaign-items">
        <thead>
          <tr>
            {['Owner', 'Work item', 'Integration', 'Answer', 'By, when', 'Escalations'].map((h) => (
              <th key={h} scope="col" style={{ ...cell, textAlign: 'left' }}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {c.owners.flatMap((o) =>
            o.items.map((i) => (
              <tr key={`${o.ownerAccountId}:${i.accountId}`} data-testid="campaign-item">
                <td style={cell}>{o.ownerName}</td>
                <td style={cell}>{o.issueKey ?? 'not yet created'}</td>
                <td style={cell}>{i.displayName}</td>
                <td style={cell}>{i.answer ? DECISION[i.answer.decision] : 'Not answered'}</td>
                <td style={cell}>{i.answer ? `${i.answer.by === o.ownerAccountId ? 'owner' : 'backup'} · ${i.answer.at.slice(0, 16).replace('T', ' ')}` : ''}</td>
                <td style={cell}>{o.escalations.map((e) => e.step).join(', ') || 'none'}</td>
              </tr>
            )),
          )}
        </tbody>
      </table>
    </Stack>
  );
}

/** The admin page's campaigns: the list with progress, the start form, and one campaign's detail. */
export default function CampaignsView({ selected, onSelect }: { selected: string | null; onSelect: (id: string | null) => void }) {
  const [reload, setReload] = useState(0);
  const state = useAsync(listCampaigns, `campaigns:${reload}`);
  if (selected) return <CampaignDetailView id={selected} onBack={() => onSelect(null)} />;
  return (
    <Stack space="space.200" testId="campaigns">
      <StartForm
        onStarted={(c) => {
          setReload((r) => r + 1);
          onSelect(c.id);
        }}
      />
      {state.status === 'loading' ? <Text>Loading campaigns…</Text> : null}
      {state.status === 'failed' ? <SectionMessage appearance="error"><Text as="p">{state.error.message}</Text></SectionMessage> : null}
      {state.status === 'ready' && state.data.length === 0 ? <Text color="color.text.subtle">No campaign yet.</Text> : null}
      {state.status === 'ready' && state.data.length > 0 ? (
        <table style={{ width: '100%', borderCollapse: 'collapse' }} data-testid="campaign-list">
          <thead>
            <tr>
              {['Campaign', 'Due', 'Answered', 'Changed', 'Overdue', ''].map((h) => (
                <th key={h} scope="col" style={{ ...cell, textAlign: 'left' }}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {state.data.map((c) => (
              <tr key={c.id}>
                <td style={cell}>{c.name}</td>
                <td style={cell}>{c.dueDate}</td>
                <td style={cell}>
                  {c.progress.answered} / {c.progress.items}
                </td>
                <td style={cell}>{c.progress.changed}</td>
                <td style={cell}>{c.progress.overdue}</td>
                <td style={cell}>
                  <Button onClick={() => onSelect(c.id)}>Open</Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </Stack>
  );
}
