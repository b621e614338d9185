import { listProjectsPage } from '../../jira/project-list';
import { projectsWithPermissions } from '../../jira/permissions-check';
import { listUsersPage } from '../../jira/users';
import type { Account, ProjectEntry } from '../directory';
import { writeChunk } from '../work-store';
import { timeLeft, type StepContext } from './context';

/**
 * Reads every account (all users, including app accounts and inactive ones; 2 points each) and
 * every project, one page per unit of work, with whether the app itself can browse it (a list can
 * hold projects it cannot: one permission check per page). Incremental scans skip this and reuse
 * the directory of the last full scan.
 */
export async function runDirectoryPhase(ctx: StepContext): Promise<boolean> {
  const runId = ctx.state.runId;
  let dir = ctx.state.directory ?? { runId, accountChunks: 0, projectChunks: 0 };
  // cursor counts pages done: first the users' pages, then (once users are done, marked by a
  // negative cursor) the projects' pages.
  while (timeLeft(ctx)) {
    if (ctx.state.cursor >= 0) {
      const page = await listUsersPage(ctx.client, ctx.state.cursor);
      const accounts: Account[] = page.users.map((u) => ({
        accountId: u.accountId,
        displayName: u.displayName,
        accountType: u.accountType,
        appType: u.appType,
        email: u.emailAddress ?? null,
        active: u.active,
        timeZone: typeof u.timeZone === 'string' ? u.timeZone : undefined,
      }));
      await writeChunk(runId, 'accounts', dir.accountChunks, accounts);
      dir = { ...dir, accountChunks: dir.accountChunks + 1 };
      ctx.state = { ...ctx.state, directory: dir, cursor: page.isLast ? -1 : ctx.state.cursor + page.users.length, done: ctx.state.done + accounts.length };
    } else {
      const startAt = -ctx.state.cursor - 1;
      const page = await listProjectsPage(ctx.client, startAt);
      const ids = page.projects.map((p) => Number(p.id));
      const browsable = new Set(ids.length === 0 ? [] : (await projectsWithPermissions(ctx.client, null, ['BROWSE_PROJECTS'] as const, ids)).get('BROWSE_PROJECTS'));
      const projects: ProjectEntry[] = page.projects.map((p) => ({ id: Number(p.id), key: p.key, name: p.name, appCanBrowse: browsable.has(Number(p.id)) }));
      await writeChunk(runId, 'projects', dir.projectChunks, projects);
      dir = { ...dir, projectChunks: dir.projectChunks + 1 };
      ctx.state = { ...ctx.state, directory: dir, cursor: -(startAt + page.projects.length) - 1 };
      if (page.isLast) return true;
    }
  }
  return false;
}
