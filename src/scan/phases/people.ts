import { THRESHOLDS } from '../../rules/classification';
import { approximateCount } from '../../jira/search';
import type { Account } from '../directory';
import { touchedBy } from '../jql';
import { readAllOverrides } from '../overrides';
import { publishFirstIdentities } from '../partial';
import { readList, writeChunk, writeList } from '../work-store';
import { runWindow, timeLeft, type StepContext } from './context';

/** One account the identities phase will measure, with its touched-issue count when known. */
export interface IdentityWork {
  accountId: string;
  knownTotal?: number;
}

const BATCH = 24;

/**
 * Counts, for every person (deactivated ones too), the issues they touched in the window (1 point each). People
 * busy enough to be automation become candidates; the identities phase measures them and decides.
 * The phase ends by writing the work list: every app account, the candidates, and the accounts an
 * admin marked as integrations.
 */
export async function runPeoplePhase(ctx: StepContext): Promise<boolean> {
  const { runId } = ctx.state;
  const dir = ctx.state.directory;
  if (!dir) throw new Error('people phase without a directory');
  const accounts = await readList<Account>(dir.runId, 'accounts', dir.accountChunks);
  // Deactivated people too: an account switched off after doing the work keeps its history.
  const people = accounts.filter((a) => a.accountType === 'atlassian').sort((a, b) => a.accountId.localeCompare(b.accountId));
  const window = await runWindow(ctx);
  const minimum = Math.ceil(THRESHOLDS.candidatePerDay * ctx.state.windowDays);
  ctx.state = { ...ctx.state, total: people.length };
  while (ctx.state.cursor < people.length) {
    if (!timeLeft(ctx)) return false;
    const batch = people.slice(ctx.state.cursor, ctx.state.cursor + BATCH);
    const counts = await Promise.all(batch.map(async (p) => ({ accountId: p.accountId, knownTotal: await approximateCount(ctx.client, touchedBy(p.accountId, window)) })));
    await writeChunk(runId, 'candidates', ctx.state.cursor / BATCH, counts.filter((c) => c.knownTotal >= minimum));
    ctx.state = { ...ctx.state, cursor: ctx.state.cursor + batch.length, done: ctx.state.cursor + batch.length };
    await ctx.saveProgress();
  }
  const candidates = await readList<IdentityWork>(runId, 'candidates', Math.ceil(people.length / BATCH));
  const overrides = await readAllOverrides();
  const work = new Map<string, IdentityWork>();
  for (const a of accounts) if (a.accountType === 'app') work.set(a.accountId, { accountId: a.accountId });
  for (const c of candidates) work.set(c.accountId, c);
  for (const [accountId, override] of overrides) if (override === 'integration' && !work.has(accountId)) work.set(accountId, { accountId });
  // Busiest first: the identities that did the most are measured (and shown) first.
  const list = [...work.values()].sort((a, b) => (b.knownTotal ?? -1) - (a.knownTotal ?? -1) || a.accountId.localeCompare(b.accountId));
  const identityChunks = await writeList(runId, 'identities', list);
  ctx.state = await publishFirstIdentities({ ...ctx.state, identityChunks, total: list.length }, accounts);
  return true;
}
