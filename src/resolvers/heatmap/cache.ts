import { kvs } from '../../storage/kvs';
import type { HeatMapData } from '../../contract';

/**
 * The heat map of the published snapshot, kept under one key with the snapshot's generation: a
 * snapshot never changes, so the map is worked out once per scan (reading the widest identities'
 * records costs a few hundred milliseconds on a large site) and each later view reads one value.
 */
const KEY = 'heatmap:current';

interface Cached {
  generation: string;
  map: HeatMapData;
}

export async function readCachedHeatMap(generation: string): Promise<HeatMapData | null> {
  const cached = (await kvs.get(KEY)) as Cached | undefined;
  return cached?.generation === generation ? cached.map : null;
}

/** Best effort: a failed write only means the next view works the map out again. */
export async function writeCachedHeatMap(generation: string, map: HeatMapData): Promise<void> {
  try {
    await kvs.set(KEY, { generation, map } satisfies Cached);
  } catch (e) {
    console.warn(`[heatmap/get] could not keep the map: ${e instanceof Error ? e.message : String(e)}`);
  }
}
