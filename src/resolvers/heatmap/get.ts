import { z } from 'zod';
import type { HeatMapData, IdentityRecord, IdentitySummary } from '../../contract';
import { issuesTouchedIn } from '../../rules/blast-radius';
import { readIdentityRecord, readIdentitySummaries, readSnapshotPointer, type SnapshotPointer } from '../../scan/snapshot-store';
import { readCachedHeatMap, writeCachedHeatMap } from './cache';
import { defineResolver } from '../define';

/** Rows and columns the map shows: the widest identities, and the projects most of them work in. */
export const HEATMAP_ROWS = 20;
export const HEATMAP_COLUMNS = 24;

/**
 * heatmap/get: the identities that span the most projects and their activity per project, read from
 * the stored snapshot only (no Jira call beyond the caller's permission check). Policy: jira-admin.
 */
export const getHeatMap = defineResolver({
  key: 'heatmap/get',
  policy: 'jira-admin',
  input: z.object({}).strict(),
  async run(): Promise<HeatMapData> {
    const pointer = await readSnapshotPointer();
    if (!pointer) return { snapshot: null, totalIdentities: 0, projects: [], rows: [] };
    const cached = await readCachedHeatMap(pointer.generation);
    if (cached) return cached;
    const map = await buildHeatMap(pointer);
    await writeCachedHeatMap(pointer.generation, map);
    return map;
  },
});

/** The map of one snapshot, from its index and the widest identities' records. */
async function buildHeatMap(pointer: SnapshotPointer): Promise<HeatMapData> {
  const summaries = await readIdentitySummaries(pointer);
  const widest = widestIdentities(summaries, HEATMAP_ROWS);
  const records = (await Promise.all(widest.map((s) => readIdentityRecord(pointer, s.accountId)))).filter((r): r is IdentityRecord => r !== null);
  return { snapshot: { completedAt: pointer.completedAt, windowDays: pointer.windowDays }, totalIdentities: summaries.length, ...heatMapOf(records, HEATMAP_COLUMNS) };
}

/** The identities active in the most projects (then the busiest, then by name). Pure. */
export function widestIdentities(summaries: readonly IdentitySummary[], n: number): IdentitySummary[] {
  return summaries
    .filter((s) => s.projectsTouched > 0)
    .sort((a, b) => b.projectsTouched - a.projectsTouched || b.issuesTouched - a.issuesTouched || a.displayName.localeCompare(b.displayName))
    .slice(0, n);
}

/**
 * Rows in the given order; columns are the projects the most of them are active in (then the most
 * activity, then the key), at most `columns`. A cell is the identity's issues touched there, the
 * figure the project page and the identity's detail show. Pure.
 */
export function heatMapOf(records: readonly IdentityRecord[], columns: number): Pick<HeatMapData, 'projects' | 'rows'> {
  const byProject = new Map<string, { key: string; name: string; identities: number; total: number }>();
  for (const r of records)
    for (const p of r.projects) {
      const n = issuesTouchedIn(p);
      if (n === 0) continue;
      const e = byProject.get(p.projectKey) ?? { key: p.projectKey, name: p.projectName, identities: 0, total: 0 };
      e.identities += 1;
      e.total += n;
      byProject.set(p.projectKey, e);
    }
  const projects = [...byProject.values()].sort((a, b) => b.identities - a.identities || b.total - a.total || a.key.localeCompare(b.key)).slice(0, columns);
  const rows = records.map((r) => {
    const here = new Map(r.projects.map((p) => [p.projectKey, issuesTouchedIn(p)]));
    return { accountId: r.accountId, displayName: r.displayName, kind: r.kind, projectsTouched: r.projectsTouched, cells: projects.map((p) => here.get(p.key) ?? 0) };
  });
  return { projects: projects.map(({ key, name, identities }) => ({ key, name, identities })), rows };
}
