import { kvs } from '../../storage/kvs';

/**
 * Project names for the heat map's column titles, kept with the snapshot's generation under one key:
 * names change only with a scan, while the figures (the activity ledger) change all day and are read
 * fresh on every view.
 */
const KEY = 'heatmap:project-names';

interface Cached {
  generation: string;
  names: Record<string, string>;
}

export async function readCachedProjectNames(generation: string): Promise<Map<string, string> | null> {
  const cached = (await kvs.get(KEY)) as Cached | undefined;
  return cached?.generation === generation ? new Map(Object.entries(cached.names)) : null;
}

/** Best effort: a failed write only means the next view reads the names again. */
export async function writeCachedProjectNames(generation: string, names: ReadonlyMap<string, string>): Promise<void> {
  try {
    await kvs.set(KEY, { generation, names: Object.fromEntries(names) } satisfies Cached);
  } catch (e) {
    console.warn(`[heatmap/get] could not keep the project names: ${e instanceof Error ? e.message : String(e)}`);
  }
}
