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
}

const DAY = 86_400_000;

export function windowOf(days: number, scanStartedAt: string): Window {
  const fromMs = Math.floor(Date.parse(scanStartedAt) / DAY) * DAY - days * DAY;
  return { from: new Date(fromMs).toISOString().slice(0, 10), fromMs };
}

/** Issues the account created, updated, or commented on in the window (Jira's updatedBy). */
export function touchedBy(accountId: string, w: Window): string {
  return `issuekey in updatedBy(${quote(accountId)}, ${quote(w.from)})`;
}

/** Issues touched since a day (yyyy-MM-dd): updatedBy has a day's granularity. */
export function touchedSince(accountId: string, day: string): string {
  return `issuekey in updatedBy(${quote(accountId)}, ${quote(day)})`;
}

export function ofType(type: ActivityType, accountId: string, w: Window): string {
  switch (type) {
    case 'created':
      return `creator = ${quote(accountId)} AND created >= ${quote(w.from)}`;
    case 'transitions':
      return `status CHANGED BY ${quote(accountId)} AFTER ${quote(w.from)}`;
    case 'worklogs':
      return `worklogAuthor = ${quote(accountId)} AND worklogDate >= ${quote(w.from)}`;
  }
}

/** Restricts a bounded JQL to some projects (none: the whole site). */
export function inProjects(jql: string, projectKeys: readonly string[] | null): string {
  if (projectKeys === null) return jql;
  const list = projectKeys.length === 1 ? `project = ${quote(projectKeys[0] ?? '')}` : `project in (${projectKeys.map(quote).join(', ')})`;
  return `${list} AND (${jql})`;
}
