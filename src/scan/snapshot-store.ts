import { kvs } from '../storage/kvs';
import type { IdentityRecord, IdentitySummary, ProjectActivity } from '../contract';
import { chunkByBytes } from '../storage/chunks';
import { deletePrefixStep, readAllWithPrefix } from '../storage/prefix';

/**
 * Scan results in Forge storage. A scan writes a new generation under its own key prefix while
 * readers keep reading the generation that `scan:snapshot:current` points to; the last step
 * switches that one pointer, so readers see the old snapshot or the new one, never a mix.
 */
export interface SnapshotPointer {
  generation: string;
  completedAt: string;
  windowDays: number;
  identityCount: number;
  indexChunks: number;
  /** True while the scan that wrote it is still measuring activity (identities known, counts filling in). */
  partial?: boolean;
}

const POINTER_KEY = 'scan:snapshot:current';
const prefix = (generation: string) => `scan:snap:${generation}:`;
const indexKey = (generation: string, n: number) => `${prefix(generation)}index:${n}`;
const identityKey = (generation: string, accountId: string) => `${prefix(generation)}identity:${accountId}`;
const projectsKey = (generation: string, accountId: string, n: number) => `${prefix(generation)}identity:${accountId}:p:${n}`;
const summaryKey = (generation: string, accountId: string) => `${prefix(generation)}summary:${accountId}`;

type StoredIdentity = Omit<IdentityRecord, 'projects'> & { projectChunks: number };

/**
 * The activity window behind every count the pages show, for links to the issues behind them: the
 * activity ledger counts the `windowDays` days up to today (UTC), the first day included.
 */
export function activityWindow(windowDays: number, now = Date.now()): { from: string; days: number } {
  const day = Math.floor(now / 86_400_000) * 86_400_000;
  return { from: new Date(day - windowDays * 86_400_000).toISOString().slice(0, 10), days: windowDays };
}

export async function readSnapshotPointer(): Promise<SnapshotPointer | null> {
  return ((await kvs.get(POINTER_KEY)) as SnapshotPointer | undefined) ?? null;
}

export async function readIdentitySummaries(pointer: SnapshotPointer): Promise<IdentitySummary[]> {
  const chunks = await Promise.all(Array.from({ length: pointer.indexChunks }, (_, n) => kvs.get(indexKey(pointer.generation, n))));
  return chunks.flatMap((c) => (c as IdentitySummary[] | undefined) ?? []);
}

export async function readIdentityRecord(pointer: SnapshotPointer, accountId: string): Promise<IdentityRecord | null> {
  const stored = (await kvs.get(identityKey(pointer.generation, accountId))) as StoredIdentity | undefined;
  if (!stored) return null;
  const { projectChunks, ...rest } = stored;
  const chunks = await Promise.all(Array.from({ length: projectChunks }, (_, n) => kvs.get(projectsKey(pointer.generation, accountId, n))));
  return { ...rest, projects: chunks.flatMap((c) => (c as ProjectActivity[] | undefined) ?? []) };
}

/**
 * Writes one identity of a generation in progress, and its summary for the index (idempotent: a
 * step that runs again overwrites).
 */
export async function writeIdentityRecord(generation: string, record: IdentityRecord): Promise<void> {
  const { projects, leastPrivilege: _leastPrivilege, ...summary } = record;
  const { projects: _projects, ...rest } = record;
  const chunks = chunkByBytes(projects);
  for (const [n, chunk] of chunks.entries()) await kvs.set(projectsKey(generation, record.accountId, n), chunk);
  await kvs.set(identityKey(generation, record.accountId), { ...rest, projectChunks: chunks.length } satisfies StoredIdentity);
  await kvs.set(summaryKey(generation, record.accountId), summary satisfies IdentitySummary);
}

/** Takes an identity out of a generation in progress (a candidate a partial snapshot showed, found ordinary). */
export async function deleteIdentityRecord(generation: string, accountId: string): Promise<void> {
  const stored = (await kvs.get(identityKey(generation, accountId))) as StoredIdentity | undefined;
  await kvs.delete(summaryKey(generation, accountId));
  await kvs.delete(identityKey(generation, accountId));
  for (let n = 0; n < (stored?.projectChunks ?? 0); n++) await kvs.delete(projectsKey(generation, accountId, n));
}

/** The summaries of every identity written into a generation so far. */
export async function readGenerationSummaries(generation: string): Promise<IdentitySummary[]> {
  return (await readAllWithPrefix(`${prefix(generation)}summary:`)).map(({ value }) => value as IdentitySummary);
}

/** Writes the generation's index and makes it the one readers see. */
export async function publishSnapshot(generation: string, summaries: IdentitySummary[], meta: { completedAt: string; windowDays: number; partial?: boolean }): Promise<SnapshotPointer> {
  const chunks = chunkByBytes(summaries);
  for (const [n, chunk] of chunks.entries()) await kvs.set(indexKey(generation, n), chunk);
  const pointer: SnapshotPointer = { generation, completedAt: meta.completedAt, windowDays: meta.windowDays, identityCount: summaries.length, indexChunks: chunks.length, ...(meta.partial ? { partial: true } : {}) };
  await kvs.set(POINTER_KEY, pointer);
  return pointer;
}

/**
 * Deletes up to `maxKeys` keys of an old generation; answers true when none are left. Called in
 * small steps after a publish, never on the generation readers see.
 */
export async function deleteGenerationStep(generation: string, maxKeys = 100): Promise<boolean> {
  const current = await readSnapshotPointer();
  if (current?.generation === generation) throw new Error('refusing to delete the published snapshot');
  return deletePrefixStep(prefix(generation), maxKeys);
}
