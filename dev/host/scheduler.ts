import type { HostManifest } from './manifest';

export const INTERVAL_MS: Record<HostManifest['scheduledTriggers'][number]['interval'], number> = {
  fiveMinute: 5 * 60_000,
  hour: 60 * 60_000,
  day: 24 * 60 * 60_000,
  week: 7 * 24 * 60 * 60_000,
};

// Forge runs a trigger's first invocation about five minutes after deploy (scheduled-trigger docs);
// locally one minute after start is close enough and keeps short sessions useful.
const FIRST_RUN_DELAY_MS = 60_000;

/** Runs the manifest's scheduled triggers on their intervals. A failed run is logged, not retried (as on Forge). */
export class Scheduler {
  private timers: NodeJS.Timeout[] = [];

  constructor(
    private readonly triggers: HostManifest['scheduledTriggers'],
    private readonly run: (key: string) => Promise<unknown>,
  ) {}

  start(): void {
    for (const t of this.triggers) {
      const fire = () => {
        this.run(t.key).catch((e: unknown) => console.warn(`[trigger ${t.key}] failed: ${e instanceof Error ? e.message : String(e)}`));
      };
      const first = setTimeout(() => {
        fire();
        this.timers.push(setInterval(fire, INTERVAL_MS[t.interval]));
      }, FIRST_RUN_DELAY_MS);
      this.timers.push(first);
    }
  }

  stop(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers = [];
  }
}
