// Points per request: 1 base, +1 per issue or project, +2 per user/group/role/permission, +1 per write.
import type { Cost } from '../http.js';

export function pointsFor(cost: Cost | undefined): number {
  return 1 + (cost?.core ?? 0) + 2 * (cost?.identity ?? 0) + (cost?.writes ?? 0);
}
