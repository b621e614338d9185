import { auditRecordsSince } from '../../jira/audit';
import { readAllOverrides } from '../overrides';
import { readIdentitySummaries, readSnapshotPointer } from '../snapshot-store';
import type { Account } from '../directory';
import { readList, writeList } from '../work-store';
import type { StepContext } from './context';
import type { IdentityWork } from './people';

/** Audit categories whose changes can add identities or change access: those need a full scan. */
const ACCESS_CATEGORIES = ['user management', 'group management', 'permissions', 'projects'];

/**
 * First phase of an incremental scan: one look at Jira's audit log since the last scan. If users,
 * groups, roles, permissions or projects changed, the scan becomes a full one; otherwise the work
 * list is the previous snapshot's identities, every app account, and accounts an admin marked.
 */
export async function runChangesPhase(ctx: StepContext): Promise<boolean> {
  const since = ctx.lastGood?.startedAt;
  const pointer = await readSnapshotPointer();
  const records = since ? await auditRecordsSince(ctx.client, since) : null;
  if (!records || !pointer || records.some((r) => ACCESS_CATEGORIES.includes(r.category.toLowerCase()))) {
    ctx.state = { ...ctx.state, mode: 'full', phase: 'directory', cursor: 0, sinceDay: null, directory: null };
    return false;
  }
  const dir = ctx.state.directory;
  const [previous, overrides, accounts] = await Promise.all([readIdentitySummaries(pointer), readAllOverrides(), dir ? readList<Account>(dir.runId, 'accounts', dir.accountChunks) : []]);
  // App accounts are integrations by type: all of them, so that one an admin stops excluding comes back.
  const work = new Map<string, IdentityWork>(accounts.filter((a) => a.accountType === 'app').map((a) => [a.accountId, { accountId: a.accountId }]));
  for (const s of previous) work.set(s.accountId, { accountId: s.accountId });
  for (const [accountId, override] of overrides) if (override === 'integration') work.set(accountId, { accountId });
  const list = [...work.values()].sort((a, b) => a.accountId.localeCompare(b.accountId));
  const identityChunks = await writeList(ctx.state.runId, 'identities', list);
  ctx.state = { ...ctx.state, identityChunks, total: list.length };
  return true;
}
