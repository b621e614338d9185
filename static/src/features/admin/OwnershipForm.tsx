import Button from '@atlaskit/button/new';
import SectionMessage from '@atlaskit/section-message';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import { token } from '@atlaskit/tokens';
import { useState } from 'react';
import type { Ownership, ResolverError, UserOption } from '../../../../src/contract';
import { getIdentity } from '../../api/identities';
import { saveOwnership } from '../../api/registry';
import { showFlag } from '@forge/bridge';
import { TextArea, TextInput } from '../../components/fields';
import { toError } from '../../hooks/use-scan-status';
import { UserPicker } from './UserPicker';
import { InlineError } from '../../components/InlineError';

interface Draft {
  owner: UserOption | null;
  backup: UserOption | null;
  team: string;
  purpose: string;
  runbookUrl: string;
  notes: string;
}

const person = (id: string | null, people: readonly UserOption[]): UserOption | null =>
  id ? (people.find((p) => p.accountId === id) ?? { accountId: id, displayName: 'Someone (name unavailable)', active: true }) : null;

export function toDraft(o: Ownership | null, people: readonly UserOption[]): Draft {
  return {
    owner: person(o?.ownerAccountId ?? null, people),
    backup: person(o?.backupAccountId ?? null, people),
    team: o?.team ?? '',
    purpose: o?.purpose ?? '',
    runbookUrl: o?.runbookUrl ?? '',
    notes: o?.notes ?? '',
  };
}

const toOwnership = (d: Draft): Ownership => ({
  ownerAccountId: d.owner?.accountId ?? null,
  backupAccountId: d.backup?.accountId ?? null,
  team: d.team.trim(),
  purpose: d.purpose.trim(),
  runbookUrl: d.runbookUrl.trim(),
  notes: d.notes.trim(),
});

/** What the form can tell before saving: the same person twice, a runbook that is not a web link. */
function checkDraft(d: Draft): Record<string, string> {
  const out: Record<string, string> = {};
  if (d.owner && d.backup && d.owner.accountId === d.backup.accountId) out.backupAccountId = 'Backup: must be someone other than the owner';
  const url = d.runbookUrl.trim();
  if (url && !/^https?:\/\/[^\s]+$/i.test(url)) out.runbookUrl = 'Runbook: must be a web link starting with https://';
  return out;
}

interface Conflict {
  version: number;
  theirs: Draft;
}

/**
 * Owner, backup, team, purpose, runbook and notes. Saves with the version it was based on; when
 * someone saved in between, shows their version next to the admin's and lets the admin reapply.
 */
