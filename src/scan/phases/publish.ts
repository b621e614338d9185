import { publishSnapshot, readGenerationSummaries } from '../snapshot-store';
import { writeLastGood } from '../state';
import type { StepContext } from './context';
import { backfillDone, setLedgerWindow } from '../../activity/backfill';
import { settleNewcomers } from '../../activity/newcomers';
import type { Account } from '../../jira/users';
import type { IdentityWork } from './people';
import { readList } from '../work-store';

/** Makes the new generation the one readers see, in one write, and remembers it as the last good scan. */
export async function runPublishPhase(ctx: StepContext): Promise<boolean> {
  const { state } = ctx;
  if (!state.directory) throw new Error('publish without a directory');
  const summaries = (await readGenerationSummaries(state.generation)).sort((a, b) => a.displayName.localeCompare(b.displayName) || a.accountId.localeCompare(b.accountId));
  const completedAt = new Date().toISOString();
  await setLedgerWindow(state.windowDays);
  await publishSnapshot(state.generation, summaries, { completedAt, windowDays: state.windowDays });
  // Readers count the blocks just written once the compactor has indexed them (a run that kept the
  // published generation wrote none).
  if (state.generation !== state.previousGeneration) await backfillDone(summaries.map((s) => s.accountId));
  // Newcomers this run measured (or, in a full scan, read with every user) are newcomers no more.
  const measured = state.mode === 'full' ? (await readList<Account>(state.directory.runId, 'accounts', state.directory.accountChunks)).map((a) => a.accountId) : (await readList<IdentityWork>(state.runId, 'identities', state.identityChunks)).map((w) => w.accountId);
  await settleNewcomers(measured);
  await writeLastGood({
    runId: state.runId,
    generation: state.generation,
    startedAt: state.startedAt,
    completedAt,
    fullAt: state.mode === 'full' ? state.startedAt : (ctx.lastGood?.fullAt ?? state.startedAt),
    directory: state.directory,
    windowDays: state.windowDays,
  });
  ctx.state = { ...state, finishedAt: completedAt };
  return true;
}
