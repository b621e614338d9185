import { BACKGROUND, JiraClient } from '../../jira/client';
import { runCampaignSweep, type CampaignSweepReport } from '../../registry/campaign-sweep';
import { runDepartureSweep, type DepartureReport } from '../../registry/departures';
import { readReminderSettings } from '../../registry/reminder-settings';
import { checkWorkItemTarget, type WorkItemTarget } from '../../registry/work-item-target';
import { readIdentityRecord, readIdentitySummaries, readSnapshotPointer } from '../../scan/snapshot-store';
import { projectsTouched } from '../campaigns/candidates';

export interface AccountabilityReport {
  departures: DepartureReport | null;
  campaigns: CampaignSweepReport;
  errors: string[];
}

/**
 * The daily trigger's accountability part: owner departures (handovers go to the reminders'
 * project and issue type) and attestation campaigns (work items, reminders, escalations). `now` is
 * injectable so that tests can run the days on a virtual clock.
 */
export async function runAccountabilitySweep(now = new Date(), client = new JiraClient(BACKGROUND)): Promise<AccountabilityReport> {
  const settings = await readReminderSettings();
  const errors: string[] = [];
  let target: WorkItemTarget | null = null;
  if (settings.projectKey) {
    target = await checkWorkItemTarget(client, settings.projectKey, settings.issueTypeId).catch((e: unknown) => {
      errors.push(`handover work items are off: ${e instanceof Error ? e.message : String(e)}`);
      return null;
    });
  }
  const pointer = await readSnapshotPointer();
  const names = new Map((pointer ? await readIdentitySummaries(pointer) : []).map((s) => [s.accountId, s.displayName]));
  const facts = async (accountId: string) => ({
    displayName: names.get(accountId) ?? accountId,
    projectsTouched: projectsTouched(pointer ? await readIdentityRecord(pointer, accountId) : null),
  });
  let departures: DepartureReport | null = null;
  try {
    departures = await runDepartureSweep(client, { now, target, adminGroup: settings.recipients.adminGroup, facts });
  } catch (e) {
    errors.push(`departures: ${e instanceof Error ? e.message : String(e)}`);
  }
  const campaigns = await runCampaignSweep(client, { now, adminGroup: settings.recipients.adminGroup });
  return { departures, campaigns, errors };
}
