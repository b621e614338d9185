import type { EscalationStep } from '../contract';
import { AppFailure } from '../errors';
import type { JiraClient } from '../jira/client';
import { QuotaExhaustedError } from '../jira/errors';
import { notifyUsers } from '../jira/issue-notify';
import { globalPageUrl } from './app-links';
import { claimEscalation, recordEscalation, releaseEscalation, STEP_ORDER } from './campaign-escalations';
import { readAllCampaignHeaders, readAnswers, readOwnerTasks, type CampaignHeader, type StoredOwnerTask } from './campaign-store';
import { dueEnd, ownerWorkItemKey } from './campaigns';
import { checkWorkItemTarget, type WorkItemTarget } from './work-item-target';
import { ensureWorkItem, readWorkItem } from './work-items';

const DAY = 86_400_000;

export interface CampaignSweepReport {
  workItems: string[];
  escalations: Array<{ campaignId: string; ownerAccountId: string; step: EscalationStep; issueKey: string | null }>;
  errors: string[];
}

/** The owner's work item: what they own, and the link to answer on "My integrations". */
export function ownerWorkItemText(header: CampaignHeader, task: StoredOwnerTask): { summary: string; description: string } {
  const link = header.siteUrl ? globalPageUrl(header.siteUrl, `/attestations/${header.id}`) : '(open "My integrations" from the Apps menu)';
  const lines = [
    `${header.name}: please confirm, by ${header.dueDate}, that each integration you own is still needed, has a new owner, or can be retired.`,
    `Answer here: ${link}`,
    '',
    ...task.items.flatMap((i) => [
      `- ${i.displayName} (${i.kind})`,
      `  credentials: ${i.credentials.length === 0 ? 'none recorded' : i.credentials.map((c) => `${c.label}${c.expiresAt ? ` (expires ${c.expiresAt})` : ''}`).join(', ')}`,
      `  projects touched: ${i.projectsTouched.length === 0 ? 'none in the last scan' : i.projectsTouched.join(', ')}`,
      `  last activity: ${i.lastActivity ?? 'none seen'}`,
    ]),
  ];
  return { summary: `Confirm the integrations you own: ${header.name} (due ${header.dueDate})`, description: lines.join('\n') };
}

/**
 * Creates each owner's work item (once), and past the due date sends, once each and in order,
 * a reminder to the owner, an escalation to the backup, then one to the admins, on the days after
 * the due date that the campaign set. Runs from the daily trigger and right after a campaign starts.
 * `deadline` (ms) stops it early; what is left is picked up by the next run.
 */
export async function runCampaignSweep(client: JiraClient, options: { now: Date; adminGroup: string | null; deadline?: number; onlyCampaign?: string }): Promise<CampaignSweepReport> {
  const report: CampaignSweepReport = { workItems: [], escalations: [], errors: [] };
  const headers = (await readAllCampaignHeaders()).filter((h) => !options.onlyCampaign || h.id === options.onlyCampaign);
  for (const header of headers) {
    let target: WorkItemTarget;
    try {
      target = await checkWorkItemTarget(client, header.projectKey, header.issueTypeId);
    } catch (e) {
      report.errors.push(`campaign ${header.id}: ${message(e)}`);
      continue;
    }
    const answers = await readAnswers(header.id);
    for (const task of await readOwnerTasks(header.id)) {
      if (options.deadline !== undefined && Date.now() > options.deadline) return report;
      const open = task.items.filter((i) => !answers.has(i.accountId));
      try {
        const text = ownerWorkItemText(header, task);
        const key = ownerWorkItemKey(header.id, task.ownerAccountId);
        let issueKey = await readWorkItem(key);
        if (!issueKey && open.length > 0) {
          const made = await ensureWorkItem(client, target, { key, ...text, assigneeAccountId: task.ownerAccountId }, options.now);
          if (made.state !== 'pending') issueKey = made.issueKey;
          if (made.state === 'created') report.workItems.push(made.issueKey);
        }
        if (open.length > 0 && options.now.getTime() > dueEnd(header.dueDate)) await escalate(client, target, header, task, open.length, issueKey, options, report);
      } catch (e) {
        report.errors.push(`campaign ${header.id}, owner ${task.ownerAccountId}: ${message(e)}`);
        if (e instanceof QuotaExhaustedError) return report;
      }
    }
  }
  return report;
}

