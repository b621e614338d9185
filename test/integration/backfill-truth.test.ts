import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host } from '../../dev/host/host';
import type { LedgerCell } from '../../dev/sim/types';
import type { IdentityDetail, ScanStatus } from '../../src/contract';
import { readIdentityActivity } from '../../src/activity/read';
import { reconcileAccount } from '../../src/activity/reconcile';
import { BACKGROUND, JiraClient } from '../../src/jira/client';
import { READ_LIMIT } from '../../src/scan/activity';
import { SETTLE_MS } from '../../src/scan/jql';
import { runInApp, startTestHost } from '../support/host';
import { allIdentities, asAdmin, scanToCompletion } from '../support/scan';
import { installVirtualTimers } from '../../dev/tools/virtual-clock';

// Waits (pacing, backoff, Retry-After) pass on the virtual clock, not in real time.
installVirtualTimers();

// Background retries wait 20 ms instead of 2 s here; the behaviour is the same.
process.env.SCAN_RETRY_BASE_MS = '20';

const DAY = 86_400_000;
const ROLES = ['Developers', 'Users', 'Administrators', 'Integrations'];
const LAG_MS = 10 * 60_000;

type Matrix = Map<string, Record<string, number>>;

function matrixOf(cells: readonly LedgerCell[], skipProject: string): Matrix {
  const out: Matrix = new Map();
  for (const c of cells) {
    if (c.projectKey === skipProject || c.touches === 0) continue;
    const row = out.get(c.accountId) ?? {};
    row[c.projectKey] = (row[c.projectKey] ?? 0) + c.touches;
    out.set(c.accountId, row);
  }
  return out;
}

/**
 * The four cases issue 10 names, set up on the demo site before one scan, then the app's identity x
 * project matrix compared with the site's truth: once with no product events (a real site as the
 * app sees it before Jira's events, or when none arrive), once with events since today.
 */
