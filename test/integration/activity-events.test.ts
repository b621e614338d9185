import { afterEach, describe, expect, it } from 'vitest';
import type { Host } from '../../dev/host/host';
import { readDayCells } from '../../src/activity/read';
import { reconcileAccount } from '../../src/activity/reconcile';
import { BACKGROUND, JiraClient } from '../../src/jira/client';
import { runInApp, startTestHost } from '../support/host';
import { installVirtualTimers } from '../../dev/tools/virtual-clock';

// Waits (pacing, backoff, Retry-After) pass on the virtual clock, not in real time.
installVirtualTimers();

let host: Host;
afterEach(() => host?.close());


/** Delivers every pending product event and waits for the compactor. */
async function settle(h: Host): Promise<void> {
  await h.productEvents?.flush();
  await h.queue.idle();
}

/** The ledger's cells for the accounts the truth names, in the truth's shape. */
async function ledgerCells(h: Host, accountIds: string[]) {
  const out: Array<Record<string, unknown>> = [];
  for (const accountId of [...new Set(accountIds)].sort()) {
    const days = await runInApp(() => readDayCells(accountId));
    for (const [day, projects] of Object.entries(days)) {
      for (const [projectKey, c] of Object.entries(projects)) {
        out.push({ accountId, projectKey, day, touches: c.touches, created: c.created, updated: c.updated, transitioned: c.transitioned, commented: c.commented, worked: c.worked });
      }
    }
  }
  return out.sort((a, b) => String(a.accountId).localeCompare(String(b.accountId)) || String(a.projectKey).localeCompare(String(b.projectKey)) || String(a.day).localeCompare(String(b.day)));
}

describe('product events reach the ledger', () => {
  it('counts every change on the site once, with duplicated and reordered deliveries', async () => {
    host = startTestHost();
    const sim = host.sim;
    const bus = host.productEvents;
    if (!sim || !bus) throw new Error('needs the simulated site');
    bus.knobs = { ...bus.knobs, duplicate: 0.4, reorder: true, delayMs: 0 };
    const since = Date.now();
    sim.mutate.integrationsAct({ count: 80 });
    sim.mutate.touchIssues({ fraction: 0.02 });
    await settle(host);
    // A second wave, some on the same issues, folded in a later compaction.
    sim.mutate.integrationsAct({ count: 40, seed: 99 });
    await settle(host);
    const truth = sim.truth.ledgerCells({ sinceMs: since });
    expect(truth.length).toBeGreaterThan(10);
    expect(truth.some((c) => c.worked > 0 && c.transitioned + c.commented > 0 || c.commented > 0)).toBe(true);
    expect(bus.stats.duplicated).toBeGreaterThan(0);
    const ledger = await ledgerCells(host, truth.map((c) => c.accountId));
    expect(ledger).toEqual(truth.map(({ accountId, projectKey, day, touches, created, updated, transitioned, commented, worked }) => ({ accountId, projectKey, day, touches, created, updated, transitioned, commented, worked })));
  }, 60_000);

  it('never counts more than happened when events are dropped, and reconciliation finds the rest in Jira', async () => {
    host = startTestHost();
    const sim = host.sim;
    const bus = host.productEvents;
    if (!sim || !bus) throw new Error('needs the simulated site');
    bus.knobs = { ...bus.knobs, drop: 0.3 };
    const since = Date.now();
    sim.mutate.integrationsAct({ count: 60 });
    await settle(host);
    expect(bus.stats.dropped).toBeGreaterThan(0);
    const truth = sim.truth.ledgerCells({ sinceMs: since });
    const ledger = await ledgerCells(host, truth.map((c) => c.accountId));
    const byId = new Map(truth.map((c) => [`${c.accountId}|${c.projectKey}|${c.day}`, c]));
    for (const cell of ledger) {
      const t = byId.get(`${String(cell.accountId)}|${String(cell.projectKey)}|${String(cell.day)}`);
      expect(t).toBeDefined();
      expect(Number(cell.touches)).toBeLessThanOrEqual(t?.touches ?? 0);
    }
    expect(ledger).not.toEqual(truth);
    const today = new Date().toISOString().slice(0, 10);
    const client = new JiraClient(BACKGROUND);
    for (const accountId of new Set(truth.map((c) => c.accountId))) await runInApp(() => reconcileAccount(client, accountId, [today]));
    expect(await ledgerCells(host, truth.map((c) => c.accountId))).toEqual(truth);
  }, 60_000);

  it('reconciliation finds misses that counts cannot see: a dropped comment on an item edited that day, a dropped edit of an item touched another day', async () => {
    host = startTestHost();
    const sim = host.sim;
    const bus = host.productEvents;
    if (!sim || !bus) throw new Error('needs the simulated site');
    const since = Math.floor(Date.now() / 86_400_000) * 86_400_000 - 86_400_000;
    const [accountId] = sim.truth.integrationAccountIds();
    const [first, second] = sim.truth.issuesTouchedBy(accountId ?? '', { sinceMs: 0 });
    if (!accountId || !first || !second) throw new Error('needs an integration with two issues');
    const act = (issueKey: string, kind: 'field' | 'comment', at: number, delivered: boolean) => {
      bus.knobs = { ...bus.knobs, enabled: delivered };
      sim.mutate.addEvent({ issueKey, accountId, kind, at });
    };
    const now = Date.now();
    act(first, 'field', now, true);
    act(first, 'comment', now + 1, false);
    act(second, 'field', since + 3_600_000, false);
    act(second, 'field', now + 2, true);
    bus.knobs = { ...bus.knobs, enabled: true };
    await settle(host);
    const truth = sim.truth.ledgerCells({ sinceMs: since }).filter((c) => c.accountId === accountId);
    expect(await ledgerCells(host, [accountId])).not.toEqual(truth);
    const days = [new Date(since).toISOString().slice(0, 10), new Date(now).toISOString().slice(0, 10)];
    await runInApp(() => reconcileAccount(new JiraClient(BACKGROUND), accountId, days));
    expect(await ledgerCells(host, [accountId])).toEqual(truth);
  }, 60_000);
});
