/**
 * The product-event trigger (manifest.yml: trigger activity-events) and the activity queue's
 * consumer. The trigger does the least it can per event: one inbox write and, when none is
 * pending, one compaction request; the compactor folds in bulk.
 */
import { compact, scheduleCompaction } from './compactor';
import { eventKey, factsOf, type ActivityEvent } from './facts';
import { writeInbox } from './store';

/** Handles one Jira product event. A redelivered event stops at the inbox write. */
export async function onActivityEvent(event: ActivityEvent): Promise<void> {
  const facts = factsOf(event);
  const key = eventKey(event);
  if (facts.length === 0 || key === null) return;
  const fresh = await writeInbox(key, { facts, receivedAt: Date.now() });
  if (fresh) await scheduleCompaction();
}

export interface ActivityQueueEvent {
  kind: 'compact';
  reindex?: string[];
  /** The daily upkeep: ageing, dropping old work-item sets, reconciling the accounts due today. */
  upkeep?: boolean;
  /** Accounts whose last seven days are reconciled with Jira now. */
  reconcile?: string[];
}

/** One run of the compactor (the activity queue's consumer). */
export async function onActivityQueueEvent(body: ActivityQueueEvent): Promise<void> {
  if (body.kind !== 'compact') return;
  const ids = (v: unknown) => (Array.isArray(v) ? v.filter((id): id is string => typeof id === 'string') : []);
  await compact(60_000, ids(body.reindex), body.upkeep === true, ids(body.reconcile));
}
