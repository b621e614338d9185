import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Host } from '../../dev/host/host';
import type { HeatMapData, IdentityDetail, ProjectIntegrations } from '../../src/contract';
import { clearAccessCache } from '../../src/access/policy';
import { issuesTouchedIn } from '../../src/rules/blast-radius';
import { invokeAs, persona, startTestHost } from '../support/host';
import { asAdmin, scanToCompletion } from '../support/scan';
import { installVirtualTimers } from '../../dev/tools/virtual-clock';

// Waits (pacing, backoff, Retry-After) pass on the virtual clock, not in real time.
installVirtualTimers();

process.env.SCAN_RETRY_BASE_MS = '20';

let host: Host;

/** Jira endpoints the app called while `fn` ran, from the simulated site's meter. */
async function jiraCallsDuring(fn: () => Promise<unknown>): Promise<{ endpoints: string[]; points: number }> {
  const meter = host.sim?.meter;
  if (!meter) throw new Error('the test host has no simulated site');
  const before = meter.snapshot();
  await fn();
  const after = meter.snapshot();
  const endpoints = Object.entries(after.byEndpoint)
    .filter(([k, v]) => v.requests > (before.byEndpoint[k]?.requests ?? 0))
    .map(([k]) => k);
  return { endpoints, points: after.points - before.points };
}

const PERMISSION_CHECK = /^GET \/rest\/api\/3\/mypermissions/;

beforeAll(async () => {
  host = startTestHost();
  await scanToCompletion(host);
}, 120_000);
afterAll(() => host?.close());
beforeEach(() => clearAccessCache());

describe('heatmap/get', () => {
  it('maps the widest identities over at most 24 projects, each cell the figure the detail and the project page show', async () => {
    const map = await asAdmin<HeatMapData>(host, 'heatmap/get');
    expect(map.snapshot).not.toBeNull();
    expect(map.rows.length).toBeGreaterThan(0);
    expect(map.rows.length).toBeLessThanOrEqual(20);
    expect(map.projects.length).toBeGreaterThan(0);
    expect(map.projects.length).toBeLessThanOrEqual(24);
    for (const row of map.rows) expect(row.cells).toHaveLength(map.projects.length);
    // Widest first.
    const widths = map.rows.map((r) => r.projectsTouched);
    expect(widths).toEqual([...widths].sort((a, b) => b - a));

    const row = map.rows[0];
    if (!row) throw new Error('no row');
    const detail = await asAdmin<IdentityDetail>(host, 'identity/get', { accountId: row.accountId });
    const siteAdmin = persona(host, 'site-admin').accountId;
    for (const [i, project] of map.projects.entries()) {
      const here = detail.projects.find((p) => p.projectKey === project.key);
      expect(row.cells[i], `${row.displayName} in ${project.key}`).toBe(here ? issuesTouchedIn(here) : 0);
      if (!row.cells[i]) continue;
      const answer = await invokeAs<ProjectIntegrations>(host, { as: siteAdmin, moduleKey: 'project-page', projectKey: project.key, functionKey: 'project/integrations' });
      if (!answer.ok) throw new Error(answer.error.message);
      expect(answer.data.integrations.find((x) => x.accountId === row.accountId)?.activity.touches).toBe(row.cells[i]);
    }
  });

  it('reads stored data only: no Jira call beyond the caller’s permission check', async () => {
    const first = await jiraCallsDuring(() => asAdmin<HeatMapData>(host, 'heatmap/get'));
    expect(first.endpoints.filter((e) => !PERMISSION_CHECK.test(e))).toEqual([]);
    // With the permission decision cached, opening it again costs nothing.
    const again = await jiraCallsDuring(() => asAdmin<HeatMapData>(host, 'heatmap/get'));
    expect(again).toEqual({ endpoints: [], points: 0 });
  });

  it('is for Jira administrators only', async () => {
    const answer = await invokeAs<HeatMapData>(host, { as: persona(host, 'user').accountId, moduleKey: 'admin-page', functionKey: 'heatmap/get' });
    expect(answer.ok).toBe(false);
    if (!answer.ok) expect(answer.error.code).toBe('FORBIDDEN');
  });

  it('refuses a payload', async () => {
    const answer = await invokeAs<HeatMapData>(host, { as: persona(host, 'site-admin').accountId, moduleKey: 'admin-page', functionKey: 'heatmap/get', payload: { limit: 500 } });
    expect(answer.ok).toBe(false);
  });
});