const STEP_DAYS: Record<EscalationStep, keyof CampaignHeader['escalation']> = { 'remind-owner': 'remindOwner', 'escalate-backup': 'escalateToBackup', 'escalate-admins': 'escalateToAdmins' };

async function escalate(
  client: JiraClient,
  target: WorkItemTarget,
  header: CampaignHeader,
  task: StoredOwnerTask,
  openCount: number,
  ownerIssueKey: string | null,
  options: { now: Date; adminGroup: string | null },
  report: CampaignSweepReport,
): Promise<void> {
  const late = options.now.getTime() - dueEnd(header.dueDate);
  for (const step of STEP_ORDER) {
    if (late <= header.escalation[STEP_DAYS[step]] * DAY) return; // later steps are later still
    if (!(await claimEscalation(header.id, task.ownerAccountId, step))) continue;
    try {
      const issueKey = await sendStep(client, target, header, task, step, openCount, ownerIssueKey, options);
      await recordEscalation(header.id, task.ownerAccountId, { step, at: options.now.toISOString(), issueKey });
      report.escalations.push({ campaignId: header.id, ownerAccountId: task.ownerAccountId, step, issueKey });
    } catch (e) {
      await releaseEscalation(header.id, task.ownerAccountId, step);
      throw e;
    }
  }
}

async function sendStep(
  client: JiraClient,
  target: WorkItemTarget,
  header: CampaignHeader,
  task: StoredOwnerTask,
  step: EscalationStep,
  openCount: number,
  ownerIssueKey: string | null,
  options: { now: Date; adminGroup: string | null },
): Promise<string | null> {
  const what = `${openCount} integration${openCount === 1 ? '' : 's'} owned by ${task.ownerName} ${openCount === 1 ? 'is' : 'are'} not confirmed in "${header.name}" (due ${header.dueDate}).`;
  const link = header.siteUrl ? globalPageUrl(header.siteUrl, `/attestations/${header.id}`) : '';
  if (step === 'remind-owner') {
    if (!ownerIssueKey) throw new AppFailure('UNAVAILABLE', "the owner's work item does not exist yet");
    await notifyUsers(client, ownerIssueKey, { subject: `[Integration Registry] Reminder: ${header.name} is overdue`, textBody: `${what}\nAnswer here: ${link}`, accountIds: [task.ownerAccountId] });
    return ownerIssueKey;
  }
  const toBackup = step === 'escalate-backup';
  if (toBackup && task.backupAccountIds.length === 0) return null; // nobody to escalate to: the admins' step follows
  const content = {
    key: `attest-esc:${header.id}:${task.ownerAccountId}:${toBackup ? 'backup' : 'admins'}`,
    summary: `Overdue attestation: ${task.ownerName} has not confirmed their integrations (${header.name})`,
    description: [what, toBackup ? 'You are their backup: answer in their place.' : 'The owner and the backup did not answer: an administrator must decide.', `Answer here: ${link}`, ownerIssueKey ? `The owner's work item: ${ownerIssueKey}` : ''].join('\n'),
    assigneeAccountId: toBackup ? (task.backupAccountIds[0] ?? null) : null,
  };
  const made = await ensureWorkItem(client, target, content, options.now);
  if (made.state === 'pending') throw new AppFailure('UNAVAILABLE', 'another run is creating this escalation');
  const users = toBackup ? task.backupAccountIds : [];
  const groups = !toBackup && options.adminGroup ? [options.adminGroup] : [];
  if (users.length > 0 || groups.length > 0) await notifyUsers(client, made.issueKey, { subject: `[Integration Registry] ${content.summary}`, textBody: content.description, accountIds: users, groups });
  return made.issueKey;
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
