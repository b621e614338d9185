import { afterEach, describe, expect, it } from 'vitest';
import type { Host } from '../../dev/host/host';
import { recordSpent, spentThisHour } from '../../src/jira/background-budget';
import { hourOf } from '../../src/jira/points-budget';
import { lookUpPeopleCards } from '../../src/registry/people-cards';
import { readScanState } from '../../src/scan/state';
import { saveSettings } from '../../src/storage/scan-settings';
import { runInApp, startTestHost } from '../support/host';
import { accounts } from '../support/registry';

process.env.SCAN_RETRY_BASE_MS = '20';

let host: Host;
afterEach(() => host?.close());

const inApp = <T>(fn: () => Promise<T>) => runInApp(fn, 10_000);

describe('one hourly points budget for all background work', () => {
  it('a background job spends from the hour and records it; once the hour is spent, it makes no Jira call', async () => {
    host = startTestHost();
    const people = accounts(host).people.slice(0, 3);
    await inApp(() => saveSettings({ windowDays: 90, pointsBudgetPerHour: 2_000 }));
    const hour = hourOf(Date.now());

    host.sim?.meter.reset();
    await inApp(() => lookUpPeopleCards(people.slice(0, 1)));
    const spent = host.sim?.meter.snapshot().points ?? 0;
    expect(spent).toBeGreaterThan(0);
    expect(await inApp(() => spentThisHour(hour))).toBe(spent);

    // The scan has spent the rest of the hour: the next lookup waits for the next hour.
    await inApp(() => recordSpent(hour, 'scan', 2_000 - spent));
    host.sim?.meter.reset();
    await inApp(() => lookUpPeopleCards(people.slice(1)));
    expect(host.sim?.meter.snapshot().requests ?? 0).toBe(0);
    expect(await inApp(() => spentThisHour(hour))).toBe(2_000);
  });

  it("the scan counts what the installation's other background jobs spent this hour", async () => {
    host = startTestHost();
    await inApp(() => saveSettings({ windowDays: 90, pointsBudgetPerHour: 2_000 }));
    const hour = hourOf(Date.now());
    await inApp(() => recordSpent(hour, 'roles:earlier-job', 1_990));
    host.sim?.meter.reset();
    await host.functions.runTrigger('daily-trigger');
    // Let the first step run: it must pause at once instead of spending.
    for (let i = 0; i < 50 && !(await inApp(() => readScanState()))?.pauseReason; i++) await new Promise((r) => setTimeout(r, 50));
    const state = await inApp(() => readScanState());
    expect(state?.pauseReason).toMatch(/budget is spent/);
    expect(host.sim?.meter.snapshot().points ?? 0).toBeLessThanOrEqual(10);
  });
});
