import { describe, expect, it } from 'vitest';
import { countedPeriod, windowOf } from '../../src/scan/jql';
import { spreadOverProjects, spreadOverTiers } from '../../src/scan/split';

const KEYS = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'];

/** Counts from a fixed truth; `skew` adds to one project's count from the n-th count on (a change between counts). */
function counter(truth: Record<string, number>, skew?: { key: string; by: number; after: number }) {
  const asked: string[][] = [];
  const countIn = async (keys: readonly string[]) => {
    asked.push([...keys]);
    const extra = skew && asked.length > skew.after && keys.includes(skew.key) ? skew.by : 0;
    return keys.reduce((n, k) => n + (truth[k] ?? 0), 0) + extra;
  };
  return { countIn, asked };
}

describe('spreadOverProjects', () => {
  it.each<{ name: string; truth: Record<string, number>; counts: number }>([
    { name: 'nothing anywhere', truth: {}, counts: 0 },
    { name: 'all in one project', truth: { C: 7 }, counts: 3 },
    { name: 'in the first and the last', truth: { A: 2, H: 5 }, counts: 5 },
    { name: 'everywhere', truth: Object.fromEntries(KEYS.map((k) => [k, 1])), counts: 7 },
  ])('finds the exact spread: $name', async ({ truth, counts }) => {
    const { countIn, asked } = counter(truth);
    const total = Object.values(truth).reduce((n, v) => n + v, 0);
    const found = await spreadOverProjects(KEYS, total, countIn);
    expect(Object.fromEntries(found)).toEqual(truth);
    // Only left halves are counted: the right half is the parent's count minus the left's.
    expect(asked.length).toBe(counts);
  });

  it('counts the other half too when a child exceeds its parent, instead of inferring a negative remainder', async () => {
    // D gains 3 items after the root was counted: the left half {A..D} then exceeds the root.
    const { countIn, asked } = counter({ B: 1, F: 1 }, { key: 'D', by: 3, after: 0 });
    const found = await spreadOverProjects(KEYS, 2, countIn);
    expect(found.get('F')).toBe(1);
    expect([...found.values()].every((n) => n > 0)).toBe(true);
    expect(asked).toContainEqual(['E', 'F', 'G', 'H']);
  });
});

describe('spreadOverTiers', () => {
  const TIERS = [['A', 'B'], ['C', 'D', 'E'], ['F', 'G', 'H']];
  it.each<{ name: string; truth: Record<string, number>; counts: number }>([
    { name: 'all where it can edit: the other tiers cost one count', truth: { A: 3, B: 1 }, counts: 2 },
    { name: 'all in the last tier (access removed): its remainder, never counted as a whole', truth: { G: 4 }, counts: 4 },
    { name: 'spread over every tier', truth: { B: 1, D: 2, H: 1 }, counts: 6 },
  ])('$name', async ({ truth, counts }) => {
    const { countIn, asked } = counter(truth);
    const total = Object.values(truth).reduce((n, v) => n + v, 0);
    expect(Object.fromEntries(await spreadOverTiers(TIERS, total, countIn))).toEqual(truth);
    expect(asked.length).toBe(counts);
    expect(asked).not.toContainEqual(['F', 'G', 'H']);
  });

  it('counts the remaining tiers when a tier exceeds what is left of the total', async () => {
    const { countIn, asked } = counter({ A: 1, G: 2 }, { key: 'A', by: 5, after: 0 });
    const found = await spreadOverTiers(TIERS, 3, countIn);
    expect(found.get('G')).toBe(2);
    expect(asked).toContainEqual(['F', 'G', 'H']);
  });
});

describe('countedPeriod', () => {
  const at = (iso: string) => Date.parse(iso);
  it.each([
    { name: 'real-site mode, mid-day: count up to today, read today', started: '2026-03-10T12:00:00Z', to: null, now: '2026-03-10T12:00:00Z', countTo: '2026-03-10', tail: true },
    { name: 'real-site mode, just after midnight: yesterday is not settled yet', started: '2026-03-10T00:20:00Z', to: null, now: '2026-03-10T00:20:00Z', countTo: '2026-03-09', tail: true },
    { name: 'events from an earlier day: all counted, no tail', started: '2026-03-10T12:00:00Z', to: '2026-03-08', now: '2026-03-10T12:00:00Z', countTo: '2026-03-08', tail: false },
    { name: 'events from today, shortly after midnight: yesterday read', started: '2026-03-10T00:10:00Z', to: '2026-03-10', now: '2026-03-10T00:10:00Z', countTo: '2026-03-09', tail: true },
  ])('$name', ({ started, to, now, countTo, tail }) => {
    const w = windowOf(30, started, to);
    expect(countedPeriod(w, at(now))).toEqual({ countTo, tail });
  });
});
