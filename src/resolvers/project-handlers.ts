import type { Handlers } from '@forge/resolver';
import type { ProjectDefs } from '../contract';
import { projectIntegrations } from './project/integrations';
import { saveProjectNote } from './project/note-save';

/** The project page's resolvers (issue 6). All project-reader: the project in context only. */
export const projectHandlers: Handlers<ProjectDefs> = {
  'project/integrations': projectIntegrations,
  'project/note-save': saveProjectNote,
};
