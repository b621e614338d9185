import { PERSON_INTEGRATION_SCORE, type Evidence, type EvidenceMeasure, type IdentityKind } from '../contract';

/**
 * Which accounts are integration identities, and why. Pure: takes what a scan measured, knows
 * nothing of Jira or Forge. App accounts are identified by their account type alone; a person is
 * taken for an integration when their activity looks automated, with each signal shown as evidence.
 */

export interface AccountFacts {
  accountType: string | undefined;
  appType: string | undefined;
  email: string | null;
}

/** What a scan measured about a person's activity in the window. Absent fields were not measured. */
export interface ActivitySignals {
  windowDays: number;
  /** Issues the person updated in the window (Jira's updatedBy). */
  issuesUpdated: number;
  projectsTouched?: number;
  /** Timestamps (ms) of a sample of their changes, grouped by issue, for timing signals. */
  sampleTimes?: number[][];
  /** The person's time zone (IANA), so that "night" means their night; UTC when unknown. */
  timeZone?: string;
}

export interface Classification {
  kind: IdentityKind;
  /** 0..1 for people found by the heuristics; null when the account type decides. */
  score: number | null;
  evidence: Evidence[];
}

export type Override = 'integration' | 'not-integration' | null;

/** Thresholds, named so that tests and evidence texts say the same thing. */
export const THRESHOLDS = {
  /** A person who updates this many issues a day, every day, for months, is beyond a person's habit. */
  issuesPerDay: 4,
  /** Half that volume makes a person a candidate worth a closer (timing) look. */
  candidatePerDay: 1.5,
  projectsTouched: 5,
  /** Share of sampled changes in the person's quiet hours (22:00–06:00 local) and at weekends. */
  offHoursShare: 0.3,
  /** Share of a person's consecutive changes to the same issue that came less than 10 seconds apart. */
  burstShare: 0.3,
  burstGapMs: 10_000,
  /** Distinct hours of the day with activity, out of 24. */
  hoursCovered: 18,
  /** Score at or above which a person is taken for an integration. */
  personIntegration: PERSON_INTEGRATION_SCORE,
  minSample: 10,
} as const;

export function classifyApp(facts: AccountFacts): Classification | null {
  if (facts.accountType !== 'app') return null;
  if (facts.appType === 'service') {
    return { kind: 'service-account', score: null, evidence: [{ signal: 'account type', detail: 'Atlassian service account (accountType app, appType service)' }] };
  }
  if (facts.appType === 'agent') {
    return { kind: 'rovo-agent', score: null, evidence: [{ signal: 'account type', detail: 'Rovo agent account (accountType app, appType agent)' }] };
  }
  return { kind: 'app-account', score: null, evidence: [{ signal: 'account type', detail: 'App account (accountType app): a Forge, Connect or OAuth integration' }] };
}

/** Items a person must have touched in the window to be a candidate (worth measuring closely). */
export function candidateMinimum(windowDays: number): number {
  return Math.ceil(THRESHOLDS.candidatePerDay * windowDays);
}

