import Button from '@atlaskit/button/new';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import { token } from '@atlaskit/tokens';
import { useState } from 'react';
import { PROJECT_NOTE_MAX, type ProjectNote } from '../../../../src/contract';
import { saveProjectNote } from '../../api/project-integrations';
import { ResolverCallError } from '../../api/invoke';
import { formatDateTime } from '../../format/dates';

/**
 * This project's note about one integration. The note is shown as plain text (React escapes it; no
 * HTML is ever interpreted), and edited in a plain textarea.
 */
export function NoteEditor({ accountId, integrationName, note, onSaved }: { accountId: string; integrationName: string; note: ProjectNote | null; onSaved: (note: ProjectNote | null) => void }) {
  const [draft, setDraft] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function save(text: string) {
    setSaving(true);
    setError(null);
    try {
      onSaved(await saveProjectNote(accountId, text));
      setDraft(null);
    } catch (e) {
      setError(e instanceof ResolverCallError ? e.message : 'The note could not be saved. Try again.');
    } finally {
      setSaving(false);
    }
  }

  if (draft === null) {
    return (
      <Stack space="space.050">
        {note ? (
          <>
            <Text as="p" testId="project-note">
              <span style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{note.note}</span>
            </Text>
            <Text as="p" size="small" color="color.text.subtlest">
              {note.updatedBy}, {formatDateTime(note.updatedAt)}
            </Text>
          </>
        ) : null}
        <Inline>
          <Button appearance="subtle" spacing="compact" onClick={() => setDraft(note?.note ?? '')} testId="edit-note">
            {note ? 'Edit note' : 'Add note'}
          </Button>
        </Inline>
      </Stack>
    );
  }
  return (
    <Stack space="space.075">
      <textarea
        aria-label={`Note about ${integrationName} in this project`}
        data-testid="note-input"
        value={draft}
        maxLength={PROJECT_NOTE_MAX}
        rows={3}
        placeholder="How this project uses it, e.g. feeds our release report"
        onChange={(e) => setDraft(e.target.value)}
        style={{ width: '100%', minWidth: 200, font: token('font.body'), color: token('color.text'), background: token('color.background.input'), border: `1px solid ${token('color.border.input')}`, borderRadius: token('radius.small'), padding: token('space.075') }}
      />
      {error ? (
        <Text as="p" color="color.text.danger" testId="note-error">
          {error}
        </Text>
      ) : null}
      <Inline space="space.100">
        <Button appearance="primary" spacing="compact" isLoading={saving} onClick={() => void save(draft)} testId="save-note">
          Save
        </Button>
        <Button appearance="subtle" spacing="compact" isDisabled={saving} onClick={() => setDraft(null)}>
          Cancel
        </Button>
      </Inline>
    </Stack>
  );
}
