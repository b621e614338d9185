import { kvs } from '../storage/kvs';
import { randomUUID } from 'node:crypto';
import type { ScanStatus } from '../contract';
import { BACKGROUND, JiraClient, type RetryPolicy } from '../jira/client';
import { BudgetSpentError, hourOf, PointsBudget } from '../jira/points-budget';
import { recordSpent, spentThisHour } from '../jira/background-budget';
import { classifyFailure } from './failure';
import { refreshPartial } from './partial';
import { planIncremental } from './plan';
import { runChangesPhase } from './phases/changes';
import { runCleanupPhase } from './phases/cleanup';
import type { StepContext } from './phases/context';
import { runDirectoryPhase, runProjectsPhase } from './phases/directory';
import { runIdentitiesPhase } from './phases/identities';
import { runPeoplePhase } from './phases/people';
import { runPublishPhase } from './phases/publish';
import { enqueueStep, type ScanStepEvent } from './queue';
import { readSettings } from '../storage/scan-settings';
import { readSnapshotPointer } from './snapshot-store';
import { runsOf } from './directory';
import { readLastGood, readScanState, withError, writeScanState, type ScanPhase, type ScanState } from './state';
import { idleStatus, isStale, toStatus } from './status';

/**
 * Time limits of one step (one queue event). The consumer's function may run 120 s
 * (manifest.yml: scan-worker timeoutSeconds). A step starts no new unit of work after
 * STEP_WORK_MS; no wait for Jira (retries, Retry-After, an answer) ends after STEP_WAIT_MS, so
 * that a step always ends, with 60 s to spare for its checkpoint, before the function is cut off.
 */
const STEP_WORK_MS = 20_000;
const STEP_WAIT_MS = 60_000;
/** Within a step, progress is saved this often, so that a step killed halfway loses little work. */
const PROGRESS_SAVE_MS = 2_000;
/** A step number started this many times without finishing was cut off each time: the run fails. */
const MAX_STEP_RUNS = 4;
/** Steps that keep failing without progress are retried with backoff for this long, then the run fails. */
const GIVE_UP_MS = 30 * 60_000;
const RETRY_BASE_MS = 15_000;
const RETRY_MAX_MS = 5 * 60_000;
/** A step that cannot even read or write its checkpoint is queued again this many times (about 45 minutes). */
const MAX_PLATFORM_RETRIES = 12;
const LOCK_KEY = 'scan:lock';
/** A lock that no run's state claims is taken over after this long (its creator died before writing the run). */
const ORPHAN_LOCK_MS = 60_000;
const cancelKey = (runId: string) => `scan:cancel:${runId}`;
/** The scan's key among the writers of the installation's hourly spending. */
const SCAN_WRITER = 'scan';
/**
 * Phases in order. A full scan reads the users first and shows every app account at once (a
 * partial snapshot), then counts people (candidates join the partial snapshot), and only then
 * reads projects, which the measuring needs but the first answer does not.
 */
const NEXT_PHASE: Record<ScanPhase, ScanPhase | null> = { changes: 'identities', directory: 'people', people: 'projects', projects: 'identities', identities: 'publish', publish: 'cleanup', cleanup: null };

/** Retry timings for background Jira calls; SCAN_RETRY_BASE_MS (a Forge environment variable) tunes them. */
function backgroundPolicy(): RetryPolicy {
  const base = Number(process.env.SCAN_RETRY_BASE_MS);
  return Number.isFinite(base) && base > 0 ? { ...BACKGROUND, baseDelayMs: base, maxDelayMs: base * 30 } : BACKGROUND;
}

/**
 * Jira calls a step starts per second: 80, below Jira's per-endpoint burst limit (100 a second).
 * SCAN_REQUESTS_PER_SECOND (a Forge environment variable) sets another pace: end-to-end tests that
 * only need a scan's result raise it against the simulated site (burst 429s, if any, are ridden out).
 */
function requestsPerSecond(): number {
  const rate = Number(process.env.SCAN_REQUESTS_PER_SECOND);
  return Number.isFinite(rate) && rate > 0 ? rate : 80;
}

/** A run that has neither completed nor ended otherwise. */
function isUnfinished(state: ScanState): boolean {
  return state.finishedAt === null && state.outcome === null;
}

/**
 * Starts a scan, or joins the one under way (answers its status either way). A run whose steps
 * stopped reporting is continued from its checkpoint; after a failed or cancelled run, a new run.
 */
