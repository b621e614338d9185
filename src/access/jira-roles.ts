import { getMyPermissions } from '../jira/permissions';
import { getProject, type ProjectSummary } from '../jira/projects';

/** Whether the calling user is a Jira administrator (global Administer), asked as that user. */
export async function isJiraAdministrator(): Promise<boolean> {
  const held = await getMyPermissions(['ADMINISTER']);
  return held.ADMINISTER;
}

export interface ProjectPageAccess {
  /** null when the project does not exist or the caller cannot browse it. */
  project: ProjectSummary | null;
  canOpen: boolean;
}

/**
 * The project page rule (DESIGN.md, "Access rules"): Jira administrators, the project's lead and its
 * administrators may open it. Everything is asked as the calling user, so a project they cannot
 * browse looks missing and is refused.
 */
export async function projectPageAccess(accountId: string, projectKey: string, isJiraAdmin: boolean): Promise<ProjectPageAccess> {
  const project = await getProject('user', projectKey);
  if (!project) return { project: null, canOpen: false };
  if (isJiraAdmin || project.lead?.accountId === accountId) return { project, canOpen: true };
  const held = await getMyPermissions(['ADMINISTER_PROJECTS'], project.key);
  return { project, canOpen: held.ADMINISTER_PROJECTS };
}
