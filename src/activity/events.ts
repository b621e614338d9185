/**
 * The product-event trigger (manifest.yml: trigger activity-events) and the activity queue's
 * consumer. The trigger does the least it can per event: its facts join the inbox's next batched
 * write (inbox.ts), and the batch asks for one compaction; the compactor folds in bulk.
 */
import { compact, scheduleCompaction } from './compactor';
import { eventKey, factsOf, type ActivityEvent } from './facts';
import { addToInbox } from './inbox';

/** Handles one Jira product event (a redelivered one is folded harmlessly: the ledger keeps sets). */
export async function onActivityEvent(event: ActivityEvent): Promise<void> {
  const facts = factsOf(event);
  if (facts.length === 0 || eventKey(event) === null) return;
  const { first } = await addToInbox(facts, Date.now());
  // One compaction request per batch, from the invocation that opened it.
  if (first) await scheduleCompaction();
}

export interface ActivityQueueEvent {
  kind: 'compact';
  reindex?: string[];
  /** The daily upkeep: ageing, dropping old work-item sets, reconciling the accounts due today. */
  upkeep?: boolean;
  /** The upkeep continues after this account (it runs in parts: compactor.ts, dailyUpkeep). */
  upkeepFrom?: string;
  /** Accounts whose last seven days are reconciled with Jira now. */
  reconcile?: string[];
}

/** One run of the compactor (the activity queue's consumer). */
export async function onActivityQueueEvent(body: ActivityQueueEvent): Promise<void> {
  if (body.kind !== 'compact') return;
  const ids = (v: unknown) => (Array.isArray(v) ? v.filter((id): id is string => typeof id === 'string') : []);
  await compact(60_000, ids(body.reindex), body.upkeep === true, ids(body.reconcile), typeof body.upkeepFrom === 'string' ? body.upkeepFrom : '');
}