export async function startScan(trigger: 'admin' | 'schedule'): Promise<ScanStatus> {
  const current = await readScanState();
  if (current && isUnfinished(current) && !(await kvs.get(cancelKey(current.runId)))) {
    const state = isStale(current, Date.now()) ? await resume(current) : current;
    return statusOf(state);
  }
  const runId = randomUUID();
  // Two admins pressing "Scan now" together: only one creates the run, the other joins it.
  if (!(await takeLock(runId, current))) {
    const joined = await readScanState();
    return joined ? statusOf(joined) : statusOf(null);
  }
  if (current?.outcome === 'cancelled') await kvs.delete(cancelKey(current.runId));
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
    pauseReason: null,
    outcome: null,
    failure: null,
    heartbeatAt: now.toISOString(),
    nextStepAt: now.toISOString(),
    stepRuns: 0,
    trouble: null,
    fullScanReason: lastGood ? null : 'This is the first scan: everything is read once.',
    unmeasured: [],
    partialPublished: false,
    done: 0,
    total: 0,
    points: 0,
    requests: 0,
    errors: [],
    budget: { pointsPerHour: settings.pointsBudgetPerHour, hourStart: hourOf(now.getTime()), used: 0, maxUsedInHour: 0 },
    sinceDay: null,
    previousGeneration: pointer?.generation ?? null,
    // The previous complete run's working data, and that of a run that failed or was cancelled.
    obsoleteRunIds: [...new Set([...(lastGood ? [lastGood.runId, ...runsOf(lastGood.directory)] : []), ...(current && current.outcome !== null ? [current.runId] : [])])],
    directory: null,
    identityChunks: 0,
    updatedAt: now.toISOString(),
  };
  // Carry this hour's spending (and what Jira said of its pools) over from the previous scan, so that back-to-back scans share one budget.
  const previous = current?.budget;
  if (previous && previous.hourStart === base.budget.hourStart) base.budget = { ...base.budget, used: previous.used, ...(previous.pools ? { pools: previous.pools } : {}) };
  const state = lastGood ? await planIncremental(base, lastGood, settings) : base;
  await writeScanState(state);
  await enqueueStep({ runId, step: 0 });
  return statusOf(state);
}

/** Continues a run whose steps stopped reporting: a fresh step number, so a late old event does nothing. */
async function resume(state: ScanState): Promise<ScanState> {
  const now = new Date().toISOString();
  const next: ScanState = { ...withError(state, `The scan stopped reporting progress; continued at ${now}`), step: state.step + 1, stepRuns: 0, heartbeatAt: now, nextStepAt: now, updatedAt: now };
  await writeScanState(next);
  await enqueueStep({ runId: next.runId, step: next.step });
  return next;
}

/** scan/cancel: ends the run; the snapshot readers see stays as it was. */
export async function cancelScan(): Promise<ScanStatus> {
  const state = await readScanState();
  if (!state || !isUnfinished(state)) return statusOf(state);
  await kvs.set(cancelKey(state.runId), { at: new Date().toISOString() });
  return statusOf(await endRun(state, 'cancelled', null));
}

/** Ends a run that did not complete: its state says why, and the lock is free for the next run. */
async function endRun(state: ScanState, outcome: 'failed' | 'cancelled', failure: string | null): Promise<ScanState> {
  const now = new Date().toISOString();
  const ended: ScanState = { ...state, outcome, failure, finishedAt: now, resumesAt: null, pauseReason: null, nextStepAt: null, updatedAt: now };
  await writeScanState(ended);
  const lock = (await kvs.get(LOCK_KEY)) as { runId: string } | undefined;
  if (lock?.runId === state.runId) await kvs.delete(LOCK_KEY);
  return ended;
}

/**
 * Runs one step of a scan (the consumer of scan-queue). Stale and duplicate events do nothing.
 * Every failure is handled here (paused, retried with backoff, recorded, or the run fails with a
 * message): the queue's own retries are only for a step that was cut off.
 */
export async function runScanStep(event: ScanStepEvent): Promise<void> {
  try {
    await runStep(event);
  } catch (e) {
    // Storage failed where the step could not record it (reading or writing its checkpoint). The
    // queue would give up after a few retries and leave the run adrift: the step is queued again,
    // with the same number and a growing delay, a bounded number of times.
    const retry = (event.retry ?? 0) + 1;
    if (retry > MAX_PLATFORM_RETRIES) throw e;
    console.warn(`[scan] step ${event.step} could not run (${e instanceof Error ? e.message : String(e)}); queued again (${retry})`);
    await enqueueStep({ ...event, retry }, Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** (retry - 1)) / 1000);
  }
}

