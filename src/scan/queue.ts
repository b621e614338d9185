import { Queue } from '@forge/events';

/** The queue whose consumer runs scan steps (manifest.yml: consumer scan-consumer on scan-queue). */
export const SCAN_QUEUE = 'scan-queue';
const queue = new Queue({ key: SCAN_QUEUE });

export interface ScanStepEvent {
  runId: string;
  step: number;
  /** How often this step was queued again because storage failed before it could record anything. */
  retry?: number;
}

/** The scan step an event's body holds, or null when the body is not one. */
export function readScanStepEvent(body: Record<string, unknown>): ScanStepEvent | null {
  const { runId, step, retry } = body;
  if (typeof runId !== 'string' || !Number.isInteger(step)) return null;
  return { runId, step: step as number, ...(Number.isInteger(retry) ? { retry: retry as number } : {}) };
}

// Forge delays an event by at most 900 seconds; longer pauses re-check and wait again.
const MAX_DELAY_SECONDS = 900;

export async function enqueueStep(event: ScanStepEvent, delaySeconds = 0): Promise<void> {
  const delayInSeconds = Math.max(0, Math.min(MAX_DELAY_SECONDS, Math.ceil(delaySeconds)));
  await queue.push([{ body: { ...event }, ...(delayInSeconds > 0 ? { delayInSeconds } : {}) }]);
}

/** A request to read an identity's project roles in the background (identity/get serves stored roles only). */
export interface RolesRequestEvent {
  kind: 'roles';
  accountId: string;
  projectKeys: string[];
}

export function readRolesRequest(body: Record<string, unknown>): RolesRequestEvent | null {
  const { kind, accountId, projectKeys } = body;
  if (kind !== 'roles' || typeof accountId !== 'string' || !Array.isArray(projectKeys)) return null;
  return { kind, accountId, projectKeys: projectKeys.filter((k): k is string => typeof k === 'string') };
}

/** People whose names a page view could not find in storage: looked up in the background. */
export interface PeopleRequestEvent {
  kind: 'people';
  accountIds: string[];
}

export function readPeopleRequest(body: Record<string, unknown>): PeopleRequestEvent | null {
  const { kind, accountIds } = body;
  if (kind !== 'people' || !Array.isArray(accountIds)) return null;
  return { kind, accountIds: accountIds.filter((id): id is string => typeof id === 'string').slice(0, 100) };
}

export async function enqueuePeopleRequest(accountIds: readonly string[]): Promise<void> {
  await queue.push([{ body: { kind: 'people', accountIds: accountIds.slice(0, 100) } }]);
}

export async function enqueueRolesRequest(request: Omit<RolesRequestEvent, 'kind'>): Promise<void> {
  await queue.push([{ body: { kind: 'roles', ...request } }]);
}
