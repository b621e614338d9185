import { ForgeKvsAPIError, kvs } from '../storage/kvs';
import type { CampaignOwnerTask, EscalationStep } from '../contract';
import { readAllWithPrefix } from '../storage/prefix';

/** Reminders and escalations sent for one owner's task: claimed first (FAIL_IF_EXISTS), so each goes out once. */
type Escalation = CampaignOwnerTask['escalations'][number];

const prefix = (campaignId: string, ownerAccountId: string) => `camp-esc#${campaignId}#${ownerAccountId}#`;
export const STEP_ORDER: readonly EscalationStep[] = ['remind-owner', 'escalate-backup', 'escalate-admins'];

export async function readEscalations(campaignId: string, ownerAccountId: string): Promise<Escalation[]> {
  const all = (await readAllWithPrefix(prefix(campaignId, ownerAccountId))).map((r) => r.value as Escalation);
  return all.filter((e) => e.at !== '').sort((a, b) => STEP_ORDER.indexOf(a.step) - STEP_ORDER.indexOf(b.step));
}

/** True when this run may send the step; false when it was sent (or is being sent) already. */
export async function claimEscalation(campaignId: string, ownerAccountId: string, step: EscalationStep): Promise<boolean> {
  try {
    await kvs.set(`${prefix(campaignId, ownerAccountId)}${step}`, { step, at: '', issueKey: null }, { keyPolicy: 'FAIL_IF_EXISTS' });
    return true;
  } catch (e) {
    if (e instanceof ForgeKvsAPIError && (e.code === 'KEY_CONFLICT' || e.responseDetails.status === 409)) return false;
    throw e;
  }
}

export async function recordEscalation(campaignId: string, ownerAccountId: string, e: Escalation): Promise<void> {
  await kvs.set(`${prefix(campaignId, ownerAccountId)}${e.step}`, e);
}

export async function releaseEscalation(campaignId: string, ownerAccountId: string, step: EscalationStep): Promise<void> {
  await kvs.delete(`${prefix(campaignId, ownerAccountId)}${step}`);
}
