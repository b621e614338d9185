import { candidateMinimum } from '../../rules/classification';
import { approximateCount } from '../../jira/search';
import type { Account } from '../../jira/users';
import { touchedBy } from '../jql';
import { readAllOverrides } from '../overrides';
import { publishCandidates } from '../partial';
import { readList, writeChunk, writeList } from '../work-store';
import { runWindow, timeLeft, type StepContext } from './context';

/** One account the identities phase will measure, with its touched-issue count when known. */
export interface IdentityWork {
  accountId: string;
  knownTotal?: number;
}

const BATCH = 24;

/**
 * Counts, for every person (deactivated ones too), the issues they touched in the window, two people to a count
 * first (1 point): when two people together touched fewer issues than a candidate must, neither
 * is one, and most pairs end there; otherwise each is counted alone. People busy enough to be
 * automation become candidates; the identities phase measures them and decides. The phase ends by
 * writing the work list (every app account, the candidates, and the accounts an admin marked as
 * integrations) and, on a first scan, by showing the candidates in the partial snapshot.
 */
export async function runPeoplePhase(ctx: StepContext): Promise<boolean> {
  const { runId } = ctx.state;
  const dir = ctx.state.directory;
  if (!dir) throw new Error('people phase without a directory');
  const accounts = await readList<Account>(dir.runId, 'accounts', dir.accountChunks);
  // Deactivated people too: an account switched off after doing the work keeps its history.
  const people = accounts.filter((a) => a.accountType === 'atlassian').sort((a, b) => a.accountId.localeCompare(b.accountId));
  const window = await runWindow(ctx);
  const minimum = candidateMinimum(ctx.state.windowDays);
  ctx.state = { ...ctx.state, total: people.length };
  while (ctx.state.cursor < people.length) {
    if (!timeLeft(ctx)) return false;
    const batch = people.slice(ctx.state.cursor, ctx.state.cursor + BATCH);
    const pairs = Array.from({ length: Math.ceil(batch.length / 2) }, (_, i) => batch.slice(i * 2, i * 2 + 2));
    const counts = (
      await Promise.all(
        pairs.map(async (pair) => {
          const together = pair.length === 1 ? null : await approximateCount(ctx.client, `(${pair.map((p) => touchedBy(p.accountId, window)).join(' OR ')})`);
          if (together !== null && together < minimum) return [];
          return Promise.all(pair.map(async (p) => ({ accountId: p.accountId, knownTotal: await approximateCount(ctx.client, touchedBy(p.accountId, window)) })));
        }),
      )
    ).flat();
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
  ctx.state = { ...ctx.state, identityChunks, total: list.length };
  const byId = new Map(accounts.map((a) => [a.accountId, a]));
  await publishCandidates(
    ctx.state,
    candidates.flatMap((c) => {
      const account = byId.get(c.accountId);
      return account && c.knownTotal !== undefined ? [{ account, knownTotal: c.knownTotal }] : [];
    }),
  );
  return true;
}
