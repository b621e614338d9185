/**
 * A simulated day as a site lives it, on the virtual clock: the day's changes arrive slice by slice
 * (every SLICE_MS, not all in one second), each slice's product events are delivered and folded
 * before the clock moves on, and the scheduled triggers manifest.yml declares run at their
 * intervals, as Forge runs them: the first run at `firstRunAt` (the bench's deploy), then every
 * interval after it.
 */
import type { Host } from '../dev/host/host';
import { INTERVAL_MS } from '../dev/host/scheduler';
import { drainQueue } from '../dev/tools/drain';
import { advanceTo } from '../dev/tools/virtual-clock';

export const DAY_MS = 86_400_000;
/** Fifteen minutes: a day's 1% of issues on the large site is about 50 changes a slice. */
export const SLICE_MS = 15 * 60_000;

/** When each scheduled trigger runs next, from the first run onwards. */
export class Schedule {
  private readonly next = new Map<string, number>();

  /** Triggers first ran at `firstRunAt`; this schedule runs the ones after `from`. */
  constructor(
    private readonly host: Host,
    firstRunAt: number,
    from: number,
  ) {
    for (const t of host.manifest.scheduledTriggers) {
      const every = INTERVAL_MS[t.interval];
      this.next.set(t.key, firstRunAt + Math.max(1, Math.ceil((from - firstRunAt) / every)) * every);
    }
  }

  /** The runs due by `until`, earliest first (a trigger due several times runs each time). */
  private due(until: number): Array<{ key: string; at: number }> {
    const out: Array<{ key: string; at: number }> = [];
    for (const t of this.host.manifest.scheduledTriggers) {
      for (let at = this.next.get(t.key) ?? Infinity; at <= until; at += INTERVAL_MS[t.interval]) {
        out.push({ key: t.key, at });
        this.next.set(t.key, at + INTERVAL_MS[t.interval]);
      }
    }
    return out.sort((a, b) => a.at - b.at);
  }

  /** Runs every trigger due by `until`, each at its time, with what it queued up to then. */
  async runDue(until: number, log: (line: string) => void): Promise<string[]> {
    const ran: string[] = [];
    for (const { key, at } of this.due(until)) {
      advanceTo(at);
      log(`[day] ${new Date(Date.now()).toISOString()}: scheduled trigger ${key}`);
      await this.host.functions.runTrigger(key).catch((e: unknown) => log(`[day] trigger ${key} failed: ${e instanceof Error ? e.message : String(e)}`));
      await drainQueue(this.host, { skipIdleTime: true, until });
      ran.push(key);
    }
    return ran;
  }
}

/**
 * One day from `start`: `change(slice, at)` makes the slice's changes on the site at its start;
 * their events are delivered, the queue runs (jumping over idle time, never past the slice's end),
 * the triggers due in the slice run. Ends with the clock at start + DAY_MS and nothing due before.
 */
export async function simulateDay(
  host: Host,
  o: {
    start: number;
    change: (slice: number, at: number) => void;
    schedule: Schedule | null;
    log?: (line: string) => void;
  },
): Promise<void> {
  const bus = host.productEvents;
  const log = o.log ?? (() => undefined);
  const slices = DAY_MS / SLICE_MS;
  for (let slice = 0; slice < slices; slice++) {
    const at = o.start + slice * SLICE_MS;
    const end = at + SLICE_MS;
    advanceTo(at);
    o.change(slice, at);
    await bus?.flush();
    await drainQueue(host, { skipIdleTime: true, until: end });
    await o.schedule?.runDue(end, log);
  }
  advanceTo(o.start + DAY_MS);
}
