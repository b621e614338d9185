import type { Host } from '../host/host';
import { advanceTo } from './virtual-clock';

/**
 * Runs the host's queue until no event is pending. With `skipIdleTime`, when the only pending
 * events are delayed (a scan waiting for the next hour's budget or Jira's quota reset), the
 * virtual clock jumps to the first of them instead of waiting. `onTick` sees each turn;
 * `beforeSkip` runs (and is awaited) just before each jump, so that a watcher sees the state the
 * app reached before the clock moves on (a look once a second of real time could land after it).
 */
export async function drainQueue(host: Host, options: { skipIdleTime?: boolean; onTick?: () => void; beforeSkip?: () => Promise<void> } = {}): Promise<void> {
  for (;;) {
    options.onTick?.();
    const next = host.queue.nextRunAt();
    if (next === null && !host.queue.busy()) return;
    if (options.skipIdleTime && next !== null && !host.queue.busy() && next > Date.now()) {
      await options.beforeSkip?.();
      advanceTo(next);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}