async function runStep(event: ScanStepEvent): Promise<void> {
  const state = await readScanState();
  if (!state || state.runId !== event.runId || state.step !== event.step || state.outcome !== null) return;
  if (state.finishedAt !== null && state.phase !== 'cleanup') return;
  if (await kvs.get(cancelKey(state.runId))) {
    if (isUnfinished(state)) await endRun(state, 'cancelled', null);
    return;
  }
  const now = Date.now();
  const resumesAt = state.resumesAt ? Date.parse(state.resumesAt) : 0;
  if (resumesAt > now) {
    await writeScanState({ ...state, nextStepAt: new Date(resumesAt).toISOString() });
    await enqueueStep(event, (resumesAt - now) / 1000);
    return;
  }
  if (state.stepRuns >= MAX_STEP_RUNS) {
    await endRun(state, 'failed', `A step of the scan was cut off ${state.stepRuns} times before it could finish (while ${state.phase === 'identities' ? 'measuring integrations' : state.phase}). Start a new scan; if this happens again, report it.`);
    return;
  }
  // The heartbeat, and a count of how often this step number started (a step cut off runs again).
  const started: ScanState = { ...state, stepRuns: state.stepRuns + 1, heartbeatAt: new Date(now).toISOString(), nextStepAt: null, resumesAt: null };
  await writeScanState(started);

  const counters = { points: 0, requests: 0 };
  // The hour's budget is shared with the installation's other background jobs (background-budget.ts).
  const others = { hourStart: hourOf(now), points: await spentThisHour(hourOf(now), SCAN_WRITER) };
  const budget = new PointsBudget(state.budget, Date.now, others);
  const client = new JiraClient(backgroundPolicy(), {
    maxConcurrency: 6,
    maxRequestsPerSecond: requestsPerSecond(),
    deadline: now + STEP_WAIT_MS,
    observer: {
      beforeSend: ({ maxCost }) => {
        const settle = budget.reserve(maxCost);
        return ({ points }) => {
          settle(points);
          counters.points += points;
          counters.requests++;
        };
      },
      onPools: (pools) => budget.observePools(pools),
    },
  });
  let lastSave = now;
  const ctx: StepContext = {
    client,
    deadline: now + STEP_WORK_MS,
    state: started,
    settings: await readSettings(),
    lastGood: await readLastGood(),
    saveProgress: async () => {
      if (Date.now() - lastSave < PROGRESS_SAVE_MS) return;
      lastSave = Date.now();
      await checkpoint(ctx, counters, budget, { advance: false });
    },
  };
  const before = position(started);
  let phaseDone = false;
  let wait: { until: number; reason: string } | null = null;
  try {
    phaseDone = await runPhase(ctx);
    ctx.state = { ...ctx.state, trouble: null };
  } catch (e) {
    const failure = classifyFailure(e, 'phase', ctx.state.phase);
    if (failure.kind === 'pause') {
      const until = (e as { resumeAt: number }).resumeAt;
      wait = { until, reason: e instanceof BudgetSpentError ? `Waiting because ${e.reason}` : "Waiting because Jira's points quota for the app is spent until its hourly reset" };
    } else if (failure.kind === 'fatal') {
      await checkpoint(ctx, counters, budget, { advance: true });
      await endRun(ctx.state, 'failed', failure.message);
      return;
    } else {
      // Transient (or an item refused in a phase that cannot skip items): keep the progress made,
      // and try again after a backoff, until the failures have lasted GIVE_UP_MS without progress.
      const progressed = position(ctx.state) !== before;
      const trouble = progressed || !ctx.state.trouble ? { since: new Date().toISOString(), count: 1, last: failure.message } : { ...ctx.state.trouble, count: ctx.state.trouble.count + 1, last: failure.message };
      ctx.state = withError({ ...ctx.state, trouble }, failure.message);
      if (Date.now() - Date.parse(trouble.since) > GIVE_UP_MS) {
        await checkpoint(ctx, counters, budget, { advance: true });
        await endRun(ctx.state, 'failed', `The scan stopped: Jira kept failing for ${Math.round((Date.now() - Date.parse(trouble.since)) / 60_000)} minutes (${failure.message}). Start a new scan later.`);
        return;
      }
      const delay = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** (trouble.count - 1));
      wait = { until: Date.now() + delay, reason: `Jira did not answer as expected (${trouble.count} ${trouble.count === 1 ? 'time' : 'times'} in a row); trying again` };
    }
  }
  const next = await checkpoint(ctx, counters, budget, { advance: true, phaseDone, wait });
  if (!next) return;
  if (phaseDone && NEXT_PHASE[ctx.state.phase] === null) {
    await kvs.delete(LOCK_KEY);
    return;
  }
  await enqueueStep({ runId: next.runId, step: next.step }, wait ? (wait.until - Date.now()) / 1000 : 0);
}

/** Where the run stands, to tell whether a step made progress. */
function position(state: ScanState): string {
  return `${state.phase}:${state.cursor}:${state.done}`;
}

