import type { IdentityRecord } from '../../contract';
import { changeTimesBy } from '../../jira/changelog';
import { projectsWithPermissions } from '../../jira/permissions-check';
import { commentTimesBy } from '../../jira/comments';
import type { JiraClient } from '../../jira/client';
import { activityTotals, leastPrivilege, withUnusedAccess } from '../../rules/access';
import { candidateMinimum, classify, type Override } from '../../rules/classification';
import { approximateCount } from '../../jira/search';
import { locateActivity, refreshActivity, type BackfillPart } from '../activity';
import { appBrowsable, NOT_VISIBLE, projectsRunOf, type ProjectEntry } from '../directory';
import type { Account } from '../../jira/users';
import { touchedBy, type Window } from '../jql';
import { readAllOverrides } from '../overrides';
import { deleteIdentityRecord, readIdentityRecord, writeIdentityRecord, type SnapshotPointer } from '../snapshot-store';
import { classifyFailure } from '../failure';
import { withUnmeasured, type ScanState } from '../state';
import { readList } from '../work-store';
import { runWindow, timeLeft, type StepContext } from './context';
import { writeBackfill } from '../../activity/backfill';
import { readNewcomers } from '../../activity/newcomers';
import { readIdentityActivity } from '../../activity/read';
import { withRefreshedAccess } from './access-refresh';
import type { AccessScope } from '../access-scope';
import { markScreened } from '../screened';
import type { IdentityWork } from './people';

/** Identities measured side by side in one unit of work (Jira calls are capped by the client). */
const PARALLEL = 4;
/** Changes sampled per person for timing signals (round the clock, bursts). */
const TIMING_SAMPLE = 20;

interface Shared {
  accounts: Map<string, Account>;
  projects: ProjectEntry[];
  /** Keys of the projects the app can browse (sorted): where activity is measured. */
  appProjects: string[];
  projectNames: Map<string, string>;
  keyById: Map<number, string>;
  overrides: Map<string, Exclude<Override, null>>;
  window: Window;
  previous: SnapshotPointer | null;
}

/**
 * Measures each identity on the work list: access (which projects it can browse), activity per
 * project, and for people the classification with its evidence. Integration identities are written
 * into the generation being built; people who turn out ordinary are left out.
 */
export async function runIdentitiesPhase(ctx: StepContext, previous: SnapshotPointer | null): Promise<boolean> {
  const { state } = ctx;
  const dir = state.directory;
  if (!dir) throw new Error('identities phase without a directory');
  const [accountList, projects, work, overrides] = await Promise.all([
    readList<Account>(dir.runId, 'accounts', dir.accountChunks),
    readList<ProjectEntry>(projectsRunOf(dir), 'projects', dir.projectChunks),
    readList<IdentityWork>(state.runId, 'identities', state.identityChunks),
    readAllOverrides(),
  ]);
  // Newcomers are not in an incremental scan's (older) directory: the ledger looked them up.
  const newcomers: Account[] = (await readNewcomers()).map((n) => ({ accountId: n.accountId, displayName: n.displayName, accountType: n.accountType, appType: n.appType, email: n.email, active: n.active, timeZone: undefined }));
  const shared: Shared = {
    accounts: new Map([...newcomers, ...accountList].map((a) => [a.accountId, a])),
    projects,
    appProjects: appBrowsable(projects).map((p) => p.key).sort(),
    projectNames: new Map(projects.map((p) => [p.key, p.name])),
    keyById: new Map(projects.map((p) => [p.id, p.key])),
    overrides,
    window: await runWindow(ctx),
    previous,
  };
  // Listed once, for every run (incremental runs reuse the directory): never an identity's failure.
  for (const p of projects) if (p.appCanBrowse === false) ctx.state = withUnmeasured(ctx.state, { kind: 'project', id: p.key, name: p.name, reason: NOT_VISIBLE });
  ctx.state = { ...ctx.state, total: work.length };
  while (ctx.state.cursor < work.length) {
    if (!timeLeft(ctx)) return false;
    const slice = work.slice(ctx.state.cursor, ctx.state.cursor + PARALLEL);
    const resumed = ctx.state.measuredInBatch;
    const measured = new Set(resumed ?? []);
    const batch = slice.filter((item) => !measured.has(item.accountId));
    // A batch a pause cut short is measured again one identity at a time: side by side, a small
    // hourly budget can be shared out so thinly that none of them ever finishes.
    const outcomes = resumed === undefined ? await Promise.all(batch.map((item) => attempt(ctx, shared, item))) : await inTurn(batch.map((item) => () => attempt(ctx, shared, item)));
    let next: ScanState = { ...ctx.state, cursor: ctx.state.cursor + slice.length, done: ctx.state.cursor + slice.length, measuredInBatch: undefined };
    for (const [i, e] of outcomes.entries()) {
      if (e === null) continue;
      // A request Jira refuses for this identity alone (say, an account it no longer knows) is
      // recorded as unmeasured and skipped; anything else (quota, budget, outage) stops the step,
      // which the engine pauses or retries.
      const failure = classifyFailure(e, 'item', 'identities');
      const accountId = batch[i]?.accountId ?? '';
      if (failure.kind === 'persistent') {
        next = withUnmeasured(next, { kind: 'identity', id: accountId, name: shared.accounts.get(accountId)?.displayName ?? accountId, reason: failure.message });
        continue;
      }
      // The batch's other identities are written: kept through the pause, not measured again.
      const done = batch.filter((_, j) => outcomes[j] === null).map((item) => item.accountId);
      ctx.state = { ...ctx.state, measuredInBatch: [...measured, ...done] };
      throw e;
    }
    ctx.state = next;
    await ctx.saveProgress();
  }
  return true;
}

