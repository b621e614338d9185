import { afterEach, describe, expect, it } from 'vitest';
import type { Host } from '../../dev/host/host';
import { installVirtualTimers } from '../../dev/tools/virtual-clock';
import { refreshIndex, requestUpkeep, UPKEEP_ACCOUNTS_PER_RUN } from '../../src/activity/compactor';
import { readAllActivity, readDayCells } from '../../src/activity/read';
import { dayOf, DAY_MS, ZERO } from '../../src/activity/ledger';
import { writeLedger } from '../../src/activity/store';
import { runInApp, startTestHost } from '../support/host';

// The upkeep's continuation waits a minute: on the virtual clock, not in real time.
installVirtualTimers();

let host: Host;
afterEach(() => host?.close());

const inApp = <T>(fn: () => Promise<T>) => runInApp(fn, 60_000);

describe('the ledger’s daily upkeep', () => {
  it('ages every account in runs of a bounded size, a minute apart', async () => {
    host = startTestHost();
    const accounts = Array.from({ length: UPKEEP_ACCOUNTS_PER_RUN + 50 }, (_, i) => `upkeep-${String(i).padStart(4, '0')}`);
    const now = Date.now();
    const old = dayOf(now - 40 * DAY_MS);
    const recent = dayOf(now - DAY_MS);
    const cell = { ...ZERO, touches: 1, updated: 1, last: now - DAY_MS };
    await inApp(async () => {
      for (const accountId of accounts) await writeLedger({ accountId, days: { [old]: { OLD: cell }, [recent]: { NEW: cell } } });
      // The index as it stood before the day turned: the old day still counted (a 60-day window then).
      await refreshIndex(accounts, 60, now);
    });
    expect((await inApp(() => readAllActivity())).get(accounts[0] as string)?.has('OLD')).toBe(true);

    const runs: Array<{ upkeepFrom?: string; reconcile?: unknown }> = [];
    const deliver = host.functions.deliverEvent.bind(host.functions);
    host.functions.deliverEvent = (event) => {
      runs.push(event.body as { upkeepFrom?: string });
      return deliver(event);
    };
    await inApp(() => requestUpkeep());
    await host.queue.idle();

    // Two runs: the first ages UPKEEP_ACCOUNTS_PER_RUN accounts, the second the rest, a minute later.
    expect(runs.filter((r) => (r as { upkeep?: boolean }).upkeep)).toHaveLength(2);
    expect(runs[1]?.upkeepFrom).toBe(accounts[UPKEEP_ACCOUNTS_PER_RUN - 1]);
    const index = await inApp(() => readAllActivity());
    for (const accountId of [accounts[0], accounts.at(-1)] as string[]) {
      expect([...(index.get(accountId)?.keys() ?? [])]).toEqual(['NEW']);
      expect(Object.keys(await inApp(() => readDayCells(accountId)))).toEqual([recent]);
    }
    expect(index.size).toBe(accounts.length);
  }, 60_000);
});
