import { ForgeKvsAPIError, kvs } from '../storage/kvs';

/**
 * What the sweep remembers per credential: the Jira issue it keeps up to date and the thresholds
 * already sent for the current expiry date. Sends are claimed first with FAIL_IF_EXISTS, so two
 * sweeps running at once, or a rerun after a crash, never send the same reminder twice.
 */
export interface ReminderState {
  issueKey: string | null;
  expiresAt: string;
  sent: number[];
}

const stateKey = (credentialId: string) => `reg#remind#${credentialId}`;
const claimKey = (credentialId: string, expiresAt: string, threshold: number) => `reg#remind-claim#${credentialId}#${expiresAt}#${threshold}`;

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
