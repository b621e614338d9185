import type { ProjectActivity } from '../contract';
import type { JiraClient } from '../jira/client';
import { approximateCount, searchIssuesPage } from '../jira/search';
import { inProjects, ofType, touchedBy, touchedSince, type ActivityType, type Window } from './jql';
import { spreadOverProjects, spreadOverTiers } from './split';

/**
 * Below this many touched issues, reading them (1 point each) is cheaper than locating them by
 * counts (about log2(P) counts per project touched), and gives exact per-project figures.
 */
export const READ_LIMIT = 40;

export interface ActivityInput {
  client: JiraClient;
  accountId: string;
  window: Window;
  /** Project keys the account can browse (activity happens only there). */
  accessible: readonly string[];
  /** Of those, where it can edit issues: where an integration usually works, so searched first. */
  editable: readonly string[];
  projectNames: ReadonlyMap<string, string>;
  /** Issues touched in the window, when already counted. */
  knownTotal?: number;
}

export interface ActivityResult {
  projects: ProjectActivity[];
  issuesTouched: number;
}

const TYPES: ActivityType[] = ['created', 'transitions', 'worklogs'];

/** Activity of one identity per project, spending points where they buy information. */
export async function measureActivity(input: ActivityInput): Promise<ActivityResult> {
  const { client, accountId, window } = input;
  const count = (jql: string, keys: readonly string[] | null) => approximateCount(client, inProjects(jql, keys));
  const total = input.knownTotal ?? (await count(touchedBy(accountId, window), null));
  const updated = new Map<string, number>();
  const created = new Map<string, number>();
  const lastUpdate = new Map<string, number>();

  if (total > 0 && total <= READ_LIMIT) {
    await readTouched(input, updated, created, lastUpdate);
  } else if (total > 0) {
    // Look where it can edit first: one count tells whether all its activity is there, which
    // usually spares counting over the (often far larger) set of projects it can only browse.
    const editable = new Set(input.editable);
    const browseOnly = input.accessible.filter((k) => !editable.has(k));
    for (const [key, n] of await spreadOverTiers([input.editable, browseOnly], total, (keys) => count(touchedBy(accountId, window), keys))) updated.set(key, n);
  }
  const touchedKeys = [...updated.keys()].sort();
  const byType = new Map<ActivityType, Map<string, number>>();
  for (const type of TYPES) {
    if (type === 'created' && total <= READ_LIMIT) {
      byType.set(type, created);
      continue;
    }
    // Worklogs are not part of updatedBy, so they may be anywhere the account has access.
    const scope = type === 'worklogs' ? input.accessible : touchedKeys;
    const typeTotal = scope.length === 0 ? 0 : await count(ofType(type, accountId, window), null);
    byType.set(type, typeTotal > 0 ? await spreadOverProjects(scope, typeTotal, (keys) => count(ofType(type, accountId, window), keys)) : new Map());
  }
  if (total > READ_LIMIT) {
    await Promise.all(touchedKeys.map(async (key) => lastUpdate.set(key, await latestUpdate(client, touchedBy(accountId, window), key))));
  }

  const accessible = new Set(input.accessible);
  const editableSet = new Set(input.editable);
  const keys = new Set([...accessible, ...touchedKeys, ...(byType.get('worklogs')?.keys() ?? [])]);
  const projects = [...keys].sort().map((key): ProjectActivity => {
    const activity = {
      created: byType.get('created')?.get(key) ?? 0,
      updated: updated.get(key) ?? 0,
      transitions: byType.get('transitions')?.get(key) ?? 0,
      worklogs: byType.get('worklogs')?.get(key) ?? 0,
    };
    const active = activity.updated + activity.worklogs > 0;
    const last = lastUpdate.get(key);
    return {
      projectKey: key,
      projectName: input.projectNames.get(key) ?? key,
      ...activity,
      touches: activity.updated,
      transitioned: activity.transitions,
      commented: 0,
      worked: activity.worklogs,
      comments: null,
      lastActivity: last ? new Date(last).toISOString() : null,
      hasAccess: accessible.has(key),
      canEdit: editableSet.has(key),
      roles: [],
      unusedAccess: accessible.has(key) && !active,
    };
  });
  return { projects, issuesTouched: total };
}

