/**
 * Puts the ledger's activity into the scan's records: the scan knows identities, kinds and access;
 * the ledger alone says what each one did where. Every reader goes through here, so that every page
 * shows the same numbers (ACTIVITY_DEFINITION).
 */
import type { ActivityCounts, IdentityRecord, IdentitySummary, ProjectActivity } from '../contract';
import { activityTotals, leastPrivilege, withUnusedAccess } from '../rules/access';
import { sumActivity } from './read';

const NONE: ActivityCounts = { touches: 0, created: 0, updated: 0, transitioned: 0, commented: 0, worked: 0, lastActivity: null };

function withCounts(p: ProjectActivity, c: ActivityCounts): ProjectActivity {
  return { ...p, ...c, comments: c.commented, transitions: c.transitioned, worklogs: c.worked };
}

/** A record's projects with the ledger's counts (projects only the ledger knows are added, without access). */
export function overlayRecord(record: IdentityRecord, activity: ReadonlyMap<string, ActivityCounts>): IdentityRecord {
  const byKey = new Map(record.projects.map((p) => [p.projectKey, withCounts(p, activity.get(p.projectKey) ?? NONE)]));
  for (const [key, c] of activity) {
    if (byKey.has(key)) continue;
    byKey.set(key, withCounts({ projectKey: key, projectName: key, ...NONE, comments: 0, transitions: 0, worklogs: 0, hasAccess: false, canEdit: false, roles: [], unusedAccess: false }, c));
  }
  const projects = withUnusedAccess([...byKey.values()].sort((a, b) => a.projectKey.localeCompare(b.projectKey)));
  return { ...record, ...activityTotals(projects), projects, leastPrivilege: leastPrivilege(projects) };
}

/** A summary row with the ledger's totals (the number of projects with unused access stays the scan's). */
export function overlaySummary<T extends IdentitySummary>(summary: T, activity: ReadonlyMap<string, ActivityCounts> | undefined): T {
  const totals = sumActivity(activity?.values() ?? []);
  return { ...summary, ...totals, issuesTouched: totals.touches };
}
