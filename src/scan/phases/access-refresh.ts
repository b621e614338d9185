import type { ActivityCounts, IdentityRecord, ProjectActivity } from '../../contract';
import { projectsWithPermissions } from '../../jira/permissions-check';
import { listProjectsById, MAX_IDS } from '../../jira/project-list';
import { appAccountId } from '../../jira/myself';
import { activityTotals, leastPrivilege, withUnusedAccess } from '../../rules/access';
import type { AccessScope } from '../access-scope';
import { appBrowsable, projectsRunOf, type DirectoryRef, type ProjectEntry } from '../directory';
import type { ScanState } from '../state';
import { readList, writeList } from '../work-store';
import type { StepContext } from './context';

/** Past this many projects named in the audit log, the whole list is read instead (one page holds 100). */
const NAMED_PROJECTS_LIMIT = 200;

/**
 * Turns an incremental run into an access refresh (ScanState.accessRefresh), from the changes
 * phase. The project list is kept, patched or read again under this run (the last good scan's
 * list stays intact should this run fail):
 * - the audit log names no project and changed no app account's groups: kept;
 * - it names projects (a few): those are read again (project/search by id, with the app's own
 *   access), the rest kept;
 * - otherwise (a permission scheme, an app account's groups, many projects): the projects phase
 *   reads the whole list.
 * Answers whether the changes phase is done (next: identities); false when the run moved to
 * another phase (the projects phase, or a full scan).
 */
export async function startAccessRefresh(ctx: StepContext, dir: DirectoryRef, refresh: { createdProjectIds: string[]; scope: AccessScope }): Promise<boolean> {
  const scope = withSelf(refresh.scope, refresh.scope.appAccounts.length > 0 && !refresh.scope.projectList ? await appAccountId(ctx.client) : null);
  refresh = { ...refresh, scope };
  if (scope.projectList || scope.projectIds.length > NAMED_PROJECTS_LIMIT) {
    ctx.state = { ...ctx.state, accessRefresh: refresh, phase: 'projects', cursor: 0, done: 0, total: 0, directory: { ...dir, projectsRunId: ctx.state.runId, projectChunks: 0 } };
    return false;
  }
  ctx.state = { ...ctx.state, accessRefresh: refresh };
  if (scope.projectIds.length === 0) return true;
  const before = await readList<ProjectEntry>(projectsRunOf(dir), 'projects', dir.projectChunks);
  const named = new Set(scope.projectIds.map(Number));
  const read: ProjectEntry[] = [];
  for (let i = 0; i < scope.projectIds.length; i += MAX_IDS) {
    const page = await listProjectsById(ctx.client, scope.projectIds.slice(i, i + MAX_IDS));
    const ids = page.map((p) => Number(p.id));
    const browsable = new Set(ids.length === 0 ? [] : (await projectsWithPermissions(ctx.client, null, ['BROWSE_PROJECTS'] as const, ids)).get('BROWSE_PROJECTS'));
    read.push(...page.map((p) => ({ id: Number(p.id), key: p.key, name: p.name, appCanBrowse: browsable.has(Number(p.id)) })));
  }
  // Named projects Jira no longer lists (deleted, or hidden from the app) leave the list.
  const projects = [...before.filter((p) => !named.has(p.id)), ...read].sort((a, b) => a.key.localeCompare(b.key));
  const projectChunks = await writeList(ctx.state.runId, 'projects', projects);
  ctx.state = { ...ctx.state, directory: { ...dir, projectsRunId: ctx.state.runId, projectChunks } };
  const fullScanReason = await newlyVisibleHistory(ctx, projects);
  if (fullScanReason === null) return true;
  ctx.state = asFullScan(ctx.state, fullScanReason);
  return false;
}

/** The scope with the app's own groups resolved: when they changed, its access may have changed anywhere. */
function withSelf(scope: AccessScope, self: string | null): AccessScope {
  return self !== null && scope.appAccounts.includes(self) ? { ...scope, projectList: true } : scope;
}

/**
 * An access refresh (ScanState.accessRefresh) keeps every identity's activity as the ledger has it,
 * which is exact only where the ledger saw everything: the backfill counted over the projects the
 * app could browse then, and product events cover the days since. A project the app can browse now
 * but could not at the last scan (its access restored, a permission scheme changed, a project the
 * app could only list) may hold history nobody counted; only a project the audit log shows created
 * since the last scan is known to have none. Answers the full scan's reason when there is such a
 * project, else null.
 */
export async function newlyVisibleHistory(ctx: StepContext, projects: readonly ProjectEntry[]): Promise<string | null> {
  const before = ctx.lastGood?.directory;
  if (!before) return 'The last complete scan left no project list to compare with.';
  const previous = await readList<ProjectEntry>(projectsRunOf(before), 'projects', before.projectChunks);
  const seen = new Set(appBrowsable(previous).map((p) => p.id));
  const created = new Set(ctx.state.accessRefresh?.createdProjectIds ?? []);
  const unseen = appBrowsable(projects).filter((p) => !seen.has(p.id) && !created.has(String(p.id)));
  if (unseen.length === 0) return null;
  const names = unseen.slice(0, 5).map((p) => p.key).join(', ') + (unseen.length > 5 ? ` and ${unseen.length - 5} more` : '');
  return `The app can now browse ${unseen.length === 1 ? 'a project' : `${unseen.length} projects`} it could not at the last scan (${names}): ${unseen.length === 1 ? 'its' : 'their'} earlier activity was never counted, so everything is read again.`;
}

/** The state of a run that turns from an access refresh into a full scan (the directory is read again). */
export function asFullScan(state: ScanState, fullScanReason: string): ScanState {
  return { ...state, mode: 'full', phase: 'directory', cursor: 0, done: 0, total: 0, sinceDay: null, directory: null, accessRefresh: null, identityChunks: 0, fullScanReason };
}

/**
 * An identity's record with its access checked again and its activity kept: one row per project it
 * can browse now or worked in (the ledger's figures), names from the project list just read. Pure.
 */
export function withRefreshedAccess(
  record: IdentityRecord,
  access: { accessible: readonly string[]; editable: readonly string[] },
  activity: ReadonlyMap<string, ActivityCounts>,
  projectNames: ReadonlyMap<string, string>,
): IdentityRecord {
  const accessible = new Set(access.accessible);
  const editable = new Set(access.editable);
  const before = new Map(record.projects.map((p) => [p.projectKey, p]));
  const worked = [...activity].filter(([, c]) => c.touches + c.worked > 0).map(([key]) => key);
  const keys = [...new Set([...accessible, ...worked])].sort();
  const projects = keys.map((key): ProjectActivity => {
    const c = activity.get(key);
    return {
      projectKey: key,
      projectName: projectNames.get(key) ?? before.get(key)?.projectName ?? key,
      touches: c?.touches ?? 0,
      created: c?.created ?? 0,
      updated: c?.updated ?? 0,
      transitioned: c?.transitioned ?? 0,
      commented: c?.commented ?? 0,
      worked: c?.worked ?? 0,
      transitions: c?.transitioned ?? 0,
      worklogs: c?.worked ?? 0,
      comments: c?.commented ?? 0,
      lastActivity: c?.lastActivity ?? null,
      hasAccess: accessible.has(key),
      canEdit: editable.has(key),
      // Roles are read on demand by identity/get (stored answers), never by the scan.
      roles: before.get(key)?.roles ?? [],
      unusedAccess: false,
    };
  });
  const rows = withUnusedAccess(projects);
  return { ...record, ...activityTotals(rows), projects: rows, leastPrivilege: leastPrivilege(rows) };
}
