import { z } from 'zod';
import type { ReminderSettings } from '../../contract';
import { INTERACTIVE, JiraClient } from '../../jira/client';
import { groupExists } from '../../jira/groups';
import { invalidInput } from '../../registry/errors';
import { readReminderSends } from '../../registry/reminder-state';
import { readReminderSettings, writeReminderSettings } from '../../registry/reminder-settings';
import { checkWorkItemTarget } from '../../registry/work-item-target';
import { defineResolver } from '../define';

const PROJECT_KEY = z.string().regex(/^[A-Z][A-Z0-9_]{0,254}$/, 'must be a Jira project key');

/** reminders/get: where and when reminders go (projectKey null: reminders off). Policy: jira-admin. */
export const getReminders = defineResolver({
  key: 'reminders/get',
  policy: 'jira-admin',
  input: z.object({}).strict(),
  run: () => readReminderSettings(),
});

/** reminders/sends: the latest reminders sent, newest first. Policy: jira-admin. */
export const listReminderSends = defineResolver({
  key: 'reminders/sends',
  policy: 'jira-admin',
  input: z.object({}).strict(),
  run: () => readReminderSends(200),
});

const Input = z
  .object({
    projectKey: PROJECT_KEY.nullable(),
    issueTypeId: z.string().regex(/^\d{1,18}$/, 'must be an issue type id').nullable(),
    thresholds: z
      .array(z.number().int().min(0).max(365))
      .min(1, 'give at least one threshold')
      .max(5, 'give at most 5 thresholds')
      .refine((t) => new Set(t).size === t.length, 'must be distinct')
      .optional(),
    recipients: z.object({ owner: z.boolean(), backup: z.boolean(), adminGroup: z.string().trim().min(1).max(255).nullable() }).strict().optional(),
    staleDays: z.number().int().min(7).max(3650).optional(),
  })
  .strict();

/**
 * reminders/save: turn reminders on by choosing a project (and optionally an issue type, checked
 * against the project's types), or off with projectKey null; thresholds, recipients and the stale
 * window keep their stored values when omitted. Policy: jira-admin.
 */
export const saveReminders = defineResolver({
  key: 'reminders/save',
  policy: 'jira-admin',
  input: Input,
  async run({ payload }): Promise<ReminderSettings> {
    const current = await readReminderSettings();
    const client = new JiraClient(INTERACTIVE);
    const recipients = payload.recipients ?? current.recipients;
    if (recipients.adminGroup && recipients.adminGroup !== current.recipients.adminGroup && !(await groupExists(client, recipients.adminGroup))) {
      throw invalidInput('recipients.adminGroup', `no Jira group named "${recipients.adminGroup}"`);
    }
    const base = { thresholds: [...(payload.thresholds ?? current.thresholds)].sort((a, b) => b - a), recipients, staleDays: payload.staleDays ?? current.staleDays };
    if (payload.projectKey === null) {
      const off = { ...base, projectKey: null, issueTypeId: null };
      await writeReminderSettings(off);
      return off;
    }
    const target = await checkWorkItemTarget(client, payload.projectKey, payload.issueTypeId);
    const settings = { ...base, projectKey: target.projectKey, issueTypeId: target.issueTypeId };
    await writeReminderSettings(settings);
    return settings;
  },
});
