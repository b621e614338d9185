import type { Host } from '../host/host';
import { advanceTo } from './virtual-clock';

/**
 * Runs the host's queue until no event is pending. With `skipIdleTime`, when the only pending
 * events are delayed (a scan waiting for the next hour's budget or Jira's quota reset), the
 * virtual clock jumps to the first of them instead of waiting. With `until` (ms), it stops once
 * nothing runs and the next pending event is due after that moment (a driver that simulates a day
 * slice by slice: later work waits for its slice), and never jumps past it. `onTick` sees each
 * turn; `beforeSkip` runs (and is awaited) just before each jump, so that a watcher sees the state
 * the app reached before the clock moves on (a look once a second of real time could land after it).
 */
export async function drainQueue(host: Host, options: { skipIdleTime?: boolean; until?: number; onTick?: () => void; beforeSkip?: () => Promise<void> } = {}): Promise<void> {
  for (;;) {
    options.onTick?.();
    const next = host.queue.nextRunAt();
    const busy = host.queue.busy();
    if (!busy && (next === null || (options.until !== undefined && next > Math.max(options.until, Date.now())))) return;
    if (options.skipIdleTime && next !== null && !busy && next > Date.now()) {
      await options.beforeSkip?.();
      advanceTo(next);
      // The queue polls on a timer: look now rather than a poll later.
      host.queue.wake();
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}
