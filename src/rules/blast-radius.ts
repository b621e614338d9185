import type { BlastRadius, Credential, IdentityRecord, Ownership, ProjectActivity } from '../contract';

/**
 * What stops if this identity's credentials stop: its projects by activity volume, and the people to
 * call in order (identity owner, backup, then owners of individual credentials). People known to be
 * deactivated are left out: they cannot answer. Pure.
 */
export function blastRadius(
  identity: Pick<IdentityRecord, 'projects' | 'issuesTouched'> | null,
  ownership: Ownership | null,
  credentials: readonly Credential[],
  inactive: ReadonlySet<string> = new Set(),
): BlastRadius {
  const projects = (identity?.projects ?? [])
    .map((p) => ({ projectKey: p.projectKey, projectName: p.projectName, issuesTouched: issuesTouchedIn(p) }))
    .filter((p) => p.issuesTouched > 0)
    .sort((a, b) => b.issuesTouched - a.issuesTouched || a.projectKey.localeCompare(b.projectKey));
  const contacts: BlastRadius['contacts'] = [];
  const add = (accountId: string | null | undefined, role: BlastRadius['contacts'][number]['role']) => {
    if (accountId && !inactive.has(accountId) && !contacts.some((c) => c.accountId === accountId)) contacts.push({ accountId, role });
  };
  add(ownership?.ownerAccountId, 'owner');
  add(ownership?.backupAccountId, 'backup');
  for (const c of credentials) add(c.ownerAccountId, 'credential-owner');
  const issuesTouched = identity?.issuesTouched ?? projects.reduce((n, p) => n + p.issuesTouched, 0);
  return { projects, issuesTouched, contacts };
}

/** Touches in a project (ACTIVITY_DEFINITION): the one activity figure. */
export function issuesTouchedIn(p: ProjectActivity): number {
  return p.touches;
}
