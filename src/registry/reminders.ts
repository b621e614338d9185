import type { Credential, Ownership, ReminderSettings } from '../contract';
import { AppFailure } from '../errors';
import { BACKGROUND, JiraClient } from '../jira/client';
import { JiraError, QuotaExhaustedError } from '../jira/errors';
import { updateIssue } from '../jira/issue-edit';
import { notifyUsers } from '../jira/issue-notify';
import { getUserStatus } from '../jira/user-get';
import { expiryTier } from '../rules/expiry';
import { dueReminder, thresholdsCoveredBy, type ReminderThreshold } from '../rules/reminder-thresholds';
import { readAllCredentials } from './credential-store';
import { readOwnership } from './ownership-store';
import { reminderText } from './reminder-message';
import { readReminderSettings } from './reminder-settings';
import { claimReminder, logReminderSend, readReminderState, releaseReminder, writeReminderState } from './reminder-state';
import { checkWorkItemTarget, type WorkItemTarget } from './work-item-target';
import { adoptWorkItem, ensureWorkItem, forgetWorkItem } from './work-items';

export interface SweepReport {
  enabled: boolean;
  checked: number;
  sent: Array<{ credentialId: string; threshold: ReminderThreshold; issueKey: string }>;
  errors: string[];
}

/**
 * The daily reminder sweep (call it from the daily scheduled trigger). For each credential crossing
 * one of the configured thresholds (default 30, 7 and 1 days before expiry) it keeps one Jira work
 * item in the chosen project, assigned to the owner, and notifies the configured recipients, once
 * per threshold. Off until an admin picks a project. Settings that Jira refuses (a project or issue
 * type that is gone) stop the sweep with that message and create nothing.
 */
export async function runReminderSweep(now = new Date(), client = new JiraClient(BACKGROUND)): Promise<SweepReport> {
  const settings = await readReminderSettings();
  const report: SweepReport = { enabled: settings.projectKey !== null, checked: 0, sent: [], errors: [] };
  if (!settings.projectKey) return report;
  let target: WorkItemTarget | undefined;

  for (const group of await readAllCredentials()) {
    let ownership: Ownership | null | undefined;
    for (const credential of group.credentials) {
      report.checked++;
      if (credential.retiredAt) continue; // retired: nobody needs reminding
      const { daysToExpiry } = expiryTier(credential.expiresAt, now);
      if (daysToExpiry === null || !credential.expiresAt) continue;
      const state = await readReminderState(credential.id);
      const sent = state?.expiresAt === credential.expiresAt ? state.sent : []; // a renewal starts over
      const due = dueReminder(daysToExpiry, sent, settings.thresholds);
      if (due === null) continue;
      if (!(await claimReminder(credential.id, credential.expiresAt, due))) continue;
      try {
        target ??= await checkWorkItemTarget(client, settings.projectKey, settings.issueTypeId);
        ownership ??= (await readOwnership(group.accountId)).ownership;
        if (state?.issueKey) await adoptWorkItem(workItemKey(credential), state.issueKey, now);
        const { issueKey, recipients } = await remind(client, target, settings, { accountId: group.accountId, credential, ownership, daysToExpiry, now });
        await writeReminderState(credential.id, { expiresAt: credential.expiresAt, sent: [...new Set([...sent, ...thresholdsCoveredBy(due, settings.thresholds)])] });
        await logReminderSend({ credentialId: credential.id, accountId: group.accountId, label: credential.label, expiresAt: credential.expiresAt, threshold: due, issueKey, recipients, at: now.toISOString() });
        report.sent.push({ credentialId: credential.id, threshold: due, issueKey });
      } catch (e) {
        await releaseReminder(credential.id, credential.expiresAt, due);
        report.errors.push(`credential ${credential.id}: ${e instanceof Error ? e.message : String(e)}`);
        if (e instanceof QuotaExhaustedError) return report; // Jira asks us to stop; tomorrow's sweep carries on
        if (e instanceof AppFailure && e.code === 'INVALID_INPUT') return report; // the settings need an admin; nothing else can succeed
      }
    }
  }
  return report;
}

/** One work item per credential, kept across thresholds and renewals. */
const workItemKey = (credential: Credential) => `remind:${credential.id}`;

async function remind(
  client: JiraClient,
  target: WorkItemTarget,
  settings: ReminderSettings,
  args: { accountId: string; credential: Credential; ownership: Ownership | null; daysToExpiry: number; now: Date },
): Promise<{ issueKey: string; recipients: string[] }> {
  const ownerId = args.credential.ownerAccountId ?? args.ownership?.ownerAccountId ?? null;
  const backupId = args.ownership?.backupAccountId ?? null;
  const identity = await getUserStatus(client, args.accountId).catch(() => null);
  const text = reminderText({ credential: args.credential, identityName: identity?.displayName || args.accountId, daysToExpiry: args.daysToExpiry, ownerId, backupId });
  const content = { key: workItemKey(args.credential), summary: text.summary, description: text.description, assigneeAccountId: ownerId };

  let outcome = await ensureWorkItem(client, target, content, args.now);
  if (outcome.state === 'existing') {
    try {
      await updateIssue(client, outcome.issueKey, content);
    } catch (e) {
      if (!(e instanceof JiraError && e.status === 404)) throw e;
      await forgetWorkItem(content.key); // deleted in Jira: make a new one
      outcome = await ensureWorkItem(client, target, content, args.now);
    }
  }
  if (outcome.state === 'pending') throw new Error('another sweep is creating this reminder issue; the next sweep sends the reminder');

  const users = [...new Set([settings.recipients.owner ? ownerId : null, settings.recipients.backup ? backupId : null].filter((id): id is string => id !== null))];
  const group = settings.recipients.adminGroup;
  if (users.length > 0 || group) await notifyUsers(client, outcome.issueKey, { subject: text.subject, textBody: text.description, accountIds: users, groups: group ? [group] : [] });
  return { issueKey: outcome.issueKey, recipients: [...users, ...(group ? [`group:${group}`] : [])] };
}
