import type { IdentityRecord, ProjectActivity } from '../contract';

/** Did anything in the project in the window (touched an issue or logged work). */
export function isActive(p: Pick<ProjectActivity, 'touches'>): boolean {
  return p.touches > 0;
}

/** The same projects with `unusedAccess` set from access and activity. */
export function withUnusedAccess(projects: readonly ProjectActivity[]): ProjectActivity[] {
  return projects.map((p) => ({ ...p, unusedAccess: p.hasAccess && !isActive(p) }));
}

/** Projects where the identity holds access but did nothing in the window. */
export function unusedAccess(projects: readonly ProjectActivity[]): ProjectActivity[] {
  return projects.filter((p) => p.hasAccess && !isActive(p));
}

/**
 * The least-privilege set: the projects it actually used, with the roles it held there. This is
 * what a person-owned integration should get when it moves to a service account.
 */
export function leastPrivilege(projects: readonly ProjectActivity[]): IdentityRecord['leastPrivilege'] {
  return projects.filter(isActive).map((p) => ({ projectKey: p.projectKey, roles: p.roles.map((r) => r.name) }));
}

/** Totals for the identity's summary row: the headline touches, the breakdown, and where. */
export function activityTotals(projects: readonly ProjectActivity[]): {
  projectsTouched: number;
  lastActivity: string | null;
  unusedAccessProjects: number;
  touches: number;
  issuesTouched: number;
  created: number;
  updated: number;
  transitioned: number;
  commented: number;
  worked: number;
} {
  const active = projects.filter(isActive);
  const last = active.map((p) => p.lastActivity).filter((t): t is string => t !== null).sort();
  const sum = (f: (p: ProjectActivity) => number) => projects.reduce((n, p) => n + f(p), 0);
  const touches = sum((p) => p.touches);
  return {
    projectsTouched: active.length,
    lastActivity: last.at(-1) ?? null,
    unusedAccessProjects: unusedAccess(projects).length,
    touches,
    issuesTouched: touches,
    created: sum((p) => p.created),
    updated: sum((p) => p.updated),
    transitioned: sum((p) => p.transitioned),
    commented: sum((p) => p.commented),
    worked: sum((p) => p.worked),
  };
}
