import { makeResolver } from '@forge/resolver';
import type { Defs } from './contract';
import { handlers } from './resolvers';
import { runReminderSweep } from './registry/reminders';
import { startScan, runScanStep } from './scan/engine';
import type { ScanStepEvent } from './scan/queue';

/** The resolver function behind both Custom UI modules (manifest.yml: function `resolver`). */
export const handler = makeResolver<Defs>(handlers);

/** The consumer of scan-queue: one checkpointed step of a scan per event (manifest.yml: function `scan-worker`). */
export const scanWorker = makeResolver<{ 'scan-step': (event: ScanStepEvent) => void }>({
  'scan-step': async ({ payload }) => {
    await runScanStep(payload);
  },
});

/**
 * The daily scheduled trigger (manifest.yml: function `daily`): starts the day's scan (or joins a
 * running one) and sends expiry reminders. Each part runs even when the other fails.
 */
export async function daily(): Promise<void> {
  const results = await Promise.allSettled([startScan('schedule'), runReminderSweep()]);
  for (const r of results) if (r.status === 'rejected') console.warn(`[daily] ${r.reason instanceof Error ? r.reason.message : String(r.reason)}`);
}
