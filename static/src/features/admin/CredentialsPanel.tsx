import Button from '@atlaskit/button/new';
import DynamicTable from '@atlaskit/dynamic-table';
import Lozenge from '@atlaskit/lozenge';
import ModalDialog, { ModalBody, ModalFooter, ModalHeader, ModalTitle, ModalTransition } from '@atlaskit/modal-dialog';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import { showFlag } from '@forge/bridge';
import { useState } from 'react';
import type { CredentialView, IdentityDetail } from '../../../../src/contract';
import { deleteCredential, saveCredential } from '../../api/registry';
import { ExpiryLozenge } from '../../components/ExpiryLozenge';
import { toError } from '../../hooks/use-scan-status';
import { CredentialEditor, inputOf } from './CredentialEditor';
import { CREDENTIAL_KIND_LABELS, SOURCE_LABELS, formatDate } from './labels';
import { InlineError } from '../../components/InlineError';

const today = () => new Date().toISOString().slice(0, 10);

/**
 * An identity's credentials: what they are, when they expire, who answers for them; add one, edit,
 * retire (no longer used: leaves expiry warnings and reminders, kept in the record) or delete it.
 */
export function CredentialsPanel({ detail: d, name, onChanged }: { detail: IdentityDetail; name: (accountId: string) => string; onChanged: () => void }) {
  const [editing, setEditing] = useState<CredentialView | 'new' | null>(null);
  const [deleting, setDeleting] = useState<CredentialView | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const retire = async (c: CredentialView, retired: boolean) => {
    setError(null);
    try {
      await saveCredential(d.accountId, d.credentialsVersion, { ...inputOf(c), retiredAt: retired ? today() : null }, c.id);
      void showFlag({ id: `retire-${c.id}-${Date.now()}`, title: retired ? 'Credential retired' : 'Credential back in use', description: c.label, type: 'success', isAutoDismiss: true });
      onChanged();
    } catch (e) {
      setError(toError(e).message);
    }
  };
  const remove = async (c: CredentialView) => {
    setBusy(true);
    setError(null);
    try {
      await deleteCredential(d.accountId, d.credentialsVersion, c.id);
      void showFlag({ id: `delete-${c.id}-${Date.now()}`, title: 'Credential deleted', description: `${c.label} (its history is kept)`, type: 'success', isAutoDismiss: true });
      setDeleting(null);
      onChanged();
    } catch (e) {
      setError(toError(e).message);
      setDeleting(null);
    } finally {
      setBusy(false);
    }
  };

  const rows = [...d.credentials]
    .sort((a, b) => Number(Boolean(a.retiredAt)) - Number(Boolean(b.retiredAt)) || (a.expiresAt ?? '9999').localeCompare(b.expiresAt ?? '9999'))
    .map((c) => ({
      key: c.id,
      testId: 'credential-row',
      cells: [
        {
          key: c.label,
          content: (
            <Stack space="space.025">
              <Text weight="bold">{c.label}</Text>
              {c.scopes.length ? (
                <Text size="small" color="color.text.subtle">
                  {c.scopes.join(' ')}
                </Text>
              ) : null}
            </Stack>
          ),
        },
        { key: c.kind, content: CREDENTIAL_KIND_LABELS[c.kind] },
        {
          key: c.expiresAt ?? '9999',
          content: (
            <Inline space="space.100" alignBlock="center" shouldWrap>
              <span>{formatDate(c.expiresAt)}</span>
              <span>{c.retiredAt ? <Lozenge>Retired {formatDate(c.retiredAt)}</Lozenge> : <ExpiryLozenge tier={c.tier} days={c.daysToExpiry} />}</span>
            </Inline>
          ),
        },
        { key: c.lastUsedAt ?? '', content: formatDate(c.lastUsedAt, 'unknown') },
        { key: c.ownerAccountId ?? '', content: c.ownerAccountId ? name(c.ownerAccountId) : 'The identity’s owner' },
        { key: c.source, content: SOURCE_LABELS[c.source] },
        {
          key: 'actions',
          content: (
            <Inline space="space.050" shouldWrap>
              <Button appearance="subtle" onClick={() => setEditing(c)} testId="credential-edit" aria-label={`Edit ${c.label}`}>
                Edit
              </Button>
              <Button appearance="subtle" onClick={() => void retire(c, !c.retiredAt)} testId="credential-retire" aria-label={`${c.retiredAt ? 'Put back in use' : 'Retire'} ${c.label}`}>
                {c.retiredAt ? 'Put back in use' : 'Retire'}
              </Button>
              <Button appearance="subtle" onClick={() => setDeleting(c)} testId="credential-delete" aria-label={`Delete ${c.label}`}>
                Delete
              </Button>
            </Inline>
          ),
        },
      ],
    }));

  return (
    <Stack space="space.200" testId="credentials-section">
      <Inline space="space.100" alignBlock="center" spread="space-between">
        <Text color="color.text.subtle">Retire a credential that is no longer used: it stays on record and leaves expiry warnings and reminders.</Text>
        <Button appearance="primary" onClick={() => setEditing('new')} testId="credential-add">
          Add a credential
        </Button>
      </Inline>
      {error ? (
        <InlineError title="Not saved" message={error} testId="credentials-error" />
      ) : null}
      {d.credentials.length === 0 ? (
        <Text as="p" color="color.text.subtle" testId="empty-credentials">
          No credential recorded. Add one here, import many as CSV on the Credentials page, or let Atlassian Administration sync find this identity&apos;s API tokens (Settings).
        </Text>
      ) : (
        <DynamicTable
          label="Credentials"
          head={{
            cells: [
              { key: 'label', content: 'Label', isSortable: true },
              { key: 'kind', content: 'Kind', isSortable: true },
              { key: 'expires', content: 'Expires', isSortable: true },
              { key: 'used', content: 'Last used', isSortable: true },
              { key: 'owner', content: 'Answers for it' },
              { key: 'source', content: 'Recorded by' },
              { key: 'actions', content: 'Actions' },
            ],
          }}
          rows={rows}
          rowsPerPage={20}
          testId="credentials-table"
        />
      )}
      {editing ? (
        <CredentialEditor
          accountId={d.accountId}
          baseVersion={d.credentialsVersion}
          credential={editing === 'new' ? null : editing}
          people={d.people}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            onChanged();
          }}
        />
      ) : null}
      {deleting ? (
        <ModalTransition>
          <ModalDialog onClose={() => setDeleting(null)} width="small" testId="credential-delete-confirm" label="Delete this credential?">
            <ModalHeader>
              <ModalTitle appearance="danger">Delete “{deleting.label}”?</ModalTitle>
            </ModalHeader>
            <ModalBody>
              <Text as="p">It leaves the registry; its history stays. To keep it on record but stop warnings, retire it instead.</Text>
            </ModalBody>
            <ModalFooter>
              <Button onClick={() => setDeleting(null)}>Cancel</Button>
              <Button appearance="danger" onClick={() => void remove(deleting)} isLoading={busy} testId="credential-delete-yes">
                Delete
              </Button>
            </ModalFooter>
          </ModalDialog>
        </ModalTransition>
      ) : null}
    </Stack>
  );
}