/** Measures one identity; answers null, or what stopped it. */
function attempt(ctx: StepContext, shared: Shared, item: IdentityWork): Promise<unknown> {
  return measureIdentity(ctx, shared, item).then(
    () => null,
    (e: unknown) => e,
  );
}

/**
 * Runs the attempts one after another. It stops at the first failure that stops the step (quota,
 * budget, outage); a refusal for one identity alone does not stop the others.
 */
async function inTurn(attempts: ReadonlyArray<() => Promise<unknown>>): Promise<unknown[]> {
  const outcomes: unknown[] = [];
  for (const run of attempts) {
    const outcome = await run();
    outcomes.push(outcome);
    if (outcome !== null && classifyFailure(outcome, 'item', 'identities').kind !== 'persistent') break;
  }
  return outcomes;
}

async function measureIdentity(ctx: StepContext, shared: Shared, item: IdentityWork): Promise<void> {
  const { client, state } = ctx;
  const account = shared.accounts.get(item.accountId);
  const override = shared.overrides.get(item.accountId) ?? null;
  if (!account || override === 'not-integration') return;

  // An admin's mark that changed since the last scan calls for a fresh look, not a refresh.
  const last = shared.previous && state.mode === 'incremental' ? await readIdentityRecord(shared.previous, item.accountId) : null;
  const previous = last && last.override === override ? last : null;
  const isPerson = account.accountType !== 'app';
  // A person measured for the first time may turn out ordinary: where it can edit is enough to
  // locate its work (the likeliest projects first); where it can browse is asked only if it is an integration.
  const firstLook = !previous && isPerson;
  if (previous && state.accessRefresh) {
    // Access changed (audit log), activity did not: where it can browse and edit now, with the
    // ledger's activity as it stands.
    const now = await refreshedAccess(client, item.accountId, shared, state.accessRefresh.scope, accessFrom(previous));
    await writeIdentityRecord(state.generation, { ...withRefreshedAccess(previous, now, await readIdentityActivity(item.accountId), shared.projectNames), override });
    return;
  }
  // A person no people count has screened (the ledger shows them busy, or a newcomer) is a
  // candidate by the first scan's rule: busy enough over the whole window. One count (1 point)
  // before any measuring; ordinary people end there and are left alone for a week.
  if (firstLook && override === null && item.knownTotal === undefined) {
    const total = await approximateCount(client, touchedBy(item.accountId, shared.window));
    if (total < candidateMinimum(state.windowDays)) {
      await backfill(item.accountId, shared.window, null);
      await markScreened([item.accountId]);
      return;
    }
    item = { ...item, knownTotal: total };
  }
  const access = previous ? accessFrom(previous) : await accessOf(client, item.accountId, shared, firstLook ? ['EDIT_ISSUES'] : ['BROWSE_PROJECTS', 'EDIT_ISSUES']);
  const common = { client, accountId: item.accountId, window: shared.window, appProjects: shared.appProjects, ...access, projectNames: shared.projectNames };
  if (previous && state.sinceDay) {
    // Jira's product events keep the ledger current: nothing to count again between full scans.
    if (shared.window.to !== null) {
      await writeIdentityRecord(state.generation, { ...previous, override });
      return;
    }
    const refreshed = await refreshActivity(common, state.sinceDay);
    if (!refreshed) {
      await writeIdentityRecord(state.generation, { ...previous, override });
      return;
    }
    await backfill(item.accountId, shared.window, refreshed.backfill);
    const totals = activityTotals(refreshed.projects);
    await writeIdentityRecord(state.generation, { ...previous, override, ...totals, projects: withUnusedAccess(refreshed.projects), leastPrivilege: leastPrivilege(refreshed.projects) });
    return;
  }
  // Where it worked first: enough to classify; the breakdown is measured only for integrations.
  const located = await locateActivity({ ...common, ...(item.knownTotal === undefined ? {} : { knownTotal: item.knownTotal }) });
  const sampleTimes = isPerson && override === null && located.issuesTouched > 0 ? await timingSample(client, item.accountId, shared.window) : undefined;
  const classification = classify(
    { accountType: account.accountType, appType: account.appType, email: account.email },
    { windowDays: state.windowDays, issuesUpdated: located.issuesTouched, projectsTouched: located.projectsTouched, ...(sampleTimes ? { sampleTimes } : {}), ...(account.timeZone ? { timeZone: account.timeZone } : {}) },
    override,
  );
  if (!classification) {
    // The ledger keeps measured history for integrations only: an ordinary person's activity there
    // is what events show, which tells the next scans whether they start to look busy.
    await backfill(item.accountId, shared.window, null);
    // A candidate the partial snapshot showed while it was being measured: an ordinary person after all.
    if (state.partialPublished && isPerson) await deleteIdentityRecord(state.generation, item.accountId);
    // Measured and found ordinary: not measured again for a week, however busy the ledger shows them.
    if (isPerson) await markScreened([item.accountId]);
    return;
  }
  const activity = await located.finish(firstLook ? { accessible: (await accessOf(client, item.accountId, shared, ['BROWSE_PROJECTS'])).accessible, editable: access.editable } : undefined);
  await backfill(item.accountId, shared.window, activity.backfill);
  const totals = activityTotals(activity.projects);
  const record: IdentityRecord = {
    accountId: account.accountId,
    displayName: account.displayName,
    kind: classification.kind,
    active: account.active,
    email: account.email,
    score: classification.score,
    evidence: classification.evidence,
    override,
    ...totals,
    projects: activity.projects,
    leastPrivilege: leastPrivilege(activity.projects),
  };
  await writeIdentityRecord(state.generation, record);
}

