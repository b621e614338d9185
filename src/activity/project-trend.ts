import { kvs } from '../storage/kvs';
import type { ActivityTrend } from '../contract';

/**
 * What the project page saw for one project in the current snapshot and in the one before: who
 * touches it and how many issues each touched. Written the first time the page is read after a scan;
 * it gives the page its trend and, on later reads, the list of identities to load (so that a page view
 * reads a few records, not the whole snapshot). A memo, not a record: a lost write costs one
 * recomputation.
 */
export interface ProjectMemo {
  generation: string;
  /** Account id to issues touched here, for every identity that touches the project. */
  counts: Record<string, number>;
  previous: { generation: string; counts: Record<string, number> } | null;
}

const memoKey = (projectKey: string) => `project-memo:${projectKey}`;

export async function readProjectMemo(projectKey: string): Promise<ProjectMemo | null> {
  return ((await kvs.get(memoKey(projectKey))) as ProjectMemo | undefined) ?? null;
}

/** Rolls the memo to a new generation, keeping the last one seen as the previous. */
export async function rollProjectMemo(projectKey: string, old: ProjectMemo | null, generation: string, counts: Record<string, number>): Promise<ProjectMemo> {
  const memo: ProjectMemo = { generation, counts, previous: old && old.generation !== generation ? { generation: old.generation, counts: old.counts } : (old?.previous ?? null) };
  await kvs.set(memoKey(projectKey), memo);
  return memo;
}

/** Rising or falling: a change of more than a fifth (and of at least two issues) against the previous scan. Pure. */
export function trendOf(memo: ProjectMemo | null, accountId: string, current: number): ActivityTrend | null {
  if (!memo?.previous) return null;
  const before = Object.hasOwn(memo.previous.counts, accountId) ? (memo.previous.counts[accountId] ?? 0) : 0;
  if (before === 0) return current > 0 ? 'new' : 'steady';
  if (current - before >= 2 && current > before * 1.2) return 'rising';
  if (before - current >= 2 && current < before * 0.8) return 'falling';
  return 'steady';
}
