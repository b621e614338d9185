import type { ProjectRef } from '../contract';
import { AppFailure } from '../errors';
import type { Caller } from './caller';
import { DecisionCache } from './decision-cache';
import { isJiraAdministrator, projectPageAccess } from './jira-roles';
import { logRefusal } from './refusal-log';

/**
 * Access policies a resolver can state. Each resolver names exactly one; the check runs before the
 * payload is looked at, so a refused caller learns nothing from validation messages. Every check
 * asks Jira as the calling user; a check that fails (5xx, 429, timeout, junk) throws, which refuses.
 * - signed-in: any Atlassian account calling from one of our modules (answers only about the caller).
 * - jira-admin: a Jira administrator (global Administer) on the admin page.
 * - project-reader: on a project page, for the project in the Forge context only: Jira
 *   administrators, the project's lead and its administrators (Administer Projects there).
 * - owner-or-backup: on the owners' global page (my-integrations), for one registry record whose
 *   stored ownership names the caller as owner or backup. The resolver names the record; the
 *   stored ownership (never the payload) decides, see requireOwnerOrBackup.
 */
export type Policy = 'signed-in' | 'jira-admin' | 'project-reader' | 'owner-or-backup';

/** A caller who passed their resolver's policy. */
export interface Authorized extends Caller {
  accountId: string;
  moduleKey: NonNullable<Caller['moduleKey']>;
  /** project-reader only: the project in context, as Jira confirmed it to the caller. */
  project: ProjectRef | null;
}

interface ProjectDecision {
  allowed: boolean;
  project: ProjectRef | null;
}

// Module-level so that it lives as long as a warm runtime; keys include the installation.
const adminDecisions = new DecisionCache<boolean>();
const projectDecisions = new DecisionCache<ProjectDecision>();

/** Forgets every cached decision (tests that change permissions or inject faults). */
export function clearAccessCache(): void {
  adminDecisions.clear();
  projectDecisions.clear();
}

export async function authorize(policy: Policy, caller: Caller, resolverKey = 'unknown'): Promise<Authorized> {
  try {
    return await decide(policy, caller);
  } catch (e) {
    if (e instanceof AppFailure && e.code === 'FORBIDDEN') logRefusal({ resolverKey, policy, caller, reason: e.message });
    throw e;
  }
}

async function decide(policy: Policy, caller: Caller): Promise<Authorized> {
  const signedIn = requireSignedIn(caller);
  switch (policy) {
    case 'signed-in':
      return signedIn;
    case 'jira-admin': {
      if (signedIn.moduleKey !== 'admin-page') throw new AppFailure('FORBIDDEN', 'This is available on the Integration Registry admin page only.');
      const isAdmin = await adminDecisions.get(signedIn, 'jira-admin', isJiraAdministrator);
      if (!isAdmin) throw new AppFailure('FORBIDDEN', 'Only Jira administrators can use the Integration Registry admin page.');
      return signedIn;
    }
    case 'owner-or-backup': {
      if (signedIn.moduleKey !== 'my-integrations') throw new AppFailure('FORBIDDEN', 'This is available on the "My integrations" page only.');
      return signedIn;
    }
    case 'project-reader': {
      const projectKey = signedIn.moduleKey === 'project-page' ? signedIn.projectKey : null;
      if (!projectKey) throw new AppFailure('FORBIDDEN', "This is available on a project's Integrations page only.");
      const decision = await projectDecisions.get(signedIn, `project:${projectKey}`, () => projectDecision(signedIn.accountId, projectKey));
      if (!decision.allowed || !decision.project) {
        throw new AppFailure('FORBIDDEN', "This page is for the project's lead and administrators, and for Jira administrators.");
      }
      return { ...signedIn, project: decision.project };
    }
  }
}

/**
 * The record-level half of owner-or-backup: `stored` is the record's stored ownership (null when
 * there is none). A record that does not exist refuses exactly like one owned by somebody else.
 */
export function requireOwnerOrBackup(caller: Authorized, stored: { ownerAccountId: string | null; backupAccountId: string | null } | null, resolverKey = 'unknown'): 'owner' | 'backup' {
  if (stored?.ownerAccountId === caller.accountId) return 'owner';
  if (stored?.backupAccountId === caller.accountId) return 'backup';
  const reason = 'Only the owner of this integration, or its backup, can see or change it here.';
  logRefusal({ resolverKey, policy: 'owner-or-backup', caller, reason });
  throw new AppFailure('FORBIDDEN', reason);
}

/** The project page rule, asked as the caller: an unknown or hidden project refuses like a missing permission. */
async function projectDecision(accountId: string, projectKey: string): Promise<ProjectDecision> {
  const isAdmin = await isJiraAdministrator();
  const access = await projectPageAccess(accountId, projectKey, isAdmin);
  // The key Jira answers with must be the one in context (never trust a redirect or a renamed key blindly).
  if (!access.project || access.project.key !== projectKey) return { allowed: false, project: null };
  return { allowed: access.canOpen, project: { key: access.project.key, name: access.project.name } };
}

function requireSignedIn(caller: Caller): Authorized {
  if (!caller.accountId) throw new AppFailure('FORBIDDEN', 'Sign in to Jira to use Integration Registry.');
  if (!caller.moduleKey) throw new AppFailure('FORBIDDEN', 'This page is not part of Integration Registry.');
  return { ...caller, accountId: caller.accountId, moduleKey: caller.moduleKey, project: null };
}
