import { afterEach, describe, expect, it } from 'vitest';
import type { Host } from '../../dev/host/host';
import { advanceTo, installVirtualTimers } from '../../dev/tools/virtual-clock';
import { requestReconcile } from '../../src/activity/compactor';
import { readDayCells } from '../../src/activity/read';
import { reconcileAccount, reconcileByCounts } from '../../src/activity/reconcile';
import { BACKGROUND, JiraClient } from '../../src/jira/client';
import { runInApp, startTestHost } from '../support/host';

// Waits (pacing, the compactor's gathering) pass on the virtual clock; days are moved through with advanceTo.
installVirtualTimers();

const DAY = 86_400_000;
const COUNT = 'POST /rest/api/3/search/approximate-count';
let host: Host;
afterEach(() => host?.close());

const dayKey = (ms: number) => new Date(Math.floor(ms / DAY) * DAY).toISOString().slice(0, 10);

type Kind = 'field' | 'comment' | 'status' | 'worklog';
interface Act {
  day: number;
  accountId: string;
  issueKey: string;
  kind: Kind;
  delivered?: boolean;
}

/**
 * A few integration accounts at work over three days after the site's generated history (so
 * nobody else acts on those days), each day's events delivered (or not) as the acts say; then the
 * clock moves to an hour into the fourth day, so that the three days are whole and settled.
 */
async function week(h: Host, plan: (accounts: string[], items: (accountId: string) => string[]) => Act[]) {
  const sim = h.sim;
  const bus = h.productEvents;
  if (!sim || !bus) throw new Error('needs the simulated site');
  const start = Math.floor(Date.now() / DAY) * DAY + DAY;
  const accounts = sim.truth.integrationAccountIds().filter((a) => sim.truth.issuesTouchedBy(a, { sinceMs: 0 }).length >= 12).slice(0, 4);
  // Items no two accounts share, so that the days' sets are each account's own.
  const taken = new Set<string>();
  const own = new Map(accounts.map((a) => [a, sim.truth.issuesTouchedBy(a, { sinceMs: 0 }).filter((k) => !taken.has(k) && taken.add(k))]));
  const acts = plan(accounts, (a) => own.get(a) ?? []);
  for (let d = 0; d < 3; d++) {
    advanceTo(start + d * DAY + 10 * 3_600_000);
    for (const [i, act] of acts.filter((x) => x.day === d).entries()) {
      bus.knobs = { ...bus.knobs, enabled: act.delivered !== false };
      sim.mutate.addEvent({ issueKey: act.issueKey, accountId: act.accountId, kind: act.kind, at: Date.now() + i });
    }
    bus.knobs = { ...bus.knobs, enabled: true };
    await bus.flush();
    await h.queue.idle();
  }
  advanceTo(start + 3 * DAY + 3_600_000);
  const days = [0, 1, 2].map((d) => dayKey(start + d * DAY));
  const truth = () => sim.truth.ledgerCells({ sinceMs: start }).map(({ accountId, projectKey, day, touches, created, updated, transitioned, commented, worked }) => ({ accountId, projectKey, day, touches, created, updated, transitioned, commented, worked }));
  const ledger = async () => {
    const out: ReturnType<typeof truth> = [];
    for (const accountId of accounts) {
      for (const [day, projects] of Object.entries(await runInApp(() => readDayCells(accountId)))) {
        if (!days.includes(day)) continue;
        for (const [projectKey, c] of Object.entries(projects)) out.push({ accountId, projectKey, day, touches: c.touches, created: c.created, updated: c.updated, transitioned: c.transitioned, commented: c.commented, worked: c.worked });
      }
    }
    const order = (a: { accountId: string; projectKey: string; day: string }, b: typeof a) => a.accountId.localeCompare(b.accountId) || a.projectKey.localeCompare(b.projectKey) || a.day.localeCompare(b.day);
    return { ledger: out.sort(order), truth: truth().sort(order) };
  };
  sim.meter.reset();
  return { accounts, days, ledger, meter: () => sim.meter.snapshot() };
}

/** Every account at work on each of the three days (its items 0 to 3): edits, comments, transitions, a worklog. */
function busy(accounts: string[], items: (accountId: string) => string[]): Act[] {
  const kinds: Kind[] = ['field', 'comment', 'status', 'worklog'];
  return accounts.flatMap((accountId, n) => [0, 1, 2].flatMap((day) => [0, 1].map((j) => ({ day, accountId, issueKey: items(accountId)[(day + j) % 4] as string, kind: kinds[(n + day + j) % 4] as Kind }))));
}

