/**
 * `npm run bench:access`: what an access change costs once the backfill is done (issue 10, items 3
 * and 5). A full scan of the simulated site (large by default, BENCH_SITE=demo for the demo) with
 * Jira's product events arriving, on a virtual clock that skips budget pauses. Then three access changes, each in Jira's audit log and each followed by a scan (an access
 * refresh): an integration added to a group; a role granted in a project and a new project; a
 * permission scheme edited (everyone, everywhere). Prints each scan's points by endpoint. Last
 * line: one JSON object.
 */
import { startBenchHost } from './bench-host';

const { host, inApp, close } = await startBenchHost('access', 'large');
const { drainQueue } = await import('../dev/tools/drain');
const { startScan, scanStatus } = await import('../src/scan/engine');

const sim = host.sim;
const bus = host.productEvents;
if (!sim || !bus) throw new Error('the bench needs the simulated site');

/** One scan, started as an admin's Scan now, drained; its own points (the scan's meter) and the site's by endpoint. */
async function scan(label: string) {
  sim?.meter.reset();
  const startedAt = Date.now();
  await inApp(() => startScan('admin'));
  await drainQueue(host, { skipIdleTime: true });
  const status = await inApp(() => scanStatus());
  const meter = sim?.meter.snapshot() ?? { points: 0, requests: 0, byEndpoint: {} };
  for (const [endpoint, m] of Object.entries(meter.byEndpoint).sort((a, b) => b[1].points - a[1].points)) {
    console.error(`[access] ${label} ${String(m.points).padStart(7)} points ${String(m.requests).padStart(6)} requests  ${endpoint}`);
  }
  return { status, meter, hours: (Date.now() - startedAt) / 3_600_000 };
}

const full = await scan('full');
// Events arrive: the ledger keeps activity current from here on.
sim.mutate.touchIssues({ fraction: 0.001, seed: 9 });
await bus.flush();
await drainQueue(host, { skipIdleTime: true });
const integrations = sim.truth.integrationAccountIds();

// 1. One integration added to a group (group management, the account named).
sim.mutate.setGroupMember({ groupName: 'jira-software-users', accountId: integrations[0] as string, present: true });
const group = await scan('group');
// 2. A role granted in one project and a new project (category projects, the projects named).
sim.mutate.setRoleActor({ projectKey: 'OPS', roleName: 'Developers', accountId: integrations[1] as string, present: true });
sim.mutate.addProject({ key: 'GATE', name: 'Payments Gateway' });
const projects = await scan('projects');
// 3. A permission scheme edited (category permissions: every project may have changed).
sim.mutate.addAuditRecord({ category: 'permissions', summary: 'Permission scheme updated', objectItem: { id: '0', name: 'Default Permission Scheme', typeName: 'PERMISSION_SCHEME' } });
const scheme = await scan('scheme');
close();

const figures = (r: Awaited<ReturnType<typeof scan>>) => ({ points: r.status.pointsUsed, requests: r.status.requests, full_scan_reason: r.status.fullScanReason, endpoints: Object.keys(r.meter.byEndpoint).sort() });
console.log(
  JSON.stringify({
    identities: integrations.length,
    full_scan_points: full.status.pointsUsed,
    full_scan_hours: Math.round(full.hours * 100) / 100,
    refresh_group_member: figures(group),
    refresh_role_and_new_project: figures(projects),
    refresh_permission_scheme: figures(scheme),
  }),
);