export function OwnershipForm({ accountId, ownership, version, people, onSaved }: { accountId: string; ownership: Ownership | null; version: number; people: UserOption[]; onSaved: () => void }) {
  const [draft, setDraft] = useState<Draft>(() => toDraft(ownership, people));
  const [base, setBase] = useState(version);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ResolverError | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [saved, setSaved] = useState(false);
  const set = (patch: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setSaved(false);
  };

  const [problems, setProblems] = useState<Record<string, string>>({});
  const save = async (baseVersion: number) => {
    setError(null);
    setSaved(false);
    // Every problem at once, before asking the server; the server's answer maps onto the same fields.
    const found = checkDraft(draft);
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    setSaving(true);
    try {
      const answer = await saveOwnership(accountId, baseVersion, toOwnership(draft));
      setBase(answer.version);
      setConflict(null);
      setSaved(true);
      void showFlag({ id: `ownership-${accountId}-${answer.version}`, title: 'Ownership saved', description: `Owner ${draft.owner?.displayName ?? 'not set'}, backup ${draft.backup?.displayName ?? 'not set'}.`, type: 'success', isAutoDismiss: true });
      onSaved();
    } catch (e) {
      const err = toError(e);
      if (err.code === 'CONFLICT') {
        // Read the newer version so the admin can compare and decide.
        try {
          const fresh = await getIdentity(accountId);
          setConflict({ version: fresh.version, theirs: toDraft(fresh.ownership, fresh.people) });
        } catch (e2) {
          setError(toError(e2));
        }
      } else {
        const byField: Record<string, string> = {};
        for (const f of err.fields ?? []) byField[f.field.split('.').pop() ?? f.field] = `${f.label}: ${f.message}`;
        setProblems(byField);
        if (Object.keys(byField).length === 0) setError(err);
      }
    } finally {
      setSaving(false);
    }
  };

  const fieldError = (name: keyof Ownership) => problems[name] ?? null;

  return (
    <form
      noValidate
      aria-labelledby="ownership-heading"
      data-testid="ownership-form"
      onSubmit={(e) => {
        e.preventDefault();
        void save(base);
      }}
    >
      <Stack space="space.200">
        {conflict ? (
          <SectionMessage appearance="warning" title="Someone saved a newer version while you were editing" testId="ownership-conflict">
            <Stack space="space.100">
              <Text as="p">Nothing of yours was saved. Their version (version {conflict.version}) is:</Text>
              <dl style={{ margin: 0, display: 'grid', gridTemplateColumns: 'max-content 1fr', gap: '4px 12px' }} data-testid="conflict-theirs">
                <dt style={{ fontWeight: 600 }}>Owner</dt>
                <dd style={{ margin: 0 }}>{conflict.theirs.owner?.displayName ?? 'None'}</dd>
                <dt style={{ fontWeight: 600 }}>Backup</dt>
                <dd style={{ margin: 0 }}>{conflict.theirs.backup?.displayName ?? 'None'}</dd>
                <dt style={{ fontWeight: 600 }}>Team</dt>
                <dd style={{ margin: 0 }}>{conflict.theirs.team || '—'}</dd>
                <dt style={{ fontWeight: 600 }}>Purpose</dt>
                <dd style={{ margin: 0 }}>{conflict.theirs.purpose || '—'}</dd>
              </dl>
              <Inline space="space.100">
                <Button appearance="primary" onClick={() => void save(conflict.version)} isLoading={saving} testId="conflict-reapply">
                  Save mine over theirs
                </Button>
                <Button
                  onClick={() => {
                    setDraft(conflict.theirs);
                    setBase(conflict.version);
                    setConflict(null);
                  }}
                  testId="conflict-take-theirs"
                >
                  Use theirs
                </Button>
              </Inline>
            </Stack>
          </SectionMessage>
        ) : null}
        <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(240px, 1fr))', gap: token('space.200') }}>
          <UserPicker label="Owner" value={draft.owner} onChange={(owner) => set({ owner })} testId="owner-picker" error={fieldError('ownerAccountId')} />
          <UserPicker label="Backup owner" value={draft.backup} onChange={(backup) => set({ backup })} testId="backup-picker" error={fieldError('backupAccountId')} />
          <TextInput label="Team" value={draft.team} maxLength={100} onChange={(e) => set({ team: e.target.value })} error={fieldError('team')} data-testid="ownership-team" />
          <TextInput
            label="Runbook link"
            type="url"
            placeholder="https://…"
            value={draft.runbookUrl}
            maxLength={2000}
            onChange={(e) => set({ runbookUrl: e.target.value })}
            error={fieldError('runbookUrl')}
            data-testid="ownership-runbook"
          />
        </div>
        <TextArea label="Purpose" hint="What it does and what depends on it" value={draft.purpose} maxLength={500} onChange={(e) => set({ purpose: e.target.value })} error={fieldError('purpose')} />
        <TextArea label="Notes" hint="Never paste a token or secret here: the app refuses them" value={draft.notes} maxLength={4000} onChange={(e) => set({ notes: e.target.value })} error={fieldError('notes')} />
        {Object.keys(problems).length > 0 ? (
          <SectionMessage appearance="error" title={`Not saved: ${Object.keys(problems).length === 1 ? 'one field needs' : `${Object.keys(problems).length} fields need`} a change`} testId="ownership-problems">
            <ul style={{ margin: 0, paddingLeft: 20 }}>
              {Object.entries(problems).map(([k, m]) => (
                <li key={k}>
                  <Text>{m}</Text>
                </li>
              ))}
            </ul>
          </SectionMessage>
        ) : null}
        {error ? (
          <InlineError title="Not saved" message={error.message} testId="ownership-error" />
        ) : null}
        <Inline space="space.150" alignBlock="center">
          <Button appearance="primary" type="submit" isLoading={saving} isDisabled={!!conflict} testId="ownership-save">
            Save ownership
          </Button>
          <span aria-live="polite" data-testid="ownership-status">
            {saved ? <Text color="color.text.success">Saved (version {base})</Text> : null}
          </span>
        </Inline>
      </Stack>
    </form>
  );
}
