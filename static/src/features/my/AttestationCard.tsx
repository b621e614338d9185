import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import Lozenge from '@atlaskit/lozenge';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import { token } from '@atlaskit/tokens';
import { useState } from 'react';
import type { AttestationDecision, AttestationTask, CampaignItem } from '../../../../src/contract';
import { answerAttestation } from '../../api/accountability';
import { ResolverCallError } from '../../api/invoke';
import { TextInput } from '../../components/fields';
import { InlineError } from '../../components/InlineError';

const DECISION_LABEL: Record<AttestationDecision, string> = { keep: 'Still needed', 'change-owner': 'Owner changes', retire: 'Retire' };

function ItemRow({ task, item, onAnswered }: { task: AttestationTask; item: CampaignItem; onAnswered: (item: CampaignItem) => void }) {
  const [newOwner, setNewOwner] = useState('');
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const answer = async (decision: AttestationDecision) => {
    setBusy(true);
    setError(null);
    try {
      onAnswered(await answerAttestation(task.campaignId, item.accountId, decision, decision === 'change-owner' ? newOwner.trim() : null, comment.trim()));
    } catch (e) {
      setError(e instanceof ResolverCallError ? e.message : 'The answer was not saved. Try again.');
    } finally {
      setBusy(false);
    }
  };
  return (
    <li data-testid="attestation-item" style={{ listStyle: 'none', padding: token('space.150'), border: `1px solid ${token('color.border')}`, borderRadius: 4 }}>
      <Stack space="space.100">
        <Inline space="space.100" alignBlock="center">
          <Text weight="bold">{item.displayName}</Text>
          <Lozenge>{item.kind}</Lozenge>
          {item.answer ? <Lozenge appearance="success">{DECISION_LABEL[item.answer.decision]}</Lozenge> : null}
        </Inline>
        <Text size="small" color="color.text.subtle">
          Credentials: {item.credentials.length === 0 ? 'none recorded' : item.credentials.map((c) => `${c.label}${c.expiresAt ? ` (expires ${c.expiresAt})` : ''}`).join(', ')}
        </Text>
        <Text size="small" color="color.text.subtle">
          Projects touched: {item.projectsTouched.length === 0 ? 'none in the last scan' : item.projectsTouched.join(', ')} · Last activity: {item.lastActivity ? item.lastActivity.slice(0, 10) : 'none seen'}
        </Text>
        {item.answer ? (
          <Text size="small" testId="answered">
            Answered {DECISION_LABEL[item.answer.decision].toLowerCase()} by {item.answer.by === task.ownerAccountId ? 'the owner' : 'the backup'} on {item.answer.at.slice(0, 10)}
            {item.answer.comment ? `: ${item.answer.comment}` : ''}
          </Text>
        ) : (
          <Stack space="space.100">
            <Inline space="space.100" shouldWrap>
              <div style={{ minWidth: 220 }}>
                <TextInput label="Comment (optional)" value={comment} maxLength={500} onChange={(e) => setComment(e.target.value)} />
              </div>
              <div style={{ minWidth: 220 }}>
                <TextInput label="New owner's account id (for Owner changes)" value={newOwner} maxLength={128} onChange={(e) => setNewOwner(e.target.value)} />
              </div>
            </Inline>
            <Inline space="space.100">
              <Button appearance="primary" isDisabled={busy} onClick={() => void answer('keep')}>
                Still needed
              </Button>
              <Button isDisabled={busy || newOwner.trim() === ''} onClick={() => void answer('change-owner')}>
                Owner changes
              </Button>
              <Button appearance="warning" isDisabled={busy} onClick={() => void answer('retire')}>
                Retire
              </Button>
            </Inline>
            {error ? (
              <InlineError message={error} />
            ) : null}
          </Stack>
        )}
      </Stack>
    </li>
  );
}

/** One campaign's open attestation for the caller: each identity with the three answers. */
export function AttestationCard({ task, highlighted, onChange }: { task: AttestationTask; highlighted: boolean; onChange: (task: AttestationTask) => void }) {
  const open = task.items.filter((i) => !i.answer).length;
  return (
    <section data-testid="attestation" data-campaign={task.campaignId} style={{ padding: token('space.200'), borderRadius: 6, border: `${highlighted ? 2 : 1}px solid ${highlighted ? token('color.border.brand') : token('color.border')}` }}>
      <Stack space="space.150">
        <Inline space="space.100" alignBlock="center">
          <Heading size="small" as="h3">
            {task.campaignName}
          </Heading>
          <Lozenge appearance={open === 0 ? 'success' : 'inprogress'}>{open === 0 ? 'All answered' : `${open} to answer`}</Lozenge>
        </Inline>
        <Text size="small" color="color.text.subtle">
          Due {task.dueDate} · you answer as {task.as === 'owner' ? 'the owner' : 'the backup'}
          {task.issueKey ? ` · Jira work item ${task.issueKey}` : ''}
        </Text>
        <ul style={{ margin: 0, padding: 0, display: 'grid', gap: token('space.100') }}>
          {task.items.map((item) => (
            <ItemRow key={item.accountId} task={task} item={item} onAnswered={(answered) => onChange({ ...task, items: task.items.map((i) => (i.accountId === answered.accountId ? answered : i)) })} />
          ))}
        </ul>
      </Stack>
    </section>
  );
}
