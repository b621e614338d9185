import { kvs } from '../storage/kvs';
import { randomUUID } from 'node:crypto';
import type { ScanStatus } from '../contract';
import { BACKGROUND, JiraClient, type RetryPolicy } from '../jira/client';
import { QuotaExhaustedError } from '../jira/errors';
import { BudgetSpentError, hourOf, PointsBudget } from './budget';
import { planIncremental } from './plan';
import { runChangesPhase } from './phases/changes';
import { runCleanupPhase } from './phases/cleanup';
import type { StepContext } from './phases/context';
import { runDirectoryPhase } from './phases/directory';
import { runIdentitiesPhase } from './phases/identities';
import { runPeoplePhase } from './phases/people';
import { runPublishPhase } from './phases/publish';
import { enqueueStep, type ScanStepEvent } from './queue';
import { readSettings } from './settings';
import { readSnapshotPointer } from './snapshot-store';
import { readLastGood, readScanState, writeScanState, type ScanPhase, type ScanState } from './state';

/** Work per step stops starting after this long, so each step ends far inside Forge's 900 s. */
const STEP_WORK_MS = 20_000;
/** Within a step, progress is saved this often, so that a step killed halfway loses little work. */
const PROGRESS_SAVE_MS = 2_000;
/** A scan whose checkpoint has not moved for this long, while not paused, is taken for dead and resumed. */
const STALE_MS = 15 * 60_000;
const LOCK_KEY = 'scan:lock';
const NEXT_PHASE: Record<ScanPhase, ScanPhase | null> = { changes: 'identities', directory: 'people', people: 'identities', identities: 'publish', publish: 'cleanup', cleanup: null };

/** Retry timings for background Jira calls; SCAN_RETRY_BASE_MS (a Forge environment variable) tunes them. */
function backgroundPolicy(): RetryPolicy {
  const base = Number(process.env.SCAN_RETRY_BASE_MS);
  return Number.isFinite(base) && base > 0 ? { ...BACKGROUND, baseDelayMs: base, maxDelayMs: base * 30 } : BACKGROUND;
}

/** Starts a scan, or joins the one already running (answers its status either way). */
export async function startScan(trigger: 'admin' | 'schedule'): Promise<ScanStatus> {
  const current = await readScanState();
  if (current && current.finishedAt === null) {
    if (isStale(current)) await enqueueStep({ runId: current.runId, step: current.step });
    return toStatus(current);
  }
  const runId = randomUUID();
  // Two admins pressing "Scan now" together: only one creates the run, the other joins it.
  if (!(await takeLock(runId, current))) {
    const joined = await readScanState();
    return joined ? toStatus(joined) : idleStatus();
  }
  const [settings, lastGood, pointer] = await Promise.all([readSettings(), readLastGood(), readSnapshotPointer()]);
  const now = new Date();
  const base: ScanState = {
    runId,
    generation: runId,
    mode: 'full',
    trigger,
    phase: 'directory',
    cursor: 0,
    step: 0,
    windowDays: settings.windowDays,
    startedAt: now.toISOString(),
    finishedAt: null,
    resumesAt: null,
    done: 0,
    total: 0,
    points: 0,
    requests: 0,
    errors: [],
    budget: { pointsPerHour: settings.pointsBudgetPerHour, hourStart: hourOf(now.getTime()), used: 0, maxUsedInHour: 0 },
    sinceDay: null,
    previousGeneration: pointer?.generation ?? null,
    obsoleteRunIds: lastGood ? [...new Set([lastGood.runId, lastGood.directory.runId])] : [],
    directory: null,
    identityChunks: 0,
    updatedAt: now.toISOString(),
  };
  // Carry this hour's spending over from the previous scan, so that back-to-back scans share one budget.
  const previous = current?.budget;
  if (previous && previous.hourStart === base.budget.hourStart) base.budget.used = previous.used;
  const state = lastGood ? await planIncremental(base, lastGood, settings) : base;
  await writeScanState(state);
  await enqueueStep({ runId, step: 0 });
  return toStatus(state);
}

