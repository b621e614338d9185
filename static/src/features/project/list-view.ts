import type { ExpiryTier, ProjectIntegration } from '../../../../src/contract';

/** How the project page orders its integrations. */
export type SortKey = 'activity' | 'name' | 'recent' | 'expiry';

export const SORT_LABEL: Record<SortKey, string> = {
  activity: 'Most activity here',
  name: 'Name',
  recent: 'Most recent activity',
  expiry: 'Credential expiry, soonest first',
};

const TIER_ORDER: Record<ExpiryTier, number> = { expired: 0, critical: 1, warning: 2, unknown: 3, ok: 4 };
const names = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

const byName = (a: ProjectIntegration, b: ProjectIntegration) => names.compare(a.displayName, b.displayName);
const COMPARE: Record<SortKey, (a: ProjectIntegration, b: ProjectIntegration) => number> = {
  activity: (a, b) => b.activity.touches - a.activity.touches || byName(a, b),
  name: byName,
  recent: (a, b) => (b.activity.lastActivity ?? '').localeCompare(a.activity.lastActivity ?? '') || byName(a, b),
  expiry: (a, b) =>
    (a.credentials.worstTier === null ? 9 : TIER_ORDER[a.credentials.worstTier]) - (b.credentials.worstTier === null ? 9 : TIER_ORDER[b.credentials.worstTier]) ||
    (a.credentials.daysToExpiry ?? Infinity) - (b.credentials.daysToExpiry ?? Infinity) ||
    byName(a, b),
};

/** Whether an integration did anything here in the window (the rest hold access only, and are folded away). */
export const workedHere = (i: ProjectIntegration) => i.activity.touches + i.activity.worked > 0;

/** Words a filter matches: the integration's name, kind label, team, purpose and the people to call. */
function haystack(i: ProjectIntegration, kindLabel: string): string {
  return [i.displayName, kindLabel, i.team, i.purpose, ...i.callList.map((c) => c.displayName)].join('\n').toLocaleLowerCase();
}

/**
 * The page's two lists after a filter and a sort: integrations that worked here, and those that only
 * hold access (folded away behind their count). Pure.
 */
export function listView(items: readonly ProjectIntegration[], opts: { filter: string; sort: SortKey; kindLabel: (i: ProjectIntegration) => string }) {
  const words = opts.filter.toLocaleLowerCase().split(/\s+/).filter(Boolean);
  const matching = items.filter((i) => {
    const text = haystack(i, opts.kindLabel(i));
    return words.every((w) => text.includes(w));
  });
  const sorted = [...matching].sort(COMPARE[opts.sort]);
  return { working: sorted.filter(workedHere), idle: sorted.filter((i) => !workedHere(i)), matched: matching.length };
}

/** Integrations nobody can be called about (no active owner, backup or credential owner). */
export const nobodyToCall = (items: readonly ProjectIntegration[]) => items.filter((i) => i.callList.length === 0);
