/**
 * Drill-down from a count to the issues behind it: Jira's issue search with the JQL that counts them
 * (components/DrillCount.tsx opens it with the bridge's router; this file is pure). The JQL is the
 * scanner's own (src/scan/jql.ts; a unit test keeps the two equal), so the search shows what the
 * figure counted, as far as the person opening it may see. Ids, keys and dates are always quoted.
 */
export type DrillAction = 'touched' | 'created' | 'transitioned' | 'worklogs';

export interface DrillTarget {
  accountId: string;
  /** Null: every project. */
  projectKey: string | null;
  action: DrillAction;
  /** First day of the scan's window, yyyy-MM-dd (the snapshot's `windowFrom`). */
  from: string;
}

/** A JQL string literal: the value in double quotes, with quotes and backslashes escaped. */
export function jqlQuote(value: string): string {
  return `"${value.replace(/["\\]/g, (c) => `\\${c}`)}"`;
}

function actionJql(action: DrillAction, id: string, from: string): string {
  const worked = `(worklogAuthor = ${id} AND worklogDate >= ${from})`;
  switch (action) {
    case 'touched':
      // Touches include work logged (ACTIVITY_DEFINITION), which Jira's updatedBy leaves out.
      return `(issuekey in updatedBy(${id}, ${from}) OR ${worked})`;
    case 'created':
      return `(creator = ${id} AND created >= ${from})`;
    case 'transitioned':
      return `status CHANGED BY ${id} AFTER ${from}`;
    case 'worklogs':
      return worked;
  }
}

export function drillJql(t: DrillTarget): string {
  const jql = actionJql(t.action, jqlQuote(t.accountId), jqlQuote(t.from));
  return t.projectKey === null ? jql : `project = ${jqlQuote(t.projectKey)} AND (${jql})`;
}

/** Jira's issue search for a JQL, as a path on the site. */
export function issueSearchPath(jql: string): string {
  return `/issues/?jql=${encodeURIComponent(jql)}`;
}
