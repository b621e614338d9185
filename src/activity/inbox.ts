/**
 * The inbox's group commit. Forge storage allows 4,000 writes a minute per installation (in 10 KB
 * units); one write per product event would pass that in 40 s of a 100-events-a-second burst. So
 * events that arrive together share one write: the first opens a batch, later ones join it for up
 * to GATHER_MS (or until it is full), and one `kvs.set` stores all their facts. Every event's
 * invocation waits for the write that holds its facts, so none returns before its facts are
 * stored; a failed write fails every invocation in the batch (Forge delivers them again).
 *
 * Batches form only among invocations one runtime serves at the same time (the local host runs
 * them side by side). A runtime that serves one at a time writes one batch per event, which is
 * correct, only slower to fold. Batches never mix installations: one warm runtime serves many.
 *
 * A redelivered event is written again: the compactor folds facts into sets of work items, so a
 * duplicate changes nothing (and the compactor counts it once).
 */
import { randomUUID } from 'node:crypto';
import { currentInstallation } from '../jira/tenant';
import type { Fact } from './facts';
import { writeInboxBatch } from './store';

/** How long a batch waits for more events before it is written. */
export const GATHER_MS = 200;
/** Events in one batch at most (each fact is about 150 bytes: a batch stays well under one 240 KiB value). */
export const MAX_BATCH_EVENTS = 200;

interface OpenBatch {
  facts: Fact[];
  events: number;
  receivedAt: number;
  written: Promise<void>;
  close: () => void;
}

const open = new Map<string, OpenBatch>();

/**
 * Stores one event's facts in the inbox (sharing a write with the events arriving with it).
 * Answers once they are stored; `first` is true for the event that opened the batch.
 */
export async function addToInbox(facts: readonly Fact[], receivedAt: number): Promise<{ first: boolean }> {
  const installation = currentInstallation() ?? '';
  let batch = open.get(installation);
  const first = !batch;
  if (!batch) batch = openBatch(installation, receivedAt);
  batch.facts.push(...facts);
  batch.events += 1;
  batch.receivedAt = Math.min(batch.receivedAt, receivedAt);
  const { written } = batch;
  if (batch.events >= MAX_BATCH_EVENTS) batch.close();
  await written;
  return { first };
}

function openBatch(installation: string, receivedAt: number): OpenBatch {
  let close = () => undefined as void;
  const batch: OpenBatch = { facts: [], events: 0, receivedAt, written: Promise.resolve(), close: () => close() };
  open.set(installation, batch);
  // The write runs in the first event's invocation (its context names the installation), which
  // waits for it like every other event of the batch.
  batch.written = new Promise<void>((resolve) => {
    // Closed (full or gathered long enough): later events open the next batch.
    const finish = () => {
      if (open.get(installation) === batch) open.delete(installation);
      resolve();
    };
    const timer = setTimeout(finish, GATHER_MS);
    close = () => {
      clearTimeout(timer);
      finish();
    };
  }).then(() => writeInboxBatch(inboxKey(batch.receivedAt), { facts: batch.facts, receivedAt: batch.receivedAt, events: batch.events }));
  return batch;
}

/** Keys sort by arrival (the compactor reads the oldest first); the random part keeps them unique. */
export function inboxKey(receivedAt: number): string {
  return `${String(receivedAt).padStart(15, '0')}-${randomUUID()}`;
}
