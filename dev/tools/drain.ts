import type { Host } from '../host/host';
import { advanceTo } from './virtual-clock';

/**
 * Runs the host's queue until no event is pending. With `skipIdleTime`, when the only pending
 * events are delayed (a scan waiting for the next hour's budget or Jira's quota reset), the
 * virtual clock jumps to the first of them instead of waiting. `onTick` sees each turn.
 */
export async function drainQueue(host: Host, options: { skipIdleTime?: boolean; onTick?: () => void } = {}): Promise<void> {
  for (;;) {
    options.onTick?.();
    const next = host.queue.nextRunAt();
    if (next === null && !host.queue.busy()) return;
    if (options.skipIdleTime && next !== null && !host.queue.busy() && next > Date.now()) advanceTo(next);
    await new Promise((r) => setTimeout(r, 20));
  }
}
