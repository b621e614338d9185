import Button from '@atlaskit/button/new';
import ModalDialog, { ModalBody, ModalFooter, ModalHeader, ModalTitle, ModalTransition } from '@atlaskit/modal-dialog';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import { token } from '@atlaskit/tokens';
import { showFlag } from '@forge/bridge';
import { useState } from 'react';
import type { BulkOwnershipChange, BulkOwnershipResult, UserOption } from '../../../../src/contract';
import { bulkSaveOwnership } from '../../api/registry';
import { TextFilter } from '../../components/controls';
import { toError } from '../../hooks/use-scan-status';
import { UserPicker } from './UserPicker';
import { InlineError } from '../../components/InlineError';

/** An identity chosen in the table: its name (for the confirmation and errors) and the version the admin saw. */
export interface Chosen {
  accountId: string;
  displayName: string;
  version: number;
}

const MAX_AT_ONCE = 100;

/** What the change does, in words ("owner to Ana, team to Payments"). */
export function describeChange(change: BulkOwnershipChange, names: { owner: string | null; backup: string | null }): string {
  const parts: string[] = [];
  if (change.ownerAccountId !== undefined) parts.push(`owner to ${names.owner ?? 'nobody'}`);
  if (change.backupAccountId !== undefined) parts.push(`backup to ${names.backup ?? 'nobody'}`);
  if (change.team !== undefined) parts.push(change.team ? `team to “${change.team}”` : 'team to none');
  return parts.join(', ');
}

/**
 * The bar above the identities table while some are selected: how many, "Change ownership…" and
 * "Clear selection". The change opens a dialog (owner, backup, team: each only if given), asks for
 * confirmation, saves each identity against the version the admin saw, and lists the ones it could
 * not save with the reason; those stay selected.
 */
export function BulkOwnershipBar({ chosen, onClear, onDone }: { chosen: readonly Chosen[]; onClear: () => void; onDone: (failed: readonly BulkOwnershipResult[]) => void }) {
  const [open, setOpen] = useState(false);
  if (chosen.length === 0) return null;
  return (
    <div role="region" aria-label="Selected identities" data-testid="bulk-bar" style={{ padding: token('space.100'), border: `1px solid ${token('color.border.selected')}`, borderRadius: 6, background: token('color.background.selected') }}>
      <Inline space="space.150" alignBlock="center" shouldWrap>
        <Text weight="bold" testId="bulk-count">
          {chosen.length} {chosen.length === 1 ? 'identity' : 'identities'} selected
        </Text>
        <Button onClick={() => setOpen(true)} testId="bulk-open" isDisabled={chosen.length > MAX_AT_ONCE}>
          Change ownership…
        </Button>
        <Button appearance="subtle" onClick={onClear} testId="bulk-clear">
          Clear selection
        </Button>
        {chosen.length > MAX_AT_ONCE ? <Text color="color.text.danger">Choose at most {MAX_AT_ONCE} at a time.</Text> : null}
      </Inline>
      {open ? (
        <BulkOwnershipDialog
          chosen={chosen}
          onClose={() => setOpen(false)}
          onDone={(failed) => {
            if (failed.length === 0) setOpen(false);
            onDone(failed);
          }}
        />
      ) : null}
    </div>
  );
}

