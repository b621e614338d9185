import { listProjectsPage } from '../../jira/project-list';
import { projectsWithPermissions } from '../../jira/permissions-check';
import { accountOf, listUsersPage, type Account } from '../../jira/users';
import { projectsRunOf, type ProjectEntry } from '../directory';
import { writeKnownAccounts } from '../../activity/newcomers';
import { publishAppAccounts } from '../partial';
import { readList, writeChunk } from '../work-store';
import { timeLeft, type StepContext } from './context';
import { asFullScan, newlyVisibleHistory } from './access-refresh';

/**
 * Reads every account (all users, including app accounts and inactive ones; 2 points each), one
 * page per unit of work. On a site's first scan every app account is then shown at once (a partial
 * snapshot): their kind is their account type. Incremental scans skip this and reuse the
 * directory of the last full scan.
 */
export async function runDirectoryPhase(ctx: StepContext): Promise<boolean> {
  const runId = ctx.state.runId;
  let dir = ctx.state.directory ?? { runId, accountChunks: 0, projectChunks: 0 };
  while (timeLeft(ctx)) {
    const page = await listUsersPage(ctx.client, ctx.state.cursor);
    const accounts = page.users.map(accountOf);
    await writeChunk(runId, 'accounts', dir.accountChunks, accounts);
    dir = { ...dir, accountChunks: dir.accountChunks + 1 };
    ctx.state = { ...ctx.state, directory: dir, cursor: ctx.state.cursor + page.users.length, done: ctx.state.done + accounts.length };
    if (page.isLast) {
      const all = await readList<Account>(runId, 'accounts', dir.accountChunks);
      // From now on an account the ledger sees act that is not among these is a newcomer.
      await writeKnownAccounts(all.map((a) => a.accountId));
      ctx.state = await publishAppAccounts(ctx.state, all);
      return true;
    }
  }
  return false;
}

/**
 * Reads every project (1 point each), one page per unit of work, with whether the app itself can
 * browse it (a list can hold projects it cannot: one permission check per page). After the people
 * are counted: the first answer does not need projects. In an access refresh, it ends by checking
 * that no project the app newly browses holds history the ledger never counted (else: a full scan).
 */
export async function runProjectsPhase(ctx: StepContext): Promise<boolean> {
  const dir = ctx.state.directory;
  if (!dir) throw new Error('projects phase without a directory');
  let projectChunks = dir.projectChunks;
  while (timeLeft(ctx)) {
    const page = await listProjectsPage(ctx.client, ctx.state.cursor);
    const ids = page.projects.map((p) => Number(p.id));
    const browsable = new Set(ids.length === 0 ? [] : (await projectsWithPermissions(ctx.client, null, ['BROWSE_PROJECTS'] as const, ids)).get('BROWSE_PROJECTS'));
    const projects: ProjectEntry[] = page.projects.map((p) => ({ id: Number(p.id), key: p.key, name: p.name, appCanBrowse: browsable.has(Number(p.id)) }));
    await writeChunk(projectsRunOf(dir), 'projects', projectChunks, projects);
    projectChunks += 1;
    ctx.state = { ...ctx.state, directory: { ...dir, projectChunks }, cursor: ctx.state.cursor + page.projects.length, done: ctx.state.cursor + page.projects.length };
    if (page.isLast) {
      if (!ctx.state.accessRefresh) return true;
      const fullScanReason = await newlyVisibleHistory(ctx, await readList<ProjectEntry>(projectsRunOf(dir), 'projects', projectChunks));
      if (fullScanReason === null) return true;
      ctx.state = asFullScan(ctx.state, fullScanReason);
      return false;
    }
  }
  return false;
}
