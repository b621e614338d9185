/** JQL the scanner sends. Every query is bounded by an account's activity, so Jira accepts it. */

export function quote(value: string): string {
  return `"${value.replace(/["\\]/g, (c) => `\\${c}`)}"`;
}

export type ActivityType = 'created' | 'transitions' | 'worklogs';

/**
 * The activity window of one scan: from midnight UTC `days` days before the day the scan started.
 * Fixed for the whole scan, so that a scan that pauses for hours measures every identity over the
 * same window (Jira's updatedBy() takes whole days anyway).
 */
export interface Window {
  /** First day, yyyy-MM-dd. */
  from: string;
  /** The same day as ms since the epoch (midnight UTC). */
  fromMs: number;
  /**
   * The day (yyyy-MM-dd) the backfill stops, exclusive: from then on the activity ledger has Jira's
   * product events. Null when no event has arrived (real-site mode): the backfill measures up to now.
   */
  to: string | null;
}

const DAY = 86_400_000;

export function windowOf(days: number, scanStartedAt: string, to: string | null = null): Window {
  const fromMs = Math.floor(Date.parse(scanStartedAt) / DAY) * DAY - days * DAY;
  const from = new Date(fromMs).toISOString().slice(0, 10);
  return { from, fromMs, to: to !== null && to > from ? to : null };
}

/** The last day inside the window (updatedBy's dateTo is inclusive). */
function lastDay(w: Window): string | null {
  return w.to === null ? null : new Date(Date.parse(`${w.to}T00:00:00Z`) - DAY).toISOString().slice(0, 10);
}

/**
 * Issues the account touched in the window: created, edited, moved, commented on (Jira's
 * updatedBy) or logged work on. One definition with the ledger's touches (ACTIVITY_DEFINITION).
 */
export function touchedBy(accountId: string, w: Window): string {
  const last = lastDay(w);
  const updated = `issuekey in updatedBy(${quote(accountId)}, ${quote(w.from)}${last ? `, ${quote(last)}` : ''})`;
  return `(${updated} OR ${ofType('worklogs', accountId, w)})`;
}

/** Issues touched since a day (yyyy-MM-dd; updatedBy has a day's granularity), worklog candidates included. */
export function touchedSince(accountId: string, day: string): string {
  return `(issuekey in updatedBy(${quote(accountId)}, ${quote(day)}) OR (worklogAuthor = ${quote(accountId)} AND worklogDate >= ${quote(day)}))`;
}

export function ofType(type: ActivityType, accountId: string, w: Window): string {
  const before = (field: string) => (w.to === null ? '' : ` AND ${field} < ${quote(w.to)}`);
  switch (type) {
    case 'created':
      return `(creator = ${quote(accountId)} AND created >= ${quote(w.from)}${before('created')})`;
    case 'transitions':
      return `status CHANGED BY ${quote(accountId)} AFTER ${quote(w.from)}${w.to === null ? '' : ` BEFORE ${quote(w.to)}`}`;
    case 'worklogs':
      return `(worklogAuthor = ${quote(accountId)} AND worklogDate >= ${quote(w.from)}${before('worklogDate')})`;
  }
}

/** Restricts a bounded JQL to some projects (none: every project the app can browse). */
export function inProjects(jql: string, projectKeys: readonly string[] | null): string {
  if (projectKeys === null) return jql;
  const list = projectKeys.length === 1 ? `project = ${quote(projectKeys[0] ?? '')}` : `project in (${projectKeys.map(quote).join(', ')})`;
  return `${list} AND (${jql})`;
}

/**
 * How long after a change approximate counts are trusted to include it. Jira says only that
 * "recent updates might not be immediately visible" to /search/approximate-count; an hour is a
 * generous margin over the minutes seen. Counts stop at the last day boundary this far back
 * (updatedBy takes whole days); what follows is read exactly.
 */
export const SETTLE_MS = 3_600_000;

/**
 * The split of a window into a counted part [from, countTo) of settled history, which
 * approximate counts see completely, and a recent tail [countTo, to) (to null: up to now) that is
 * read exactly with searches. No tail when the window ends on a settled day.
 */
export function countedPeriod(w: Window, now: number): { countTo: string; tail: boolean } {
  const settled = new Date(Math.floor((now - SETTLE_MS) / DAY) * DAY).toISOString().slice(0, 10);
  const end = w.to === null || w.to > settled ? settled : w.to;
  const countTo = end < w.from ? w.from : end;
  return { countTo, tail: w.to === null || w.to > countTo };
}

const lastDayOf = (toDay: string) => new Date(Date.parse(`${toDay}T00:00:00Z`) - DAY).toISOString().slice(0, 10);

/** Items the account created, edited, moved or commented on in [from, to) (whole days). */
export function updatedIn(accountId: string, from: string, to: string): string {
  return `issuekey in updatedBy(${quote(accountId)}, ${quote(from)}, ${quote(lastDayOf(to))})`;
}

/**
 * Items on which the account surely logged work in [from, to): it logged work on the item and every
 * worklog on the item lies in [from, to) (worklogAuthor and worklogDate match independently, per
 * item, not per worklog). `recent` are the items with a worklog from `to` on, read exactly: left
 * out here because a lagging count may not see that worklog yet, and read instead (maybeWorkedIn).
 */
export function surelyWorkedIn(accountId: string, from: string, to: string, recent: readonly string[]): string {
  return excluding(`worklogAuthor = ${quote(accountId)} AND NOT worklogDate < ${quote(from)} AND NOT worklogDate >= ${quote(to)}`, recent);
}

/** Items it logged work on that have a worklog (anybody's) from `to` on: a search, exact. */
export function workedOnSince(accountId: string, to: string): string {
  return `(worklogAuthor = ${quote(accountId)} AND worklogDate >= ${quote(to)})`;
}

/**
 * The other worklog candidates that updatedBy does not cover: read, and checked against their
 * worklogs. With surelyWorkedIn they cover every item it may have logged work on in [from, to).
 */
export function maybeWorkedIn(accountId: string, from: string, to: string): string {
  const author = `worklogAuthor = ${quote(accountId)}`;
  return `((${author} AND worklogDate >= ${quote(from)} AND worklogDate < ${quote(to)} AND worklogDate < ${quote(from)}) OR (${author} AND worklogDate >= ${quote(to)})) AND NOT ${updatedIn(accountId, from, to)}`;
}

/** Items counted in [from, to): updatedBy, or surely worked on (the rest of the worklogs is read). */
export function countedTouches(accountId: string, from: string, to: string, recent: readonly string[]): string {
  return `(${updatedIn(accountId, from, to)} OR (${surelyWorkedIn(accountId, from, to, recent)}))`;
}

export function createdIn(accountId: string, from: string, to: string): string {
  return `(creator = ${quote(accountId)} AND created >= ${quote(from)} AND created < ${quote(to)})`;
}

export function transitionedIn(accountId: string, from: string, to: string): string {
  return `status CHANGED BY ${quote(accountId)} DURING (${quote(from)}, ${quote(lastDayOf(to))})`;
}

/** Leaves some items (by id) out of a JQL. */
export function excluding(jql: string, issueIds: readonly string[]): string {
  return issueIds.length === 0 ? jql : `(${jql}) AND issuekey not in (${issueIds.join(', ')})`;
}
