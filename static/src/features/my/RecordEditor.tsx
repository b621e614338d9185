import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import { token } from '@atlaskit/tokens';
import { useState } from 'react';
import type { MyIntegration } from '../../../../src/contract';
import { saveMyRecord } from '../../api/accountability';
import { ResolverCallError } from '../../api/invoke';
import { TextArea, TextInput } from '../../components/fields';
import { InlineError } from '../../components/InlineError';

/** One record the caller owns or backs up: what it is, and its purpose, runbook and notes to edit. */
export function RecordEditor({ record, onSaved }: { record: MyIntegration; onSaved: (record: MyIntegration) => void }) {
  const [purpose, setPurpose] = useState(record.ownership.purpose);
  const [runbookUrl, setRunbookUrl] = useState(record.ownership.runbookUrl);
  const [notes, setNotes] = useState(record.ownership.notes);
  const [state, setState] = useState<{ busy: boolean; error: string | null; saved: boolean }>({ busy: false, error: null, saved: false });
  const save = async () => {
    setState({ busy: true, error: null, saved: false });
    try {
      const { version } = await saveMyRecord({ accountId: record.accountId, baseVersion: record.version, purpose, runbookUrl, notes });
      onSaved({ ...record, version, ownership: { ...record.ownership, purpose, runbookUrl, notes } });
      setState({ busy: false, error: null, saved: true });
    } catch (e) {
      setState({ busy: false, error: e instanceof ResolverCallError ? e.message : 'Not saved. Try again.', saved: false });
    }
  };
  return (
    <section data-testid="my-record" style={{ padding: token('space.200'), border: `1px solid ${token('color.border')}`, borderRadius: 6 }}>
      <Stack space="space.150">
        <Inline space="space.100" alignBlock="center">
          <Text weight="bold">{record.displayName}</Text>
          <Lozenge appearance={record.role === 'owner' ? 'inprogress' : 'default'}>{record.role === 'owner' ? 'You own it' : 'You back it up'}</Lozenge>
          {record.risks
            .filter((r) => r.severity === 'high')
            .map((r) => (
              <Lozenge key={`${r.code}${r.credentialId ?? ''}`} appearance="removed">
                {r.code}
              </Lozenge>
            ))}
        </Inline>
        <Text size="small" color="color.text.subtle">
          {record.credentials.length} credential{record.credentials.length === 1 ? '' : 's'} · projects touched: {record.projectsTouched.join(', ') || 'none in the last scan'}
        </Text>
        <TextInput label="Purpose" value={purpose} maxLength={500} onChange={(e) => setPurpose(e.target.value)} />
        <TextInput label="Runbook URL" value={runbookUrl} maxLength={2000} onChange={(e) => setRunbookUrl(e.target.value)} />
        <TextArea label="Notes" value={notes} maxLength={4000} rows={3} onChange={(e) => setNotes(e.target.value)} />
        <Inline space="space.100" alignBlock="center">
          <Button appearance="primary" isDisabled={state.busy} onClick={() => void save()}>
            Save
          </Button>
          {state.saved ? <Text size="small">Saved</Text> : null}
        </Inline>
        {state.error ? (
          <InlineError message={state.error} />
        ) : null}
      </Stack>
    </section>
  );
}
