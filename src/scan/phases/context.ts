import type { ScanSettings } from '../../contract';
import type { JiraClient } from '../../jira/client';
import type { LastGoodScan, ScanState } from '../state';
import { backfillPeriod } from '../../activity/backfill';
import { windowOf, type Window } from '../jql';

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

/** The run's activity window, fixing where the backfill stops on first use (see ScanState.backfillTo). */
export async function runWindow(ctx: StepContext): Promise<Window> {
  if (ctx.state.backfillTo === undefined) {
    const from = windowOf(ctx.state.windowDays, ctx.state.startedAt).from;
    ctx.state = { ...ctx.state, backfillTo: (await backfillPeriod(from)).to };
  }
  return windowOf(ctx.state.windowDays, ctx.state.startedAt, ctx.state.backfillTo ?? null);
}