describe.each([
  ['no product events (real-site mode)', false],
  ['product events from today on', true],
])('the backfill with %s', (_label, events) => {
  let host: Host;
  const cases = { accessRemoved: '', removedFrom: '', deactivated: '', hidden: '', lagged: '' };
  let windowStart = 0;
  let today = 0;
  // Without events, the backfill's block ends where counts stop; the recent tail is counted per day, like the ledger's days.
  let settledDay = 0;

  const sim = () => {
    if (!host.sim) throw new Error('simulated site expected');
    return host.sim;
  };

  beforeAll(async () => {
    host = startTestHost();
    const bus = host.productEvents;
    if (!bus) throw new Error('product events expected');
    bus.knobs = { ...bus.knobs, enabled: events };
    today = Math.floor(Date.now() / DAY) * DAY;
    windowStart = today - 90 * DAY;
    const integrations = sim().truth.integrationAccountIds();
    const before = matrixOf(sim().truth.touchMatrix({ sinceMs: windowStart }), '');
    const busy = integrations.filter((a) => Object.keys(before.get(a) ?? {}).length >= 2).sort((a, b) => Object.keys(before.get(b) ?? {}).length - Object.keys(before.get(a) ?? {}).length);

    // Access removed after the work: every direct role taken away from a busy integration; a touched
    // project where it no longer holds any role is where the old split lost or misplaced its work.
    for (const accountId of busy) {
      const touched = Object.keys(before.get(accountId) ?? {});
      for (const projectKey of sim().truth.projectsWithRole(accountId)) for (const roleName of ROLES) sim().mutate.setRoleActor({ projectKey, roleName, accountId, present: false });
      const lost = touched.find((k) => !sim().truth.projectsWithRole(accountId).includes(k));
      if (lost) {
        cases.accessRemoved = accountId;
        cases.removedFrom = lost;
        break;
      }
    }
    // A deactivated account (it holds no permission any more).
    cases.deactivated = busy.find((a) => a !== cases.accessRemoved) ?? '';
    sim().mutate.setActive({ accountId: cases.deactivated, active: false });
    // A project the app can list but not browse, touched by somebody else than the two above.
    const others = busy.filter((a) => a !== cases.accessRemoved && a !== cases.deactivated);
    cases.hidden = Object.keys(before.get(others[0] ?? '') ?? {}).find((k) => k !== cases.removedFrom) ?? '';
    sim().mutate.setProjectBrowsableByApp({ projectKey: cases.hidden, browsable: false });

    // Approximate counts that lag, and changes made just now by an identity busy enough to be
    // located by counts: items it never touched before, an edit and a worklog, in two projects.
    sim().mutate.setCountLag({ ms: LAG_MS });
    cases.lagged = others.find((a) => Object.values(before.get(a) ?? {}).reduce((n, v) => n + v, 0) > READ_LIMIT) ?? '';
    const fresh = sim()
      .truth.touchMatrix({ sinceMs: 0 })
      .filter((c) => c.accountId !== cases.lagged && c.projectKey !== cases.hidden)
      .map((c) => c.projectKey);
    const projects = [...new Set(fresh)].slice(0, 2);
    for (const [i, projectKey] of projects.entries()) {
      const issueKey = sim().truth.issuesTouchedBy(sim().truth.integrationAccountIds().find((a) => a !== cases.lagged && sim().truth.issuesTouchedBy(a, { sinceMs: 0 }).some((k) => k.startsWith(`${projectKey}-`))) ?? '', { sinceMs: 0 }).find((k) => k.startsWith(`${projectKey}-`));
      if (!issueKey) continue;
      sim().mutate.addEvent({ issueKey, accountId: cases.lagged, kind: i === 0 ? 'field' : 'worklog' });
    }
    await bus.flush();
    await host.queue.idle();
    settledDay = Math.floor((Date.now() - SETTLE_MS) / DAY) * DAY;
    await scanToCompletion(host);
    await host.queue.idle();
  }, 180_000);
  afterAll(() => host.close());

  it('sets up every case', () => {
    expect(cases.accessRemoved).not.toBe('');
    expect(cases.deactivated).not.toBe('');
    expect(cases.hidden).not.toBe('');
    expect(cases.lagged).not.toBe('');
    expect(sim().truth.touchMatrix({ sinceMs: today }).filter((c) => c.accountId === cases.lagged).length).toBeGreaterThan(0);
  });

  it("gives every identity exactly the site's touches per project, wherever its access is today", async () => {
    const expected = events
      ? // Before today: the backfill (each item once); from today: the ledger's days.
        new Map(
          [...matrixOf([...sim().truth.touchMatrix({ sinceMs: windowStart, untilMs: today }), ...sim().truth.ledgerCells({ sinceMs: today })], cases.hidden)],
        )
      : matrixOf([...sim().truth.touchMatrix({ sinceMs: windowStart, untilMs: settledDay }), ...sim().truth.ledgerCells({ sinceMs: settledDay })], cases.hidden);
    const identities = await allIdentities(host);
    const found = new Set(identities.map((i) => i.accountId));
    for (const accountId of [cases.accessRemoved, cases.deactivated, cases.lagged]) expect(found.has(accountId), accountId).toBe(true);
    for (const accountId of sim().truth.integrationAccountIds()) {
      expect(found.has(accountId), accountId).toBe(true);
      const detail = await asAdmin<IdentityDetail>(host, 'identity/get', { accountId });
      const touched = Object.fromEntries(detail.projects.filter((p) => p.touches > 0).map((p) => [p.projectKey, p.touches]));
      expect(touched, detail.displayName).toEqual(expected.get(accountId) ?? {});
    }
    const removed = await asAdmin<IdentityDetail>(host, 'identity/get', { accountId: cases.accessRemoved });
    const there = removed.projects.find((p) => p.projectKey === cases.removedFrom);
    expect(there?.hasAccess).toBe(false);
    expect(there?.touches).toBeGreaterThan(0);
  });

  it('lists the project the app cannot browse once, as not visible to the app, and drops no identity', async () => {
    const status = await asAdmin<ScanStatus>(host, 'scan/status');
    expect(status.state).toBe('idle');
    expect(status.unmeasured.filter((u) => u.kind === 'project')).toEqual([expect.objectContaining({ id: cases.hidden, reason: expect.stringContaining('not visible to the app') })]);
    expect(status.unmeasured.filter((u) => u.kind === 'identity')).toEqual([]);
  });

  it.runIf(!events)('counts each of today\'s work items once when events begin later that day and reconciliation reads the day', async () => {
    const bus = host.productEvents;
    if (!bus) throw new Error('product events expected');
    bus.knobs = { ...bus.knobs, enabled: true };
    const accountId = cases.lagged;
    // It acts again on an item it touched before the scan today, and on one it has not touched today.
    const todays = sim().truth.issuesTouchedBy(accountId, { sinceMs: today });
    const older = sim().truth.issuesTouchedBy(accountId, { sinceMs: windowStart }).filter((k) => !todays.includes(k) && !k.startsWith(`${cases.hidden}-`));
    for (const issueKey of [todays[0], older[0]]) if (issueKey) sim().mutate.addEvent({ issueKey, accountId, kind: 'field' });
    await bus.flush();
    await host.queue.idle();
    await runInApp(() => reconcileAccount(new JiraClient(BACKGROUND), accountId, [new Date(today).toISOString().slice(0, 10)]));
    const expected = matrixOf([...sim().truth.touchMatrix({ sinceMs: windowStart, untilMs: settledDay }), ...sim().truth.ledgerCells({ sinceMs: settledDay })], cases.hidden).get(accountId) ?? {};
    const found = await runInApp(() => readIdentityActivity(accountId));
    const touched = Object.fromEntries([...found].filter(([key, c]) => c.touches > 0 && key !== cases.hidden).map(([key, c]) => [key, c.touches]));
    expect(Object.keys(expected).length).toBeGreaterThan(0);
    expect(touched).toEqual(expected);
  });
});
