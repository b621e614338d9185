/** The virtual timers the scan fault suites run on: same order as Node's timers, no real waiting. */
import { describe, expect, it } from 'vitest';
import { advanceTo, installVirtualTimers } from '../../dev/tools/virtual-clock';

installVirtualTimers();
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

describe('virtual timers', () => {
  it('run timers in the order they are due, moving the clock (Date and performance.now) to each one, without waiting', async () => {
    const realStart = process.hrtime.bigint();
    const start = Date.now();
    const monotonicStart = performance.now();
    const seen: Array<[string, number]> = [];
    await Promise.all([
      sleep(3_600_000).then(() => seen.push(['hour', Date.now() - start])),
      sleep(1_000).then(() => seen.push(['second', Date.now() - start])),
      sleep(60_000).then(() => seen.push(['minute', Date.now() - start])),
    ]);
    expect(seen.map(([name]) => name)).toEqual(['second', 'minute', 'hour']);
    expect(seen[0]?.[1]).toBeGreaterThanOrEqual(1_000);
    expect(seen[1]?.[1]).toBeGreaterThanOrEqual(60_000);
    expect(seen[2]?.[1]).toBeGreaterThanOrEqual(3_600_000);
    expect(performance.now() - monotonicStart).toBeGreaterThanOrEqual(3_600_000);
    expect(Number(process.hrtime.bigint() - realStart) / 1e6).toBeLessThan(2_000);
  });

  it('runs work that is ready before a later timer (promise jobs and immediates first)', async () => {
    const order: string[] = [];
    const timer = sleep(10).then(() => order.push('timer'));
    await new Promise<void>((resolve) => setImmediate(resolve));
    order.push('immediate');
    await timer;
    expect(order).toEqual(['immediate', 'timer']);
  });

  it('cancels timers, and repeats intervals from their last run (a jump is not caught up)', async () => {
    let fired = false;
    const handle = setTimeout(() => (fired = true), 50);
    clearTimeout(handle);
    let runs = 0;
    const interval = setInterval(() => {
      runs++;
      if (runs === 2) advanceTo(Date.now() + 86_400_000);
    }, 100);
    await sleep(1_000);
    clearInterval(interval);
    expect(fired).toBe(false);
    // Run 2 jumped a day ahead: the 1 s sleep was due long before, so the interval ran twice, not a million times.
    expect(runs).toBe(2);
  });
});
