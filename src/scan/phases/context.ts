import type { ScanSettings } from '../../contract';
import type { JiraClient } from '../../jira/client';
import type { LastGoodScan, ScanState } from '../state';

/** What one step of a scan works with. Phases update `state` after each finished unit of work. */
export interface StepContext {
  client: JiraClient;
  /** Stop starting new work after this time (ms), so that the step ends well inside Forge's limits. */
  deadline: number;
  state: ScanState;
  settings: ScanSettings;
  lastGood: LastGoodScan | null;
  /** Saves `state` under the current step (at most every few seconds), so a killed step loses little. */
  saveProgress(): Promise<void>;
}

export function timeLeft(ctx: StepContext): boolean {
  return Date.now() < ctx.deadline;
}
