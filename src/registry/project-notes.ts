import { kvs } from '../storage/kvs';
import { readAllWithPrefix } from '../storage/prefix';
import type { ProjectNote } from '../contract';

/**
 * Project notes: what a project's admins say about an integration's use there ("feeds our release
 * report"). One key per (integration, project). '#' appears in neither account ids nor project keys,
 * so `project-note:{accountId}#` is a prefix that matches exactly one integration's notes.
 */
interface StoredNote extends ProjectNote {
  accountId: string;
  updatedByAccountId: string;
}

const notePrefix = (accountId: string) => `project-note:${accountId}#`;
const noteKey = (accountId: string, projectKey: string) => `${notePrefix(accountId)}${projectKey}`;

const toNote = ({ projectKey, note, updatedBy, updatedAt }: StoredNote): ProjectNote => ({ projectKey, note, updatedBy, updatedAt });

export async function readProjectNote(accountId: string, projectKey: string): Promise<ProjectNote | null> {
  const stored = (await kvs.get(noteKey(accountId, projectKey))) as StoredNote | undefined;
  return stored ? toNote(stored) : null;
}

/** Every project's note about one integration (for admins, on identity/get), by project key. */
export async function readProjectNotes(accountId: string): Promise<ProjectNote[]> {
  const notes: ProjectNote[] = [];
  for (const { value } of await readAllWithPrefix(notePrefix(accountId))) {
    const stored = value as StoredNote;
    if (stored.accountId === accountId) notes.push(toNote(stored));
  }
  return notes.sort((a, b) => a.projectKey.localeCompare(b.projectKey));
}

/** Writes the note (last write wins: one short note per project), or deletes it when empty. */
export async function writeProjectNote(args: { accountId: string; projectKey: string; note: string; by: { accountId: string; displayName: string }; now?: Date }): Promise<ProjectNote | null> {
  const key = noteKey(args.accountId, args.projectKey);
  if (args.note.trim() === '') {
    await kvs.delete(key);
    return null;
  }
  const stored: StoredNote = {
    accountId: args.accountId,
    projectKey: args.projectKey,
    note: args.note,
    updatedBy: args.by.displayName,
    updatedByAccountId: args.by.accountId,
    updatedAt: (args.now ?? new Date()).toISOString(),
  };
  await kvs.set(key, stored);
  return toNote(stored);
}
