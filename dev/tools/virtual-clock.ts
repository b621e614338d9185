/**
 * A clock that can jump forward: Date.now() and new Date() read real time plus an offset that the
 * benchmark advances while the scan waits for its next hour's budget. Everything else (timers,
 * latency) stays real.
 */
const RealDate = Date;
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

/** Moves the clock forward to `at` (ms), if it is in the future. */
export function advanceTo(at: number): void {
  const now = VirtualDate.now();
  if (at > now) offset += at - now;
}
