import { z } from 'zod';
import type { ActivityCounts, HeatMapData, IdentitySummary } from '../../contract';
import { overlaySummary } from '../../activity/overlay';
import { readAllActivity } from '../../activity/read';
import { readIdentityRecord, readIdentitySummaries, readSnapshotPointer, type SnapshotPointer } from '../../scan/snapshot-store';
import { defineResolver } from '../define';
import { readCachedProjectNames, writeCachedProjectNames } from './cache';

/** Rows and columns the map shows: the widest identities, and the projects most of them work in. */
export const HEATMAP_ROWS = 20;
export const HEATMAP_COLUMNS = 24;

/**
 * heatmap/get: the identities that work in the most projects and their touches per project, from
 * stored data only (the scan's index and the activity ledger's index, the same figures as the
 * identities list and the project page); no Jira call beyond the caller's permission check.
 * Policy: jira-admin.
 */
export const getHeatMap = defineResolver({
  key: 'heatmap/get',
  policy: 'jira-admin',
  input: z.object({}).strict(),
  async run(): Promise<HeatMapData> {
    const pointer = await readSnapshotPointer();
    if (!pointer) return { snapshot: null, totalIdentities: 0, projects: [], rows: [] };
    const [scanned, activity] = await Promise.all([readIdentitySummaries(pointer), readAllActivity()]);
    const summaries = scanned.map((s) => overlaySummary(s, activity.get(s.accountId)));
    const widest = widestIdentities(summaries, HEATMAP_ROWS);
    const map = heatMapOf(
      widest.map((s) => ({ summary: s, activity: activity.get(s.accountId) ?? new Map<string, ActivityCounts>() })),
      HEATMAP_COLUMNS,
      await projectNames(pointer, widest),
    );
    return { snapshot: { completedAt: pointer.completedAt, windowDays: pointer.windowDays }, totalIdentities: summaries.length, ...map };
  },
});

/** Project names for the column titles, kept per snapshot (they come from the widest identities' records). */
async function projectNames(pointer: SnapshotPointer, widest: readonly IdentitySummary[]): Promise<ReadonlyMap<string, string>> {
  const cached = await readCachedProjectNames(pointer.generation);
  if (cached) return cached;
  const names = new Map<string, string>();
  for (const record of await Promise.all(widest.map((s) => readIdentityRecord(pointer, s.accountId)))) for (const p of record?.projects ?? []) names.set(p.projectKey, p.projectName);
  await writeCachedProjectNames(pointer.generation, names);
  return names;
}

/** The identities active in the most projects (then the busiest, then by name). Pure. */
export function widestIdentities(summaries: readonly IdentitySummary[], n: number): IdentitySummary[] {
  return summaries
    .filter((s) => s.projectsTouched > 0)
    .sort((a, b) => b.projectsTouched - a.projectsTouched || b.issuesTouched - a.issuesTouched || a.displayName.localeCompare(b.displayName, undefined, { numeric: true }))
    .slice(0, n);
}

/**
 * Rows in the given order; columns are the projects the most of them are active in (then the most
 * touches, then the key), at most `columns`. A cell is the identity's touches there. Pure.
 */
export function heatMapOf(
  rows: ReadonlyArray<{ summary: IdentitySummary; activity: ReadonlyMap<string, ActivityCounts> }>,
  columns: number,
  names: ReadonlyMap<string, string>,
): Pick<HeatMapData, 'projects' | 'rows'> {
  const byProject = new Map<string, { key: string; name: string; identities: number; total: number }>();
  for (const { activity } of rows)
    for (const [key, c] of activity) {
      if (c.touches === 0) continue;
      const e = byProject.get(key) ?? { key, name: names.get(key) ?? key, identities: 0, total: 0 };
      e.identities += 1;
      e.total += c.touches;
      byProject.set(key, e);
    }
  const projects = [...byProject.values()].sort((a, b) => b.identities - a.identities || b.total - a.total || a.key.localeCompare(b.key)).slice(0, columns);
  return {
    projects: projects.map(({ key, name, identities }) => ({ key, name, identities })),
    rows: rows.map(({ summary: s, activity }) => ({ accountId: s.accountId, displayName: s.displayName, kind: s.kind, projectsTouched: s.projectsTouched, cells: projects.map((p) => activity.get(p.key)?.touches ?? 0) })),
  };
}