/** Runs one step of a scan (the consumer of scan-queue). Stale and duplicate events do nothing. */
export async function runScanStep(event: ScanStepEvent): Promise<void> {
  const state = await readScanState();
  if (!state || state.runId !== event.runId || state.step !== event.step || state.finishedAt !== null && state.phase !== 'cleanup') return;
  const now = Date.now();
  const resumesAt = state.resumesAt ? Date.parse(state.resumesAt) : 0;
  if (resumesAt > now) {
    await enqueueStep(event, (resumesAt - now) / 1000);
    return;
  }
  const counters = { points: 0, requests: 0 };
  const budget = new PointsBudget(state.budget);
  const client = new JiraClient(backgroundPolicy(), {
    maxConcurrency: 6,
    maxRequestsPerSecond: 80,
    observer: {
      beforeSend: ({ maxCost }) => {
        const settle = budget.reserve(maxCost);
        return ({ points }) => {
          settle(points);
          counters.points += points;
          counters.requests++;
        };
      },
    },
  });
  let lastSave = now;
  const ctx: StepContext = {
    client,
    deadline: now + STEP_WORK_MS,
    state: { ...state, resumesAt: null },
    settings: await readSettings(),
    lastGood: await readLastGood(),
    saveProgress: async () => {
      if (Date.now() - lastSave < PROGRESS_SAVE_MS) return;
      lastSave = Date.now();
      await checkpoint(ctx, counters, budget, false, null, false);
    },
  };
  let phaseDone = false;
  let pauseUntil: number | null = null;
  try {
    phaseDone = await runPhase(ctx);
  } catch (e) {
    if (e instanceof BudgetSpentError || e instanceof QuotaExhaustedError) {
      pauseUntil = e.resumeAt;
    } else {
      // Progress made before the failure is kept under the same step number, so the queue's retry
      // of this event carries on from there.
      await checkpoint(ctx, counters, budget, false, null, false);
      throw e;
    }
  }
  const next = await checkpoint(ctx, counters, budget, phaseDone, pauseUntil);
  if (phaseDone && NEXT_PHASE[ctx.state.phase] === null) {
    await kvs.delete(LOCK_KEY);
    return;
  }
  await enqueueStep({ runId: next.runId, step: next.step }, pauseUntil ? (pauseUntil - Date.now()) / 1000 : 0);
}

async function runPhase(ctx: StepContext): Promise<boolean> {
  switch (ctx.state.phase) {
    case 'changes':
      return runChangesPhase(ctx);
    case 'directory':
      return runDirectoryPhase(ctx);
    case 'people':
      return runPeoplePhase(ctx);
    case 'identities':
      return runIdentitiesPhase(ctx, await readSnapshotPointer());
    case 'publish':
      return runPublishPhase(ctx);
    case 'cleanup':
      return runCleanupPhase(ctx);
  }
}

async function checkpoint(
  ctx: StepContext,
  counters: { points: number; requests: number },
  budget: PointsBudget,
  phaseDone: boolean,
  pauseUntil: number | null,
  advance = true,
): Promise<ScanState> {
  // Fold what requests have cost so far into the state, synchronously, so that requests still in
  // flight are counted by the next checkpoint and none twice.
  ctx.state = { ...ctx.state, points: ctx.state.points + counters.points, requests: ctx.state.requests + counters.requests };
  counters.points = 0;
  counters.requests = 0;
  let next: ScanState = {
    ...ctx.state,
    step: ctx.state.step + (advance ? 1 : 0),
    budget: budget.snapshot(),
    resumesAt: pauseUntil ? new Date(pauseUntil).toISOString() : null,
    updatedAt: new Date().toISOString(),
  };
  const following = NEXT_PHASE[next.phase];
  if (phaseDone && following) next = { ...next, phase: following, cursor: 0, done: 0, total: 0 };
  await writeScanState(next);
  return next;
}

/**
 * Takes the one-scan-at-a-time lock. A lock left by a finished scan whose last step died is taken
 * over once that scan has been quiet for a while.
 */
async function takeLock(runId: string, current: ScanState | null): Promise<boolean> {
  const take = () => kvs.set(LOCK_KEY, { runId, at: new Date().toISOString() }, { keyPolicy: 'FAIL_IF_EXISTS' }).then(() => true, () => false);
  if (await take()) return true;
  if (current && current.finishedAt !== null && Date.now() - Date.parse(current.updatedAt) > STALE_MS) {
    await kvs.delete(LOCK_KEY);
    return take();
  }
  return false;
}

function isStale(state: ScanState): boolean {
  const paused = state.resumesAt !== null && Date.parse(state.resumesAt) > Date.now();
  return !paused && Date.now() - Date.parse(state.updatedAt) > STALE_MS;
}

export async function scanStatus(): Promise<ScanStatus> {
  const [state, lastGood] = await Promise.all([readScanState(), readLastGood()]);
  return state ? toStatus(state, lastGood?.completedAt ?? null) : { ...idleStatus(), lastCompletedAt: lastGood?.completedAt ?? null };
}

function toStatus(state: ScanState, lastCompletedAt: string | null = null): ScanStatus {
  const running = state.finishedAt === null;
  const paused = running && state.resumesAt !== null && Date.parse(state.resumesAt) > Date.now();
  const budget = new PointsBudget(state.budget).snapshot();
  return {
    state: paused ? 'paused' : running ? 'running' : 'idle',
    phase: running ? state.phase : null,
    done: state.done,
    total: state.total,
    pointsUsed: state.points,
    requests: state.requests,
    errors: state.errors,
    startedAt: state.startedAt,
    finishedAt: state.finishedAt,
    lastCompletedAt: lastCompletedAt ?? state.finishedAt,
    budget: { pointsPerHour: budget.pointsPerHour, usedThisHour: budget.used, resumesAt: paused ? state.resumesAt : null },
  };
}

function idleStatus(): ScanStatus {
  return {
    state: 'idle',
    phase: null,
    done: 0,
    total: 0,
    pointsUsed: 0,
    requests: 0,
    errors: [],
    startedAt: null,
    finishedAt: null,
    lastCompletedAt: null,
    budget: { pointsPerHour: 0, usedThisHour: 0, resumesAt: null },
  };
}
