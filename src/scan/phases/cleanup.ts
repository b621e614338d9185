import { deleteGenerationStep } from '../snapshot-store';
import { deleteRunStep } from '../work-store';
import { timeLeft, type StepContext } from './context';
import { runsOf } from '../directory';

/**
 * After a publish: deletes the replaced generation and the working data no later scan needs (the
 * previous run's, unless its directory is still the one incremental scans reuse), a page at a time.
 */
export async function runCleanupPhase(ctx: StepContext): Promise<boolean> {
  const { state } = ctx;
  const keep = new Set([state.runId, ...(state.directory ? runsOf(state.directory) : [])]);
  const targets = [
    ...(state.previousGeneration && state.previousGeneration !== state.generation ? [() => deleteGenerationStep(state.previousGeneration as string)] : []),
    ...state.obsoleteRunIds.filter((runId) => !keep.has(runId)).map((runId) => () => deleteRunStep(runId)),
  ];
  for (const step of targets) {
    while (!(await step())) if (!timeLeft(ctx)) return false;
  }
  return true;
}
