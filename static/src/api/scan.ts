import type { ScanStatus } from '../../../src/contract';
import { invoke, unwrap } from './invoke';

/** scan/start: starts a scan, or joins the running one. */
export async function startScan(): Promise<ScanStatus> {
  return unwrap(await invoke('scan/start', {}));
}

/** scan/status: the running scan's progress and the last completed scan's time. */
export async function getScanStatus(): Promise<ScanStatus> {
  return unwrap(await invoke('scan/status', {}));
}

/** scan/cancel: stops the running scan; readers keep the last completed snapshot. */
export async function cancelScan(): Promise<ScanStatus> {
  return unwrap(await invoke('scan/cancel', {}));
}
