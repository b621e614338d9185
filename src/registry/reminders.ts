import type { Credential, Ownership } from '../contract';
import { BACKGROUND, JiraClient } from '../jira/client';
import { JiraError, QuotaExhaustedError } from '../jira/errors';
import { createIssue } from '../jira/issue-create';
import { updateIssue } from '../jira/issue-edit';
import { notifyUsers } from '../jira/issue-notify';
import { getUserStatus } from '../jira/user-get';
import { expiryTier } from '../rules/expiry';
import { dueReminder, thresholdsCoveredBy, type ReminderThreshold } from '../rules/reminder-thresholds';
import { readAllCredentials } from './credential-store';
import { readOwnership } from './ownership-store';
import { reminderText } from './reminder-message';
import { readReminderSettings } from './reminder-settings';
import { claimReminder, readReminderState, releaseReminder, writeReminderState } from './reminder-state';

export interface SweepReport {
  enabled: boolean;
  checked: number;
  sent: Array<{ credentialId: string; threshold: ReminderThreshold; issueKey: string }>;
  errors: string[];
}

/**
 * The daily reminder sweep (call it from the daily scheduled trigger). For each credential crossing
 * 30, 7 or 1 days before expiry it creates or updates one Jira issue in the chosen project, assigned
 * to the owner, and notifies owner and backup, once per threshold. Off until an admin picks a project.
 */
export async function runReminderSweep(now = new Date(), client = new JiraClient(BACKGROUND)): Promise<SweepReport> {
  const settings = await readReminderSettings();
  const report: SweepReport = { enabled: settings.projectKey !== null, checked: 0, sent: [], errors: [] };
  if (!settings.projectKey || !settings.issueTypeId) return report;
  const target = { projectKey: settings.projectKey, issueTypeId: settings.issueTypeId };

  for (const group of await readAllCredentials()) {
    let ownership: Ownership | null | undefined;
    for (const credential of group.credentials) {
      report.checked++;
      const { daysToExpiry } = expiryTier(credential.expiresAt, now);
      if (daysToExpiry === null || !credential.expiresAt) continue;
      const state = await readReminderState(credential.id);
      const sent = state?.expiresAt === credential.expiresAt ? state.sent : []; // a renewal starts over
      const due = dueReminder(daysToExpiry, sent);
      if (due === null) continue;
      if (!(await claimReminder(credential.id, credential.expiresAt, due))) continue;
      try {
        ownership ??= (await readOwnership(group.accountId)).ownership;
        const issueKey = await remind(client, target, { accountId: group.accountId, credential, ownership, daysToExpiry, issueKey: state?.issueKey ?? null });
        await writeReminderState(credential.id, { issueKey, expiresAt: credential.expiresAt, sent: [...new Set([...sent, ...thresholdsCoveredBy(due)])] });
        report.sent.push({ credentialId: credential.id, threshold: due, issueKey });
      } catch (e) {
        await releaseReminder(credential.id, credential.expiresAt, due);
        report.errors.push(`credential ${credential.id}: ${e instanceof Error ? e.message : String(e)}`);
        if (e instanceof QuotaExhaustedError) return report; // Jira asks us to stop; tomorrow's sweep carries on
      }
    }
  }
  return report;
}

interface ReminderTarget {
  projectKey: string;
  issueTypeId: string;
}

async function remind(
  client: JiraClient,
  target: ReminderTarget,
  args: { accountId: string; credential: Credential; ownership: Ownership | null; daysToExpiry: number; issueKey: string | null },
): Promise<string> {
  const ownerId = args.credential.ownerAccountId ?? args.ownership?.ownerAccountId ?? null;
  const backupId = args.ownership?.backupAccountId ?? null;
  const identity = await getUserStatus(client, args.accountId).catch(() => null);
  const text = reminderText({ credential: args.credential, identityName: identity?.displayName || args.accountId, daysToExpiry: args.daysToExpiry, ownerId, backupId });
  const issueKey = await upsertIssue(client, target, args.issueKey, { summary: text.summary, description: text.description, assigneeAccountId: ownerId });
  const recipients = [...new Set([ownerId, backupId].filter((id): id is string => id !== null))];
  if (recipients.length > 0) await notifyUsers(client, issueKey, { subject: text.subject, textBody: text.description, accountIds: recipients });
  return issueKey;
}

/** Updates the credential's reminder issue, or creates it (again, if it was deleted). */
async function upsertIssue(client: JiraClient, target: ReminderTarget, issueKey: string | null, fields: { summary: string; description: string; assigneeAccountId: string | null }): Promise<string> {
  if (issueKey) {
    try {
      await updateIssue(client, issueKey, fields);
      return issueKey;
    } catch (e) {
      if (!(e instanceof JiraError && e.status === 404)) throw e;
    }
  }
  const issue = { projectKey: target.projectKey, issueTypeId: target.issueTypeId, summary: fields.summary, description: fields.description, labels: ['integration-registry'] };
  try {
    return (await createIssue(client, { ...issue, assigneeAccountId: fields.assigneeAccountId })).key;
  } catch (e) {
    // Jira refuses an assignee who cannot be assigned in that project (400, nothing created): create it unassigned.
    if (e instanceof JiraError && e.status === 400 && fields.assigneeAccountId) return (await createIssue(client, { ...issue, assigneeAccountId: null })).key;
    throw e;
  }
}
