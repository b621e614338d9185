import { createHash } from 'node:crypto';
import { ForgeKvsAPIError, kvs } from '../storage/kvs';
import type { JiraClient } from '../jira/client';
import { JiraError } from '../jira/errors';
import { createIssue } from '../jira/issue-create';
import { findIssuesByProperty } from '../jira/issue-find';
import type { WorkItemTarget } from './work-item-target';

/**
 * Exactly-once Jira work items. Every issue the app creates (reminders, escalations, handovers,
 * attestation items) goes through ensureWorkItem with a stable key naming what it is about:
 * 1. the key is claimed in storage first (FAIL_IF_EXISTS), so two runs never both create;
 * 2. the issue is created with the key in its entity property (indexed by the manifest's
 *    jira:entityProperty module) and the `integration-registry` label;
 * 3. the created issue's key is stored before the caller does anything else (notify, update);
 * 4. a claim without an issue key (a run died between 2 and 3, or its answer was lost) is resolved by
 *    searching Jira for the property: found, it is adopted; not found after the lease, it is taken over.
 */
export const WORK_ITEM_PROPERTY = 'integration-registry';
export const WORK_ITEM_LABEL = 'integration-registry';
/** Longer than any function may run (Forge's 900 s) plus Jira's search index delay. */
const LEASE_MS = 20 * 60_000;

export interface WorkItemContent {
  /** Stable, what the item is about: `remind:<credentialId>`, `handover:<accountId>:<ownerId>`, …; [A-Za-z0-9:._-] only. */
  key: string;
  summary: string;
  /** Plain text; lines become paragraphs. */
  description: string;
  assigneeAccountId: string | null;
}

export type WorkItemOutcome =
  /** created: made now; existing: made before (by this run's predecessors), nothing created now. */
  | { state: 'created' | 'existing'; issueKey: string }
  /** Another run holds the claim and has not stored its issue yet: try again later. */
  | { state: 'pending' };

interface StoredWorkItem {
  key: string;
  issueKey: string | null;
  claimedAt: string;
}

const KEY_PATTERN = /^[A-Za-z0-9:._-]{1,200}$/;
export const workItemStoreKey = (key: string): string => `reg#work#${createHash('sha256').update(key).digest('hex').slice(0, 40)}`;

/** The issue key stored for a work item, or null (never created, or still pending). */
export async function readWorkItem(key: string): Promise<string | null> {
  return ((await kvs.get<StoredWorkItem>(workItemStoreKey(key))) as StoredWorkItem | undefined)?.issueKey ?? null;
}

/** Forgets a work item whose issue was deleted in Jira, so that the next ensureWorkItem makes a new one. */
export async function forgetWorkItem(key: string): Promise<void> {
  await kvs.delete(workItemStoreKey(key));
}

/** Records an issue made before this helper existed (older stored state), unless one is stored already. */
export async function adoptWorkItem(key: string, issueKey: string, now = new Date()): Promise<void> {
  await claim(workItemStoreKey(key), { key, issueKey, claimedAt: now.toISOString() });
}

export async function ensureWorkItem(client: JiraClient, target: WorkItemTarget, content: WorkItemContent, now = new Date()): Promise<WorkItemOutcome> {
  if (!KEY_PATTERN.test(content.key)) throw new Error(`work item key ${JSON.stringify(content.key)} must match ${KEY_PATTERN}`);
  const id = workItemStoreKey(content.key);
  const fresh: StoredWorkItem = { key: content.key, issueKey: null, claimedAt: now.toISOString() };
  if (!(await claim(id, fresh))) {
    const stored = (await kvs.get<StoredWorkItem>(id)) as StoredWorkItem | undefined;
    if (stored?.issueKey) return { state: 'existing', issueKey: stored.issueKey };
    if (stored) {
      // Claimed, no issue stored: did that run create it? Jira knows by the property.
      const [found] = await findIssuesByProperty(client, WORK_ITEM_PROPERTY, 'workItem', content.key);
      if (found) {
        await kvs.set(id, { ...stored, issueKey: found });
        return { state: 'existing', issueKey: found };
      }
      if (now.getTime() - Date.parse(stored.claimedAt) < LEASE_MS) return { state: 'pending' };
      // The claimant is gone and made nothing: one run (FAIL_IF_EXISTS on a marker per dead claim) takes over.
      if (!(await claim(`${id}#takeover#${Date.parse(stored.claimedAt)}`, { key: content.key, issueKey: null, claimedAt: fresh.claimedAt }))) return { state: 'pending' };
      await kvs.set(id, fresh);
    } else if (!(await claim(id, fresh))) {
      return { state: 'pending' }; // forgotten and reclaimed by another run in between
    }
  }
  let issueKey: string;
  try {
    issueKey = await create(client, target, content);
  } catch (e) {
    // A refusal (4xx) created nothing: give the claim back. Anything else may have created the issue:
    // keep the claim, so that the next run searches for it before creating.
    if (e instanceof JiraError && e.status >= 400 && e.status < 500 && e.status !== 429) await kvs.delete(id);
    throw e;
  }
  await kvs.set(id, { ...fresh, issueKey });
  return { state: 'created', issueKey };
}

async function create(client: JiraClient, target: WorkItemTarget, content: WorkItemContent): Promise<string> {
  const issue = {
    projectKey: target.projectKey,
    issueTypeId: target.issueTypeId,
    summary: content.summary.slice(0, 250),
    description: content.description,
    labels: [WORK_ITEM_LABEL],
    properties: [{ key: WORK_ITEM_PROPERTY, value: { workItem: content.key } }],
  };
  try {
    return (await createIssue(client, { ...issue, assigneeAccountId: content.assigneeAccountId })).key;
  } catch (e) {
    // Jira refuses an assignee who cannot be assigned in that project (400, nothing created): create it unassigned.
    if (e instanceof JiraError && e.status === 400 && content.assigneeAccountId) return (await createIssue(client, { ...issue, assigneeAccountId: null })).key;
    throw e;
  }
}

/** True when this call stored the value; false when the key existed. */
async function claim(key: string, value: StoredWorkItem): Promise<boolean> {
  try {
    await kvs.set(key, value, { keyPolicy: 'FAIL_IF_EXISTS' });
    return true;
  } catch (e) {
    if (e instanceof ForgeKvsAPIError && (e.code === 'KEY_CONFLICT' || e.responseDetails.status === 409)) return false;
    throw e;
  }
}