/** Reads the few issues an account touched: exact per-project counts, creations and latest updates. */
async function readTouched(input: ActivityInput, updated: Map<string, number>, created: Map<string, number>, lastUpdate: Map<string, number>): Promise<void> {
  let token: string | undefined;
  do {
    const page = await searchIssuesPage(input.client, touchedBy(input.accountId, input.window), ['project', 'creator', 'created', 'updated'], token, READ_LIMIT);
    for (const issue of page.issues) {
      const fields = issue.fields as { project?: { key?: string }; creator?: { accountId?: string }; created?: string; updated?: string };
      const key = fields.project?.key;
      if (!key) continue;
      updated.set(key, (updated.get(key) ?? 0) + 1);
      if (fields.creator?.accountId === input.accountId && Date.parse(fields.created ?? '') >= input.window.fromMs) created.set(key, (created.get(key) ?? 0) + 1);
      const at = Date.parse(fields.updated ?? '');
      if (Number.isFinite(at)) lastUpdate.set(key, Math.max(lastUpdate.get(key) ?? 0, at));
    }
    token = page.nextPageToken ?? undefined;
  } while (token);
}

async function latestUpdate(client: JiraClient, jql: string, projectKey: string): Promise<number> {
  const page = await searchIssuesPage(client, `${inProjects(jql, [projectKey])} ORDER BY updated DESC`, ['updated'], undefined, 1);
  const updated = (page.issues[0]?.fields as { updated?: string } | undefined)?.updated;
  return updated ? Date.parse(updated) : 0;
}

/**
 * An incremental refresh: finds where the account worked since `sinceDay` (one count when it did
 * nothing; otherwise counts over the projects it worked in before, then where it can edit, then the
 * rest) and marks those projects active now. New projects get their counts; counts of projects it
 * already worked in, and the creation, transition and worklog figures, are refreshed by the weekly
 * full scan, which also ages out activity that left the window.
 */
export async function refreshActivity(input: Omit<ActivityInput, 'knownTotal'>, previous: readonly ProjectActivity[], sinceDay: string): Promise<ActivityResult | null> {
  const { client, accountId } = input;
  const countDelta = (keys: readonly string[] | null) => approximateCount(client, inProjects(touchedSince(accountId, sinceDay), keys));
  const delta = await countDelta(null);
  if (delta === 0) return null;

  const before = previous.filter((p) => p.updated > 0).map((p) => p.projectKey);
  const seen = new Set(before);
  const editable = input.editable.filter((k) => !seen.has(k));
  editable.forEach((k) => seen.add(k));
  const rest = input.accessible.filter((k) => !seen.has(k));
  const changed = await spreadOverTiers([before, editable, rest], delta, countDelta);

  // Jira answers when an issue was last updated, not when this account did: now is the honest upper bound.
  const now = new Date().toISOString();
  const byKey = new Map(previous.map((p) => [p.projectKey, p]));
  for (const [key, n] of changed) {
    const was = byKey.get(key);
    byKey.set(key, {
      projectKey: key,
      projectName: input.projectNames.get(key) ?? key,
      created: was?.created ?? 0,
      updated: Math.max(was?.updated ?? 0, n),
      touches: Math.max(was?.touches ?? 0, n),
      transitioned: was?.transitioned ?? 0,
      commented: was?.commented ?? 0,
      worked: was?.worked ?? 0,
      comments: null,
      transitions: was?.transitions ?? 0,
      worklogs: was?.worklogs ?? 0,
      lastActivity: now,
      hasAccess: was?.hasAccess ?? input.accessible.includes(key),
      canEdit: was?.canEdit ?? input.editable.includes(key),
      roles: was?.roles ?? [],
      unusedAccess: false,
    });
  }
  const projects = [...byKey.values()].sort((a, b) => a.projectKey.localeCompare(b.projectKey));
  return { projects, issuesTouched: projects.reduce((sum, p) => sum + p.updated, 0) };
}
