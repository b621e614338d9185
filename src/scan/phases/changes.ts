import { auditRecordsSince, type AuditRecord } from '../../jira/audit';
import { JiraError } from '../../jira/errors';
import { readNewcomers } from '../../activity/newcomers';
import { readBusyAccounts } from '../../activity/read';
import { THRESHOLDS } from '../../rules/classification';
import { readRecentlyScreened } from '../screened';
import { readAllOverrides } from '../overrides';
import { readIdentitySummaries, readSnapshotPointer } from '../snapshot-store';
import type { Account } from '../../jira/users';
import { readList, writeList } from '../work-store';
import { runWindow, type StepContext } from './context';
import type { IdentityWork } from './people';
import { accessScope } from '../access-scope';
import { startAccessRefresh } from './access-refresh';

/**
 * Audit categories whose changes can change access (who can browse or edit where) and the project
 * list. New users are not among them: an account that acts reaches the ledger through product
 * events (a newcomer), and one that never acts touches nothing.
 */
const ACCESS_CATEGORIES = ['group management', 'permissions', 'projects'];
/** Without product events (real-site mode), new users need a full scan too. */
const NO_EVENTS_CATEGORIES = [...ACCESS_CATEGORIES, 'user management'];

/**
 * First phase of an incremental scan: one look at Jira's audit log since the last scan.
 * - Without product events (real-site mode), changes to users, groups, roles, permissions or
 *   projects make the scan a full one: the backfill is the only source of activity.
 * - With product events, activity is current whatever access did (the backfill counts over every
 *   project the app can browse, never over an identity's access): changes to groups, roles,
 *   permissions or projects make it an access refresh (access checked again as narrowly as the
 *   records allow, see access-scope.ts; activity kept; ScanState.accessRefresh).
 * The work list is the previous snapshot's identities, every app account, accounts an admin
 * marked, and accounts that started acting since (newcomers the activity ledger saw).
 */
export async function runChangesPhase(ctx: StepContext): Promise<boolean> {
  const since = ctx.lastGood?.startedAt;
  const pointer = await readSnapshotPointer();
  const audit = since ? await readAudit(ctx, since) : { records: null, unavailable: null };
  const eventsArrive = (await runWindow(ctx)).to !== null;
  const categories = eventsArrive ? ACCESS_CATEGORIES : NO_EVENTS_CATEGORIES;
  const changed = audit.records?.some((r) => categories.includes(r.category.toLowerCase())) ?? false;
  if (!audit.records || !pointer || (changed && !eventsArrive)) {
    const fullScanReason =
      audit.unavailable ??
      (changed
        ? "Jira's audit log shows changes to users, groups, permissions or projects since the last scan, and no Jira product events arrive to keep activity current."
        : 'The last complete scan left nothing to compare with.');
    ctx.state = { ...ctx.state, mode: 'full', phase: 'directory', cursor: 0, done: 0, total: 0, sinceDay: null, directory: null, fullScanReason };
    return false;
  }
  const dir = ctx.state.directory;
  const [previous, overrides, accounts] = await Promise.all([readIdentitySummaries(pointer), readAllOverrides(), dir ? readList<Account>(dir.runId, 'accounts', dir.accountChunks) : []]);
  // App accounts are integrations by type: all of them, so that one an admin stops excluding comes back.
  const work = new Map<string, IdentityWork>(accounts.filter((a) => a.accountType === 'app').map((a) => [a.accountId, { accountId: a.accountId }]));
  for (const s of previous) work.set(s.accountId, { accountId: s.accountId });
  for (const [accountId, override] of overrides) if (override === 'integration') work.set(accountId, { accountId });
  // Accounts that started acting since the last full scan (the ledger saw them): measured now.
  for (const n of await readNewcomers()) if (!work.has(n.accountId)) work.set(n.accountId, { accountId: n.accountId });
  // People the ledger shows as busy as a candidate (not measured in the last week): measured now.
  const screened = await readRecentlyScreened();
  for (const b of await readBusyAccounts(THRESHOLDS.candidatePerDay)) if (!work.has(b.accountId) && !screened.has(b.accountId)) work.set(b.accountId, { accountId: b.accountId });
  const list = [...work.values()].sort((a, b) => a.accountId.localeCompare(b.accountId));
  const known = new Map<string, { accountType: string | undefined }>(accounts.map((a) => [a.accountId, a]));
  for (const n of await readNewcomers()) known.set(n.accountId, n);
  const scope = changed ? accessScope(audit.records, known, ACCESS_CATEGORIES) : null;
  // Group changes of people who are not identities change nothing the app shows.
  if (scope && (scope.projectList || scope.everywhere === 'all' || scope.projectIds.length > 0 || scope.everywhere.some((id) => work.has(id)))) {
    if (!dir) throw new Error('incremental scan without a directory');
    const identityChunks = await writeList(ctx.state.runId, 'identities', list);
    ctx.state = { ...ctx.state, identityChunks, total: list.length };
    return startAccessRefresh(ctx, dir, { createdProjectIds: createdProjects(audit.records), scope });
  }
  // With product events keeping the ledger current, an identity the last snapshot has, under the
  // same admin mark, has nothing to measure: when that holds for all, the published generation
  // stays (no copy of every record, no Jira calls beyond the audit log).
  const before = new Map(previous.map((s) => [s.accountId, s.override ?? null]));
  const unchanged = (w: IdentityWork) => overrides.get(w.accountId) === 'not-integration' || (before.has(w.accountId) && before.get(w.accountId) === (overrides.get(w.accountId) ?? null));
  if (eventsArrive && list.every(unchanged)) {
    const identityChunks = await writeList(ctx.state.runId, 'identities', []);
    ctx.state = { ...ctx.state, generation: pointer.generation, identityChunks, total: 0 };
    return true;
  }
  const identityChunks = await writeList(ctx.state.runId, 'identities', list);
  ctx.state = { ...ctx.state, identityChunks, total: list.length };
  return true;
}

/**
 * Ids of the projects the audit log shows created ("Project created": category projects, the
 * project as its object item). A project created since the last scan has no history from before
 * it: the product events since its creation are all of it.
 */
function createdProjects(records: readonly AuditRecord[]): string[] {
  const ids = records.filter((r) => r.category.toLowerCase() === 'projects' && /\bcreated\b/i.test(r.summary) && r.objectItem?.typeName === 'PROJECT').map((r) => r.objectItem?.id ?? '');
  return [...new Set(ids.filter((id) => id !== ''))];
}

/**
 * Reads the audit log since the last scan. Jira answers 403 where it keeps none (every Jira
 * product on a Free plan) and to an app without Administer Jira; any lasting refusal means the
 * scan cannot see what changed, so it reads everything (a full scan) and says why. Failures that
 * may pass (5xx, timeouts, rate limits) are thrown, for the engine to retry.
 */
async function readAudit(ctx: StepContext, since: string): Promise<{ records: AuditRecord[] | null; unavailable: string | null }> {
  try {
    return { records: await auditRecordsSince(ctx.client, since), unavailable: null };
  } catch (e) {
    if (e instanceof JiraError && e.status >= 400 && e.status < 500 && e.status !== 429 && e.status !== 408) {
      return {
        records: null,
        unavailable: `Jira's audit log is not available to the app (Jira answered ${e.status}): sites where every Jira product is on a Free plan have none, and reading it needs Administer Jira. Without it the scan cannot tell what changed, so it reads everything.`,
      };
    }
    throw e;
  }
}
