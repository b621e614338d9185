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

/** Issues touched since a day (yyyy-MM-dd): updatedBy has a day's granularity. */
export function touchedSince(accountId: string, day: string): string {
  return `issuekey in updatedBy(${quote(accountId)}, ${quote(day)})`;
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

/** Restricts a bounded JQL to some projects (none: the whole site). */
export function inProjects(jql: string, projectKeys: readonly string[] | null): string {
  if (projectKeys === null) return jql;
  const list = projectKeys.length === 1 ? `project = ${quote(projectKeys[0] ?? '')}` : `project in (${projectKeys.map(quote).join(', ')})`;
  return `${list} AND (${jql})`;
}