async function runPhase(ctx: StepContext): Promise<boolean> {
  if (ctx.state.phase === 'identities' && ctx.state.partialPublished) {
    // A first scan's partial snapshot fills in step by step (the last step's publish completes it).
    try {
      return await runIdentitiesPhase(ctx, await readSnapshotPointer());
    } finally {
      await refreshPartial(ctx.state);
    }
  }
  switch (ctx.state.phase) {
    case 'changes':
      return runChangesPhase(ctx);
    case 'directory':
      return runDirectoryPhase(ctx);
    case 'people':
      return runPeoplePhase(ctx);
    case 'projects':
      return runProjectsPhase(ctx);
    case 'identities':
      return runIdentitiesPhase(ctx, await readSnapshotPointer());
    case 'publish':
      return runPublishPhase(ctx);
    case 'cleanup':
      return runCleanupPhase(ctx);
  }
}

/**
 * Saves the step's state. With `advance`, the step is over: the step number moves on and, when
 * `wait` is set, the next step is due then. Answers null (and writes nothing) once an admin has
 * cancelled the run.
 */
async function checkpoint(
  ctx: StepContext,
  counters: { points: number; requests: number },
  budget: PointsBudget,
  options: { advance: boolean; phaseDone?: boolean; wait?: { until: number; reason: string } | null },
): Promise<ScanState | null> {
  // Fold what requests have cost so far into the state, synchronously, so that requests still in
  // flight are counted by the next checkpoint and none twice.
  const spentSinceLast = counters.points;
  ctx.state = { ...ctx.state, points: ctx.state.points + counters.points, requests: ctx.state.requests + counters.requests };
  counters.points = 0;
  counters.requests = 0;
  const now = new Date();
  const wait = options.wait ?? null;
  let next: ScanState = {
    ...ctx.state,
    budget: budget.snapshot(),
    heartbeatAt: now.toISOString(),
    updatedAt: now.toISOString(),
  };
  if (options.advance) {
    next = {
      ...next,
      step: next.step + 1,
      stepRuns: 0,
      resumesAt: wait ? new Date(wait.until).toISOString() : null,
      pauseReason: wait?.reason ?? null,
      nextStepAt: wait ? new Date(wait.until).toISOString() : now.toISOString(),
    };
  }
  const following = NEXT_PHASE[next.phase];
  if (options.phaseDone && following) next = { ...next, phase: following, cursor: 0, done: 0, total: 0 };
  if (await kvs.get(cancelKey(next.runId))) return null;
  await writeScanState(next);
  // What the scan spent this hour, for the other background jobs' budgets (written when it changed).
  if (spentSinceLast > 0) await recordSpent(next.budget.hourStart, SCAN_WRITER, next.budget.used);
  ctx.state = options.advance ? ctx.state : next;
  return next;
}

/**
 * Takes the one-scan-at-a-time lock. A lock is free when the run it belongs to has ended (failed,
 * cancelled, or completed and quiet for a while), or when no run claims it after a minute.
 */
async function takeLock(runId: string, current: ScanState | null): Promise<boolean> {
  const take = () => kvs.set(LOCK_KEY, { runId, at: new Date().toISOString() }, { keyPolicy: 'FAIL_IF_EXISTS' }).then(() => true, () => false);
  if (await take()) return true;
  const lock = (await kvs.get(LOCK_KEY)) as { runId: string; at: string } | undefined;
  if (!lock) return take();
  const ownedByCurrent = current !== null && lock.runId === current.runId;
  const ended = ownedByCurrent && (current.outcome !== null || (current.finishedAt !== null && isCleanupStale(current)));
  const orphan = !ownedByCurrent && Date.now() - Date.parse(lock.at) > ORPHAN_LOCK_MS;
  if (ended || orphan) {
    await kvs.delete(LOCK_KEY);
    return take();
  }
  return false;
}

/** A completed run whose cleanup stopped reporting: the next run may start (cleanup is redone later). */
function isCleanupStale(state: ScanState): boolean {
  return Date.now() - Date.parse(state.heartbeatAt ?? state.updatedAt) > 15 * 60_000;
}

async function statusOf(state: ScanState | null): Promise<ScanStatus> {
  const [lastGood, pointer] = await Promise.all([readLastGood(), readSnapshotPointer()]);
  const partial = pointer?.partial === true;
  if (!state) return idleStatus(lastGood?.completedAt ?? null, partial);
  // An admin's cancel wins over a step that wrote its checkpoint just after it.
  if (isUnfinished(state) && (await kvs.get(cancelKey(state.runId)))) return toStatus({ ...state, outcome: 'cancelled', finishedAt: state.updatedAt }, { lastCompletedAt: lastGood?.completedAt ?? null, partial });
  return toStatus(state, { lastCompletedAt: lastGood?.completedAt ?? null, partial });
}

export async function scanStatus(): Promise<ScanStatus> {
  return statusOf(await readScanState());
}
