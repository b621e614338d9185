import { z } from 'zod';
import type { ProjectIssueTypes } from '../../contract';
import { AppFailure } from '../../errors';
import { INTERACTIVE, JiraClient } from '../../jira/client';
import { getProjectIssueTypes } from '../../jira/project-issue-types';
import { defineResolver } from '../define';

/** projects/issue-types: a project's issue types, for the reminders settings' issue type choice. Policy: jira-admin. */
export const projectIssueTypes = defineResolver({
  key: 'projects/issue-types',
  policy: 'jira-admin',
  input: z.object({ projectKey: z.string().regex(/^[A-Z][A-Z0-9_]{0,254}$/, 'must be a Jira project key, like OPS') }).strict(),
  async run({ payload }): Promise<ProjectIssueTypes> {
    const project = await getProjectIssueTypes(new JiraClient(INTERACTIVE), payload.projectKey);
    if (!project) throw new AppFailure('NOT_FOUND', `No project ${payload.projectKey} is visible to the app. Check the key.`);
    return { project: { key: project.key, name: project.name }, issueTypes: project.issueTypes.map((t) => ({ id: t.id, name: t.name, subtask: t.subtask })) };
  },
});
