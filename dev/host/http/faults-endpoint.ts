import { validatePathFault } from '../../sim/faults';
import { HostError } from '../functions';
import type { Host } from '../host';

/**
 * /dev/sim/faults on a running host (README, "Fault control"): POST adds a fault by REST path,
 * GET lists the live ones, DELETE clears them all.
 */
export function faultsEndpoint(host: Host, method: string, body: unknown): { status: number; body: unknown } {
  const sim = host.sim;
  if (!sim) throw new HostError(404, 'The simulated site is off (JIRA_BASE_URL points the host at a real site): there is nothing to inject faults into.');
  if (method === 'GET') return { status: 200, body: sim.pathFaults.list() };
  if (method === 'DELETE') {
    sim.pathFaults.clear();
    return { status: 200, body: [] };
  }
  if (method === 'POST') {
    const checked = validatePathFault(body);
    if (!checked.ok) throw new HostError(400, checked.message);
    return { status: 201, body: sim.pathFaults.add(checked.fault) };
  }
  throw new HostError(405, `/dev/sim/faults answers GET, POST and DELETE, not ${method}`);
}
