import type { AsyncEvent } from '@forge/events';
import { makeResolver } from '@forge/resolver';
import { onActivityEvent, onActivityQueueEvent, type ActivityQueueEvent } from './activity/events';
import type { ActivityEvent } from './activity/facts';
import { requestUpkeep } from './activity/compactor';
import type { Defs } from './contract';
import { handlers } from './resolvers';
import { onlyKnownKeys } from './resolvers/known-keys';
import { runReminderSweep } from './registry/reminders';
import { runAccountabilitySweep } from './resolvers/sweeps/accountability';
import { startScan, runScanStep } from './scan/engine';
import { readRoles } from './scan/project-roles';
import { readPeopleRequest, readRolesRequest, readScanStepEvent } from './scan/queue';
import { lookUpPeopleCards } from './registry/people-cards';

/** The resolver function behind both Custom UI modules (manifest.yml: function `resolver`); unknown keys get NOT_FOUND. */
export const handler = onlyKnownKeys(makeResolver<Defs>(handlers), Object.keys(handlers));

/**
 * The consumer of scan-queue (manifest.yml: consumer `scan-consumer`, function `scan-worker`): one
 * checkpointed step of a scan per event. Forge calls it with the async event itself (@forge/events 2
 * and later); the step is in the event's body.
 */
export async function scanWorker(event: AsyncEvent): Promise<void> {
  // Project roles an admin's page view asked for: read in the background, never on the page view.
  const roles = readRolesRequest(event.body);
  if (roles) return readRoles(roles);
  // People's names a page view did not find stored: looked up in the background, never on the page view.
  const people = readPeopleRequest(event.body);
  if (people) return lookUpPeopleCards(people.accountIds);
  const step = readScanStepEvent(event.body);
  // Retrying an event that is not a scan step cannot help: say so and let it go.
  if (!step) {
    console.warn(`[scan-worker] event ${event.eventId} on ${event.queueName} is not a scan step; ignored`);
    return;
  }
  await runScanStep(step);
}

/**
 * The daily scheduled trigger (manifest.yml: function `daily`): starts the day's scan (or joins a
 * running one), sends expiry reminders, hands over identities whose owner left, and runs
 * attestation campaigns. Each part runs even when another fails.
 */
export async function daily(): Promise<void> {
  const results = await Promise.allSettled([startScan('schedule'), runReminderSweep(), requestUpkeep(), runAccountabilitySweep()]);
  for (const r of results) if (r.status === 'rejected') console.warn(`[daily] ${r.reason instanceof Error ? r.reason.message : String(r.reason)}`);
}

/** Jira's product events (manifest.yml: trigger activity-events, function `activity-events`): one inbox write each. */
export async function activityEvents(event: ActivityEvent): Promise<void> {
  await onActivityEvent(event);
}

/** The consumer of activity-queue (manifest.yml: function `activity-worker`): folds the inbox into the ledger. */
export async function activityWorker(event: { body?: ActivityQueueEvent }): Promise<void> {
  if (event.body) await onActivityQueueEvent(event.body);
}