describe('reconciliation counts first', () => {
  it('spends only counts on a week with no losses: no search, no changelog read', async () => {
    host = startTestHost();
    const w = await week(host, busy);
    await runInApp(() => requestReconcile(w.accounts));
    await host.queue.idle();
    const spent = w.meter();
    expect(Object.keys(spent.byEndpoint)).toEqual([COUNT]);
    // One count per day for the four accounts together (they fit in one JQL).
    expect(spent.points).toBe(3);
    const { ledger, truth } = await w.ledger();
    expect(truth.length).toBeGreaterThan(8);
    expect(ledger).toEqual(truth);
  });

  it('finds a dropped event on an item touched on no other day, and reads only that account', async () => {
    host = startTestHost();
    let lost = '';
    const w = await week(host, (accounts, items) => {
      lost = accounts[1] as string;
      // An item this account touches on no other day, its one event dropped.
      return [...busy(accounts, items), { day: 1, accountId: lost, issueKey: items(lost)[4] as string, kind: 'field', delivered: false }];
    });
    const before = await w.ledger();
    expect(before.ledger).not.toEqual(before.truth);
    const outcome = await runInApp(() => reconcileByCounts(new JiraClient(BACKGROUND), w.accounts, w.days));
    expect(outcome.read).toEqual([lost]);
    expect(outcome.changed).toEqual([lost]);
    const { ledger, truth } = await w.ledger();
    expect(ledger).toEqual(truth);
    // Counts: three days, the lossy day's updatedBy part halved down to the account, the rest once more; then one account's read.
    const spent = w.meter().byEndpoint;
    expect(spent[COUNT]?.requests).toBeLessThanOrEqual(12);
    expect(spent['POST /rest/api/3/search/jql']?.requests).toBeGreaterThan(0);
  });

  it('cannot see a dropped comment behind an edit of the same item that day (the documented limit): a read of that account finds it', async () => {
    host = startTestHost();
    let lost = '';
    let item = '';
    const w = await week(host, (accounts, items) => {
      lost = accounts[2] as string;
      item = items(lost)[4] as string;
      return [...busy(accounts, items), { day: 2, accountId: lost, issueKey: item, kind: 'field' }, { day: 2, accountId: lost, issueKey: item, kind: 'comment', delivered: false }];
    });
    const outcome = await runInApp(() => reconcileByCounts(new JiraClient(BACKGROUND), w.accounts, w.days));
    // Every count agrees: the item is in the day's set through the edit.
    expect(outcome.read).toEqual([]);
    expect(Object.keys(w.meter().byEndpoint)).toEqual([COUNT]);
    const found = await w.ledger();
    const cell = (cells: typeof found.truth) => cells.filter((c) => c.accountId === lost && c.day === w.days[2]);
    expect(cell(found.ledger).map((c) => c.touches)).toEqual(cell(found.truth).map((c) => c.touches));
    expect(cell(found.ledger).reduce((n, c) => n + c.commented, 0)).toBe(cell(found.truth).reduce((n, c) => n + c.commented, 0) - 1);
    // What finds it: a read of the account's days, which the count path does when any loss shows in that account's week.
    await runInApp(() => reconcileAccount(new JiraClient(BACKGROUND), lost, w.days));
    const after = await w.ledger();
    expect(after.ledger).toEqual(after.truth);
  });

  it('reads the whole week of an account that shows a loss, and so finds a dropped comment behind an edit there too', async () => {
    host = startTestHost();
    let lost = '';
    const w = await week(host, (accounts, items) => {
      lost = accounts[0] as string;
      const item = items(lost)[4] as string;
      return [
        ...busy(accounts, items),
        { day: 0, accountId: lost, issueKey: item, kind: 'field' },
        { day: 0, accountId: lost, issueKey: item, kind: 'comment', delivered: false },
        // A visible loss on another day: an item it touched that day only.
        { day: 2, accountId: lost, issueKey: item, kind: 'status', delivered: false },
      ];
    });
    const outcome = await runInApp(() => reconcileByCounts(new JiraClient(BACKGROUND), w.accounts, w.days));
    expect(outcome.read).toEqual([lost]);
    const { ledger, truth } = await w.ledger();
    expect(ledger).toEqual(truth);
  });
});
