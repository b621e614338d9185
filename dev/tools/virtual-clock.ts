/**
 * A clock that can jump forward: Date.now() and new Date() read real time plus an offset that the
 * benchmark advances while the scan waits for its next hour's budget. Everything else (timers,
 * latency) stays real, unless installVirtualTimers() puts the timers on this clock too.
 */
const RealDate = Date;
const realPerformanceNow = performance.now.bind(performance);
let offset = 0;

class VirtualDate extends RealDate {
  constructor(...args: unknown[]) {
    if (args.length === 0) super(RealDate.now() + offset);
    else super(...(args as [string | number]));
  }

  static override now(): number {
    return RealDate.now() + offset;
  }
}

export function installVirtualClock(): void {
  globalThis.Date = VirtualDate as DateConstructor;
}

/**
 * Monotonic time on this clock: real elapsed time plus every jump. For what counts time passing
 * outside the app (the host's storage rate windows): a jump of a minute is a minute for them too.
 */
export function monotonicNow(): number {
  return realPerformanceNow() + offset;
}

/** Moves the clock forward to `at` (ms), if it is in the future. */
export function advanceTo(at: number): void {
  const now = VirtualDate.now();
  if (at > now) offset += at - now;
}

interface Timer {
  handle: VirtualTimer;
  at: number;
  delay: number;
  /** Repeats (setInterval) or runs once (setTimeout). */
  repeat: boolean;
  run: () => void;
}

/** What setTimeout answers: Node's Timeout methods, and a number for code that keeps ids. */
class VirtualTimer {
  constructor(readonly id: number) {}
  ref(): this {
    return this;
  }
  unref(): this {
    return this;
  }
  hasRef(): boolean {
    return true;
  }
  refresh(): this {
    const timer = pending.find((t) => t.handle === this);
    if (timer) {
      remove(this);
      timer.at = VirtualDate.now() + timer.delay;
      insert(timer);
    }
    return this;
  }
  [Symbol.toPrimitive](): number {
    return this.id;
  }
}

const real = { setTimeout: globalThis.setTimeout, clearTimeout: globalThis.clearTimeout, setInterval: globalThis.setInterval, clearInterval: globalThis.clearInterval, setImmediate: globalThis.setImmediate };
/** Pending timers, earliest first (ties in the order they were set, as Node runs them). */
const pending: Timer[] = [];
let lastId = 0;
let driving = false;

function insert(timer: Timer): void {
  let i = pending.length;
  while (i > 0 && (pending[i - 1] as Timer).at > timer.at) i--;
  pending.splice(i, 0, timer);
}

function remove(handle: unknown): boolean {
  const i = pending.findIndex((t) => t.handle === handle || (typeof handle === 'number' && t.handle.id === handle));
  if (i >= 0) pending.splice(i, 1);
  return i >= 0;
}

/**
 * Runs the earliest timer once everything runnable now has run (promise jobs, then the I/O and
 * immediates Node had queued), moving the clock to its time; then looks again.
 */
function drive(): void {
  if (driving || pending.length === 0) return;
  driving = true;
  // Two turns of the check phase: immediates queued after this one (in the same turn) run first.
  real.setImmediate(() => real.setImmediate(() => {
    driving = false;
    const timer = pending.shift();
    if (timer) {
      advanceTo(timer.at);
      if (timer.repeat) insert(timer);
      timer.run();
      // As Node: an interval's next run counts from the end of this one (a clock that jumped is not caught up).
      if (timer.repeat && remove(timer.handle)) insert({ ...timer, at: VirtualDate.now() + timer.delay });
    }
    drive();
  }));
}

function add(run: () => void, ms: number | undefined, repeat: boolean): VirtualTimer {
  // As Node: a delay below 1 ms (or not a number) is 1 ms.
  const delay = Math.max(1, Number(ms) || 0);
  const handle = new VirtualTimer(++lastId);
  insert({ handle, at: VirtualDate.now() + delay, delay, repeat, run });
  drive();
  return handle;
}

/**
 * Puts setTimeout and setInterval on the virtual clock (and installs it): a timer's callback runs
 * as soon as nothing else is left to run, and the clock jumps to the time it was due. Code whose
 * waits are all timers (the in-process host, the simulated site, SQLite, the scan's pacing and
 * backoff) runs exactly as it would, in the same order, without the waiting. Only for one test file
 * (one process) whose host runs in-process: real I/O would see the clock race ahead of it.
 */
export function installVirtualTimers(): void {
  installVirtualClock();
  // Monotonic time moves with it (the host's storage rate windows slide on it).
  performance.now = monotonicNow;
  const g = globalThis as unknown as Record<string, unknown>;
  g.setTimeout = (fn: (...a: unknown[]) => void, ms?: number, ...args: unknown[]) => add(() => fn(...args), ms, false);
  g.setInterval = (fn: (...a: unknown[]) => void, ms?: number, ...args: unknown[]) => add(() => fn(...args), ms, true);
  // A timer set before the switch is still a real one.
  const clear = (realClear: (h: never) => void) => (handle: unknown) => {
    if (handle instanceof VirtualTimer) remove(handle);
    else if (!(typeof handle === 'number' && remove(handle)) && handle !== undefined && handle !== null) realClear(handle as never);
  };
  g.clearTimeout = clear(real.clearTimeout);
  g.clearInterval = clear(real.clearInterval);
}

/**
 * Puts the real timers back (the clock stays virtual): for a process that goes on to real I/O (a
 * browser, a server) after its in-process host closed. Virtual timers still pending never run.
 */
export function uninstallVirtualTimers(): void {
  const g = globalThis as unknown as Record<string, unknown>;
  g.setTimeout = real.setTimeout;
  g.setInterval = real.setInterval;
  g.clearTimeout = real.clearTimeout;
  g.clearInterval = real.clearInterval;
  performance.now = realPerformanceNow;
  pending.splice(0);
}
