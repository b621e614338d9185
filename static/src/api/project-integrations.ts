import type { ProjectIntegrations, ProjectNote } from '../../../src/contract';
import { invoke, unwrap } from './invoke';

/** project/integrations: the integrations touching the project this page is in (the back end reads it from the context). */
export async function getProjectIntegrations(): Promise<ProjectIntegrations> {
  return unwrap(await invoke('project/integrations', {}));
}

/** project/note-save: this project's note about one integration; an empty note deletes it. */
export async function saveProjectNote(accountId: string, note: string): Promise<ProjectNote | null> {
  return unwrap(await invoke('project/note-save', { accountId, note })).note;
}