function BulkOwnershipDialog({ chosen, onClose, onDone }: { chosen: readonly Chosen[]; onClose: () => void; onDone: (failed: readonly BulkOwnershipResult[]) => void }) {
  const [owner, setOwner] = useState<UserOption | null>(null);
  const [backup, setBackup] = useState<UserOption | null>(null);
  const [team, setTeam] = useState('');
  const [setTeamToo, setSetTeamToo] = useState(false);
  const [step, setStep] = useState<'edit' | 'confirm'>('edit');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [failures, setFailures] = useState<Array<BulkOwnershipResult & { displayName: string }>>([]);

  const change: BulkOwnershipChange = {
    ...(owner ? { ownerAccountId: owner.accountId } : {}),
    ...(backup ? { backupAccountId: backup.accountId } : {}),
    ...(setTeamToo ? { team: team.trim() } : {}),
  };
  const empty = Object.keys(change).length === 0;
  const same = owner !== null && backup !== null && owner.accountId === backup.accountId;
  const summary = describeChange(change, { owner: owner?.displayName ?? null, backup: backup?.displayName ?? null });

  const apply = async () => {
    setBusy(true);
    setError(null);
    try {
      const results = await bulkSaveOwnership(
        chosen.map((c) => ({ accountId: c.accountId, baseVersion: c.version })),
        change,
      );
      const names = new Map(chosen.map((c) => [c.accountId, c.displayName]));
      const failed = results.filter((r) => !r.ok).map((r) => ({ ...r, displayName: names.get(r.accountId) ?? r.accountId }));
      const saved = results.length - failed.length;
      if (saved > 0) void showFlag({ id: `bulk-${Date.now()}`, title: `Saved ${saved} of ${results.length}`, description: `Set ${summary}.`, type: 'success', isAutoDismiss: true });
      setFailures(failed);
      setStep('edit');
      onDone(failed);
    } catch (e) {
      setError(toError(e).message);
      setStep('edit');
    } finally {
      setBusy(false);
    }
  };

  const title = `Change the ownership of ${chosen.length} ${chosen.length === 1 ? 'identity' : 'identities'}`;
  return (
    <ModalTransition>
      <ModalDialog onClose={onClose} width="medium" testId="bulk-dialog" label={title}>
        <ModalHeader>
          <ModalTitle>{title}</ModalTitle>
        </ModalHeader>
        <ModalBody>
          <Stack space="space.200">
            {failures.length > 0 ? (
              <SectionMessage appearance="warning" title={`${failures.length} not saved`} testId="bulk-failures">
                <Stack space="space.050">
                  <Text as="p">These stay selected; the others were saved.</Text>
                  <ul style={{ margin: 0, paddingLeft: 20 }}>
                    {failures.map((f) => (
                      <li key={f.accountId} data-testid="bulk-failure">
                        <Text weight="bold">{f.displayName}</Text>: {f.message ?? 'not saved'}
                      </li>
                    ))}
                  </ul>
                </Stack>
              </SectionMessage>
            ) : null}
            {error ? (
              <InlineError title="Nothing was saved" message={error} testId="bulk-error" />
            ) : null}
            {step === 'edit' ? (
              <Stack space="space.150">
                <Text as="p" color="color.text.subtle">
                  Fill in only what should change; empty fields leave each identity as it is.
                </Text>
                <UserPicker label="New owner" value={owner} onChange={setOwner} testId="bulk-owner" />
                <UserPicker label="New backup" value={backup} onChange={setBackup} testId="bulk-backup" error={same ? 'Choose someone other than the owner' : null} />
                <label style={{ display: 'flex', gap: 8, alignItems: 'center', color: token('color.text') }}>
                  <input type="checkbox" checked={setTeamToo} onChange={(e) => setSetTeamToo(e.target.checked)} data-testid="bulk-team-on" />
                  Set the team too
                </label>
                {setTeamToo ? <TextFilter label="Team (empty removes it)" value={team} onChange={setTeam} testId="bulk-team" /> : null}
              </Stack>
            ) : (
              <Stack space="space.100" testId="bulk-confirm">
                <Text as="p">
                  Set {summary} on these {chosen.length} {chosen.length === 1 ? 'identity' : 'identities'}?
                </Text>
                <ul style={{ margin: 0, paddingLeft: 20, maxHeight: 200, overflowY: 'auto' }}>
                  {chosen.map((c) => (
                    <li key={c.accountId}>{c.displayName}</li>
                  ))}
                </ul>
                <Text as="p" color="color.text.subtle">
                  Each one is saved on its own: one that someone changed since you loaded the list is left as it is and listed.
                </Text>
              </Stack>
            )}
          </Stack>
        </ModalBody>
        <ModalFooter>
          {step === 'edit' ? (
            <>
              <Button appearance="subtle" onClick={onClose} testId="bulk-cancel">
                {failures.length > 0 ? 'Close' : 'Cancel'}
              </Button>
              <Button appearance="primary" onClick={() => setStep('confirm')} isDisabled={empty || same} testId="bulk-review">
                Review
              </Button>
            </>
          ) : (
            <>
              <Button appearance="subtle" onClick={() => setStep('edit')} isDisabled={busy} testId="bulk-back">
                Back
              </Button>
              <Button appearance="primary" onClick={() => void apply()} isLoading={busy} testId="bulk-apply">
                Apply to {chosen.length}
              </Button>
            </>
          )}
        </ModalFooter>
      </ModalDialog>
    </ModalTransition>
  );
}
