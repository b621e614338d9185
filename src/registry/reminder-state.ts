import { ForgeKvsAPIError, kvs } from '../storage/kvs';
import type { ReminderSend } from '../contract';
import { readFirstWithPrefix } from '../storage/prefix';

/**
 * What the sweep remembers per credential: the thresholds already sent for the current expiry date
 * (the Jira issue itself is a work item, see work-items.ts). Sends are claimed first with
 * FAIL_IF_EXISTS, so two sweeps running at once, or a rerun after a crash, never send the same
 * reminder twice; each send is recorded in a log that admins can read (reminders/sends).
 */
export interface ReminderState {
  /** Written by versions before work items; adopted as the credential's work item. */
  issueKey?: string | null;
  expiresAt: string;
  sent: number[];
}

const stateKey = (credentialId: string) => `reg#remind#${credentialId}`;
const claimKey = (credentialId: string, expiresAt: string, threshold: number) => `reg#remind-claim#${credentialId}#${expiresAt}#${threshold}`;
const LOG_PREFIX = 'reg#remind-log#';
/** Newest first in key order: the key starts with the time remaining until year 9999. */
const logKey = (send: ReminderSend) => `${LOG_PREFIX}${String(253402300799999 - Date.parse(send.at)).padStart(15, '0')}#${send.credentialId}#${send.threshold}`;

export async function readReminderState(credentialId: string): Promise<ReminderState | null> {
  return ((await kvs.get<ReminderState>(stateKey(credentialId))) as ReminderState | undefined) ?? null;
}

export async function writeReminderState(credentialId: string, state: ReminderState): Promise<void> {
  await kvs.set(stateKey(credentialId), state);
}

/** True when this sweep won the right to send this reminder; false when it was claimed before. */
export async function claimReminder(credentialId: string, expiresAt: string, threshold: number): Promise<boolean> {
  try {
    // The claim outlives any expiry date it can matter for, then goes away by itself.
    await kvs.set(claimKey(credentialId, expiresAt, threshold), { at: new Date().toISOString() }, { keyPolicy: 'FAIL_IF_EXISTS', ttl: { value: 400, unit: 'DAYS' } });
    return true;
  } catch (e) {
    if (e instanceof ForgeKvsAPIError && (e.code === 'KEY_CONFLICT' || e.responseDetails.status === 409)) return false;
    throw e;
  }
}

/** Gives a claim back when the reminder could not be sent, so the next sweep tries again. */
export async function releaseReminder(credentialId: string, expiresAt: string, threshold: number): Promise<void> {
  await kvs.delete(claimKey(credentialId, expiresAt, threshold));
}

/** Records a send (kept 400 days). */
export async function logReminderSend(send: ReminderSend): Promise<void> {
  await kvs.set(logKey(send), send, { ttl: { value: 400, unit: 'DAYS' } });
}

/** The latest sends, newest first. */
export async function readReminderSends(limit: number): Promise<ReminderSend[]> {
  return (await readFirstWithPrefix(LOG_PREFIX, limit)).map((r) => r.value as ReminderSend);
}
