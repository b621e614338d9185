import { kvs } from '../storage/kvs';
import { chunkByBytes } from '../storage/chunks';
import { deletePrefixStep } from '../storage/prefix';

/**
 * A run's working data: lists written in numbered chunks under scan:work:<runId>:<name>:<n>, each
 * well under Forge's 240 KiB value limit. Writing chunk n again replaces it, so a step that runs
 * twice leaves the same data.
 */
const key = (runId: string, name: string, n: number) => `scan:work:${runId}:${name}:${n}`;

export async function writeChunk<T>(runId: string, name: string, n: number, items: T[]): Promise<void> {
  await kvs.set(key(runId, name, n), items);
}

/** Writes a whole list as chunks 0..k-1 and answers k. */
export async function writeList<T>(runId: string, name: string, items: T[]): Promise<number> {
  const chunks = chunkByBytes(items);
  for (const [n, chunk] of chunks.entries()) await writeChunk(runId, name, n, chunk);
  return chunks.length;
}

export async function readList<T>(runId: string, name: string, chunks: number): Promise<T[]> {
  const parts = await Promise.all(Array.from({ length: chunks }, (_, n) => kvs.get(key(runId, name, n))));
  return parts.flatMap((p) => (p as T[] | undefined) ?? []);
}

/** Deletes up to maxKeys keys of a run's working data; answers true when none are left. */
export function deleteRunStep(runId: string, maxKeys = 100): Promise<boolean> {
  return deletePrefixStep(`scan:work:${runId}:`, maxKeys);
}
