import { z } from 'zod';
import { readSettings, saveSettings, SETTINGS_LIMITS } from '../../storage/scan-settings';
import { defineResolver } from '../define';

/** settings/get: the scan window and the hourly points budget. Policy: jira-admin. */
export const getSettings = defineResolver({
  key: 'settings/get',
  policy: 'jira-admin',
  input: z.object({}).strict(),
  run: () => readSettings(),
});

/** settings/save: changes either setting; the next scan uses them. Policy: jira-admin. */
export const saveSettingsResolver = defineResolver({
  key: 'settings/save',
  policy: 'jira-admin',
  input: z
    .object({
      windowDays: z.number().int().min(SETTINGS_LIMITS.windowDays.min).max(SETTINGS_LIMITS.windowDays.max).optional(),
      pointsBudgetPerHour: z.number().int().min(SETTINGS_LIMITS.pointsBudgetPerHour.min).max(SETTINGS_LIMITS.pointsBudgetPerHour.max).optional(),
    })
    .strict(),
  async run({ payload }) {
    const next = { ...(await readSettings()), ...payload };
    await saveSettings(next);
    return next;
  },
});