/**
 * An access refresh's answer for a known identity: checked again in every project when the audit
 * log's changes may reach everywhere for it (accessScope), else only in the projects it names, the
 * rest as the last scan found it; projects no longer listed drop out.
 */
async function refreshedAccess(client: JiraClient, accountId: string, shared: Shared, scope: AccessScope, was: { accessible: string[]; editable: string[] }): Promise<{ accessible: string[]; editable: string[] }> {
  const listed = new Set(shared.projects.map((p) => p.key));
  const still = (keys: readonly string[], except: ReadonlySet<string>) => keys.filter((k) => listed.has(k) && !except.has(k));
  if (scope.everywhere === 'all' || scope.everywhere.includes(accountId)) return accessOf(client, accountId, shared, ['BROWSE_PROJECTS', 'EDIT_ISSUES']);
  const ids = scope.projectIds.map(Number).filter((id) => shared.keyById.has(id));
  if (ids.length === 0) return { accessible: still(was.accessible, new Set()), editable: still(was.editable, new Set()) };
  const checked = await accessOf(client, accountId, shared, ['BROWSE_PROJECTS', 'EDIT_ISSUES'], ids);
  const inScope = new Set(ids.map((id) => shared.keyById.get(id) ?? ''));
  return { accessible: [...still(was.accessible, inScope), ...checked.accessible].sort(), editable: [...still(was.editable, inScope), ...checked.editable].sort() };
}

/**
 * Where the account can browse, and where it can edit issues (in the given projects, all by
 * default): one permission check per 1,000 projects, 2 points per permission asked. Asked for
 * editing only, `accessible` is those same projects.
 */
async function accessOf(
  client: JiraClient,
  accountId: string,
  shared: Shared,
  permissions: ReadonlyArray<'BROWSE_PROJECTS' | 'EDIT_ISSUES'>,
  projectIds: readonly number[] = shared.projects.map((p) => p.id),
): Promise<{ accessible: string[]; editable: string[] }> {
  const granted = await projectsWithPermissions(client, accountId, permissions, projectIds);
  const keys = (ids: number[] | undefined) => (ids ?? []).map((id) => shared.keyById.get(id) ?? '').filter((k) => k !== '').sort();
  const editable = keys(granted.get('EDIT_ISSUES'));
  return { accessible: permissions.includes('BROWSE_PROJECTS') ? keys(granted.get('BROWSE_PROJECTS')) : editable, editable };
}

function accessFrom(record: IdentityRecord): { accessible: string[]; editable: string[] } {
  return { accessible: record.projects.filter((p) => p.hasAccess).map((p) => p.projectKey), editable: record.projects.filter((p) => p.canEdit).map((p) => p.projectKey) };
}

/**
 * When a person's changes and comments on their most recently updated issues happened, per issue
 * (about 2 points per sampled issue: one search with comments, one bulk changelog fetch).
 */
async function timingSample(client: JiraClient, accountId: string, window: Window): Promise<number[][]> {
  const comments = await commentTimesBy(client, `${touchedBy(accountId, window)} ORDER BY updated DESC`, accountId, TIMING_SAMPLE);
  const ids = [...comments.keys()];
  const changes = await changeTimesBy(client, ids, accountId);
  return ids.map((id, i) => [...(comments.get(id) ?? []), ...(changes[i] ?? [])].sort((a, b) => a - b));
}

/** Hands the measured history to the activity ledger: this account's blocks, and its recent tail as facts (null: nothing kept). */
async function backfill(accountId: string, window: Window, part: BackfillPart | null): Promise<void> {
  if (!part) return writeBackfill(accountId, { from: window.from, to: window.to }, new Map());
  await writeBackfill(accountId, { from: window.from, to: part.to }, part.settled, part.tail);
}
