import type { Credential } from '../contract';
import type { JiraClient } from '../jira/client';
import { notifyUsers } from '../jira/issue-notify';
import { getUsersInBulk } from '../jira/users';
import { readAllCredentials } from './credential-store';
import { clearOrphan, readAllOrphans, writeOrphan, type OrphanRecord } from './orphans';
import { readAllOwnership, type OwnershipAttrs } from './ownership-store';
import type { WorkItemTarget } from './work-item-target';
import { ensureWorkItem } from './work-items';

export interface DepartureReport {
  /** People whose status was read, and the points that cost (1 per request of 100, 2 per person returned). */
  peopleChecked: number;
  points: number;
  orphaned: string[];
  handovers: string[];
  cleared: string[];
  errors: string[];
}

/** What the sweep knows of each identity from the scan (the caller joins the snapshot). */
export interface IdentityFacts {
  displayName: string;
  projectsTouched: string[];
}

/** Most people one sweep checks: 4,000 points at 2 per person, well inside a day's share of the hourly pool. */
export const MAX_PEOPLE_PER_SWEEP = 2_000;

/**
 * Owner departure (daily sweep): reads the status of every owner and backup in one /user/bulk pass
 * (100 a request). An owner whose account is deactivated, or that Jira no longer returns (deleted),
 * orphans the identity: one handover work item (exactly once, see work-items.ts) for the backup, or
 * for the admins when there is no active backup, with the runbook, the credentials and the projects
 * that stop. An identity whose owner is active again, or was replaced, is no longer orphaned.
 */
export async function runDepartureSweep(
  client: JiraClient,
  options: { now: Date; target: WorkItemTarget | null; adminGroup: string | null; facts: (accountId: string) => Promise<IdentityFacts> },
): Promise<DepartureReport> {
  const report: DepartureReport = { peopleChecked: 0, points: 0, orphaned: [], handovers: [], cleared: [], errors: [] };
  const ownership = [...(await readAllOwnership()).values()].filter((o) => o.ownerAccountId);
  const people = [...new Set(ownership.flatMap((o) => [o.ownerAccountId, o.backupAccountId]).filter(Boolean))].slice(0, MAX_PEOPLE_PER_SWEEP);
  if (people.length === 0) return report;
  const found = await getUsersInBulk(client, people);
  report.peopleChecked = people.length;
  report.points = Math.ceil(people.length / 100) + 2 * found.length;
  const status = new Map(found.map((u) => [u.accountId, { active: u.active !== false, name: u.displayName ?? u.accountId }]));
  const orphans = await readAllOrphans();
  const credentials = new Map<string, Credential[]>((await readAllCredentials()).map((g) => [g.accountId, g.credentials]));

  for (const record of ownership) {
    const owner = status.get(record.ownerAccountId);
    const gone = !owner || !owner.active;
    const existing = orphans.get(record.accountId);
    if (!gone) {
      if (existing) {
        await clearOrphan(record.accountId);
        report.cleared.push(record.accountId);
      }
      continue;
    }
    if (existing?.formerOwnerAccountId === record.ownerAccountId && existing.issueKey) continue; // handed over already
    try {
      await handOver(client, record, owner ? owner.name : 'a deleted account', status, credentials.get(record.accountId) ?? [], existing ?? null, options, report);
    } catch (e) {
      report.errors.push(`identity ${record.accountId}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return report;
}

async function handOver(
  client: JiraClient,
  record: OwnershipAttrs,
  ownerName: string,
  status: ReadonlyMap<string, { active: boolean; name: string }>,
  credentials: readonly Credential[],
  existing: OrphanRecord | null,
  options: { now: Date; target: WorkItemTarget | null; adminGroup: string | null; facts: (accountId: string) => Promise<IdentityFacts> },
  report: DepartureReport,
): Promise<void> {
  const backup = record.backupAccountId ? status.get(record.backupAccountId) : undefined;
  const toBackup = !!record.backupAccountId && backup?.active === true;
  const facts = await options.facts(record.accountId);
  const orphan: OrphanRecord = {
    accountId: record.accountId,
    since: existing?.formerOwnerAccountId === record.ownerAccountId ? existing.since : options.now.toISOString(),
    formerOwnerAccountId: record.ownerAccountId,
    formerOwnerName: ownerName,
    handoverTo: toBackup ? record.backupAccountId : 'admins',
    handoverToName: toBackup ? (backup?.name ?? record.backupAccountId) : 'Jira administrators',
    issueKey: null,
  };
  report.orphaned.push(record.accountId);
  if (!options.target) {
    // No project for work items yet (reminders are off): the orphan still shows on the pages.
    await writeOrphan(orphan);
    return;
  }
  const text = handoverText(facts, ownerName, record, credentials, toBackup);
  const made = await ensureWorkItem(client, options.target, { key: `handover:${record.accountId}:${record.ownerAccountId}`, ...text, assigneeAccountId: toBackup ? record.backupAccountId : null }, options.now);
  if (made.state === 'pending') return; // another run is creating it; the next sweep records it
  await writeOrphan({ ...orphan, issueKey: made.issueKey });
  if (made.state !== 'created') return;
  report.handovers.push(made.issueKey);
  const users = toBackup ? [record.backupAccountId] : [];
  const groups = !toBackup && options.adminGroup ? [options.adminGroup] : [];
  if (users.length > 0 || groups.length > 0) {
    await notifyUsers(client, made.issueKey, { subject: `[Integration Registry] ${text.summary}`, textBody: text.description, accountIds: users, groups }).catch((e: unknown) => {
      // The work item exists and is assigned: Jira tells the assignee itself. Logged, not retried.
      report.errors.push(`notify ${made.issueKey}: ${e instanceof Error ? e.message : String(e)}`);
    });
  }
}

/** The handover's text: the runbook, the credentials and the projects that stop. Never a secret. Pure. */
export function handoverText(facts: IdentityFacts, ownerName: string, record: OwnershipAttrs, credentials: readonly Credential[], toBackup: boolean): { summary: string; description: string } {
  return {
    summary: `Handover: ${facts.displayName} lost its owner (${ownerName} left)`,
    description: [
      `The owner of the integration ${facts.displayName}, ${ownerName}, is no longer active in Jira. ${toBackup ? 'You are its backup: take it over, or choose a new owner.' : 'It has no active backup: an administrator must choose a new owner.'}`,
      '',
      `Purpose: ${record.purpose || 'not recorded'}`,
      `Runbook: ${record.runbookUrl || 'not recorded'}`,
      `Team: ${record.team || 'not recorded'}`,
      '',
      `Credentials (${credentials.length}):`,
      ...(credentials.length === 0 ? ['- none recorded'] : credentials.map((c) => `- ${c.label} (${c.kind}${c.expiresAt ? `, expires ${c.expiresAt}` : ', no expiry recorded'})`)),
      '',
      `Projects that stop if it stops (${facts.projectsTouched.length}): ${facts.projectsTouched.join(', ') || 'none in the last scan'}`,
    ].join('\n'),
  };
}
