import { ResolverFailure } from '../resolvers/envelope';
import type { Caller } from './caller';
import { isJiraAdministrator } from './jira-roles';

/**
 * Access policies a resolver can state. Each resolver names exactly one; the check runs before the
 * payload is looked at, so a refused caller learns nothing from validation messages.
 * - signed-in: any Atlassian account calling from one of our modules (answers only about the caller).
 * - jira-admin: a Jira administrator (global Administer, asked as the caller) on the admin page.
 */
export type Policy = 'signed-in' | 'jira-admin';

/** A caller who passed their resolver's policy. */
export interface Authorized extends Caller {
  accountId: string;
  moduleKey: NonNullable<Caller['moduleKey']>;
}

export async function authorize(policy: Policy, caller: Caller): Promise<Authorized> {
  const signedIn = requireSignedIn(caller);
  switch (policy) {
    case 'signed-in':
      return signedIn;
    case 'jira-admin':
      if (signedIn.moduleKey !== 'admin-page') throw new ResolverFailure('FORBIDDEN', 'This is available on the Integration Registry admin page only.');
      if (!(await isJiraAdministrator())) throw new ResolverFailure('FORBIDDEN', 'Only Jira administrators can use the Integration Registry admin page.');
      return signedIn;
  }
}

function requireSignedIn(caller: Caller): Authorized {
  if (!caller.accountId) throw new ResolverFailure('FORBIDDEN', 'Sign in to Jira to use Integration Registry.');
  if (!caller.moduleKey) throw new ResolverFailure('FORBIDDEN', 'This page is not part of Integration Registry.');
  return { ...caller, accountId: caller.accountId, moduleKey: caller.moduleKey };
}
