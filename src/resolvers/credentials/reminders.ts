import { z } from 'zod';
import type { ReminderSettings } from '../../contract';
import { INTERACTIVE, JiraClient } from '../../jira/client';
import { getProjectIssueTypes } from '../../jira/project-issue-types';
import { invalidInput } from '../../registry/errors';
import { readReminderSettings, writeReminderSettings } from '../../registry/reminder-settings';
import { defineResolver } from '../define';

const PROJECT_KEY = z.string().regex(/^[A-Z][A-Z0-9_]{0,254}$/, 'must be a Jira project key');

/** reminders/get: the project that receives expiry reminders (null: reminders off). Policy: jira-admin. */
export const getReminders = defineResolver({
  key: 'reminders/get',
  policy: 'jira-admin',
  input: z.object({}).strict(),
  run: () => readReminderSettings(),
});

/**
 * reminders/save: turn reminders on by choosing a project (and optionally an issue type), or off
 * with projectKey null. The project must exist for the app, which creates the issues. Policy: jira-admin.
 */
export const saveReminders = defineResolver({
  key: 'reminders/save',
  policy: 'jira-admin',
  input: z.object({ projectKey: PROJECT_KEY.nullable(), issueTypeId: z.string().regex(/^\d{1,18}$/, 'must be an issue type id').nullable() }).strict(),
  async run({ payload }): Promise<ReminderSettings> {
    if (payload.projectKey === null) {
      await writeReminderSettings({ projectKey: null, issueTypeId: null });
      return { projectKey: null, issueTypeId: null };
    }
    const project = await getProjectIssueTypes(new JiraClient(INTERACTIVE), payload.projectKey);
    if (!project) throw invalidInput('projectKey', 'no such project, or the app cannot see it');
    const types = project.issueTypes.filter((t) => !t.subtask);
    if (payload.issueTypeId && types.length > 0 && !types.some((t) => t.id === payload.issueTypeId)) throw invalidInput('issueTypeId', `is not a standard issue type of ${project.key}`);
    const issueTypeId = payload.issueTypeId ?? types[0]?.id ?? null;
    if (!issueTypeId) throw invalidInput('issueTypeId', `choose the issue type for reminders; Jira did not list the types of ${project.key}`);
    const settings = { projectKey: project.key, issueTypeId };
    await writeReminderSettings(settings);
    return settings;
  },
});
