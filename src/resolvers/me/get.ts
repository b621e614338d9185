import { z } from 'zod';
import type { Me, ProjectRef } from '../../contract';
import { isJiraAdministrator, projectPageAccess } from '../../access/jira-roles';
import { getMyself } from '../../jira/myself';
import { searchAdministeredProjects } from '../../jira/projects';
import { defineResolver } from '../define';
import { AppFailure } from '../../errors';

/**
 * me/get: who is calling and which pages they may open.
 * Policy: signed-in. It only describes the caller, from Jira permission checks made as the caller.
 */
export const getMe = defineResolver({
  key: 'me/get',
  policy: 'signed-in',
  input: z.object({}).strict(),
  async run({ caller }): Promise<Me> {
    const [myself, isJiraAdmin] = await Promise.all([getMyself(), isJiraAdministrator()]);
    if (myself.accountId !== caller.accountId) {
      throw new AppFailure('FORBIDDEN', 'Jira says you are signed in as someone else. Reload the page.');
    }
    const administered: ProjectRef[] = isJiraAdmin ? [] : (await searchAdministeredProjects()).map(({ key, name }) => ({ key, name }));
    const me: Me = {
      accountId: caller.accountId,
      displayName: myself.displayName,
      isJiraAdmin,
      canOpenAdminPage: isJiraAdmin,
      projectPages: isJiraAdmin ? 'all' : administered,
      module: caller.moduleKey,
    };
    if (caller.moduleKey === 'project-page' && caller.projectKey) {
      const access = await projectPageAccess(caller.accountId, caller.projectKey, isJiraAdmin);
      const ref = access.project ? { key: access.project.key, name: access.project.name } : { key: caller.projectKey, name: caller.projectKey };
      me.project = { ...ref, canOpen: access.canOpen };
      // A lead who does not administer the project still may open its page.
      if (access.canOpen && me.projectPages !== 'all' && !me.projectPages.some((p) => p.key === ref.key)) me.projectPages.push(ref);
    }
    return me;
  },
});