/** Scores a human account's activity; answers the evidence even when the score stays low. */
export function scorePerson(signals: ActivitySignals): { score: number; evidence: Evidence[] } {
  const evidence: Evidence[] = [];
  let score = 0;
  const perDay = signals.issuesUpdated / Math.max(1, signals.windowDays);
  const perDayShown = Math.round(perDay * 10) / 10;
  if (perDay >= THRESHOLDS.issuesPerDay) {
    score += 0.35;
    evidence.push({ signal: 'volume', detail: `${signals.issuesUpdated} issues updated in ${signals.windowDays} days (${perDay.toFixed(1)} a day)`, measure: { value: perDayShown, threshold: THRESHOLDS.issuesPerDay, unit: 'issues a day', points: 0.35 } });
  } else if (perDay >= THRESHOLDS.candidatePerDay) {
    score += 0.15;
    evidence.push({ signal: 'volume', detail: `${signals.issuesUpdated} issues updated in ${signals.windowDays} days (${perDay.toFixed(1)} a day)`, measure: { value: perDayShown, threshold: THRESHOLDS.candidatePerDay, unit: 'issues a day', points: 0.15 } });
  }
  if ((signals.projectsTouched ?? 0) >= THRESHOLDS.projectsTouched) {
    score += 0.15;
    evidence.push({ signal: 'spread', detail: `active in ${signals.projectsTouched} projects`, measure: { value: signals.projectsTouched ?? 0, threshold: THRESHOLDS.projectsTouched, unit: 'projects', points: 0.15 } });
  }
  const perIssue = (signals.sampleTimes ?? []).map((times) => [...times].sort((a, b) => a - b));
  const times = perIssue.flat();
  if (times.length >= THRESHOLDS.minSample) {
    const local = times.map((t) => localTime(t, signals.timeZone));
    const offHours = local.filter(isOffHours).length / times.length;
    const hours = new Set(local.map((l) => l.hour)).size;
    if (offHours >= THRESHOLDS.offHoursShare || hours >= THRESHOLDS.hoursCovered) {
      score += 0.25;
      // The measure shown is whichever of the two met its threshold (off-hours share first).
      const measure: EvidenceMeasure =
        offHours >= THRESHOLDS.offHoursShare
          ? { value: Math.round(offHours * 100), threshold: THRESHOLDS.offHoursShare * 100, unit: 'percent', points: 0.25 }
          : { value: hours, threshold: THRESHOLDS.hoursCovered, unit: 'hours of 24', points: 0.25 };
      evidence.push({ signal: 'round the clock', detail: `${Math.round(offHours * 100)}% of sampled changes at night or weekends; active in ${hours} of 24 hours`, measure });
    }
    // People edit an issue, then come back minutes or days later; scripts fire several changes at once.
    let pairs = 0;
    let bursts = 0;
    for (const issueTimes of perIssue) {
      for (let i = 1; i < issueTimes.length; i++) {
        pairs++;
        if ((issueTimes[i] ?? 0) - (issueTimes[i - 1] ?? 0) < THRESHOLDS.burstGapMs) bursts++;
      }
    }
    const burstShare = pairs > 0 ? bursts / pairs : 0;
    if (pairs >= 3 && burstShare >= THRESHOLDS.burstShare) {
      score += 0.25;
      evidence.push({
        signal: 'bursts',
        detail: `${Math.round(burstShare * 100)}% of repeat changes to an issue came less than 10 seconds after the previous one`,
        measure: { value: Math.round(burstShare * 100), threshold: THRESHOLDS.burstShare * 100, unit: 'percent', points: 0.25 },
      });
    }
  }
  return { score: Math.min(1, Math.round(score * 100) / 100), evidence };
}

/**
 * The final decision for one account: an admin's override wins; app accounts are integrations by
 * type; people by score. Answers null for an account that is not an integration.
 */
export function classify(facts: AccountFacts, signals: ActivitySignals | null, override: Override): Classification | null {
  if (override === 'not-integration') return null;
  const app = classifyApp(facts);
  if (app) return app;
  const scored = signals ? scorePerson(signals) : { score: 0, evidence: [] };
  if (override === 'integration') {
    return { kind: 'person-integration', score: scored.score, evidence: [{ signal: 'admin', detail: 'Marked as an integration by a Jira administrator' }, ...scored.evidence] };
  }
  if (scored.score >= THRESHOLDS.personIntegration) return { kind: 'person-integration', score: scored.score, evidence: scored.evidence };
  return null;
}

interface LocalTime {
  hour: number;
  weekend: boolean;
}

function localTime(t: number, timeZone: string | undefined): LocalTime {
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en-US', { timeZone: timeZone ?? 'UTC', hour: 'numeric', hourCycle: 'h23', weekday: 'short' }).formatToParts(t);
  } catch {
    parts = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', hour: 'numeric', hourCycle: 'h23', weekday: 'short' }).formatToParts(t);
  }
  const hour = Number(parts.find((p) => p.type === 'hour')?.value ?? 0) % 24;
  const weekday = parts.find((p) => p.type === 'weekday')?.value ?? '';
  return { hour, weekend: weekday === 'Sat' || weekday === 'Sun' };
}

function isOffHours({ hour, weekend }: LocalTime): boolean {
  return weekend || hour >= 22 || hour < 6;
}
