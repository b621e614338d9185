import type { HeatMapData } from '../../../src/contract';
import { invoke, unwrap } from './invoke';

/** heatmap/get: the widest identities and their activity per project, from the stored snapshot. */
export async function getHeatMap(): Promise<HeatMapData> {
  return unwrap(await invoke('heatmap/get', {}));
}
