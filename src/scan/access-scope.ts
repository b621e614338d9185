import type { AuditRecord } from '../jira/audit';

/**
 * What an access refresh must look at again, from the audit records that changed access (groups,
 * permissions, projects). Narrowed only where a record says exactly what it changed; anything else
 * means every known identity in every project, with the project list read again.
 */
export interface AccessScope {
  /**
   * Read the whole project list again: the app's own access may have changed anywhere (a permission
   * scheme, an app account's groups). Projects named in `projectIds` are read again in any case.
   */
  projectList: boolean;
  /** Accounts whose access is checked in every project; 'all': every known identity. */
  everywhere: 'all' | string[];
  /** Projects (ids) where every known identity's access is checked. */
  projectIds: string[];
  /**
   * App accounts whose groups changed: when one is the app itself, its own access (and so the
   * project list) may have changed anywhere (the caller asks Jira who the app is).
   */
  appAccounts: string[];
}

/**
 * - A user added to or removed from a group (group management, the user as the object): only that
 *   account's access can change, in any project. When it is an app account, it may be the app
 *   itself (see `appAccounts`). A user the directory does not know, or a change to a group
 *   itself, means everyone.
 * - A project change (category projects: created, roles changed, lead or key changed), naming the
 *   project: access can change in that project only, for anyone.
 * - A permission change (a scheme edited or associated): everyone, everywhere (a scheme serves
 *   every project that uses it, and the record need not name them).
 * Pure.
 */
export function accessScope(records: readonly AuditRecord[], accounts: ReadonlyMap<string, { accountType: string | undefined }>, categories: readonly string[]): AccessScope {
  const everyone: AccessScope = { projectList: true, everywhere: 'all', projectIds: [], appAccounts: [] };
  const apps = new Set<string>();
  const users = new Set<string>();
  const projectIds = new Set<string>();
  for (const r of records) {
    const category = r.category.toLowerCase();
    if (!categories.includes(category)) continue;
    if (category === 'group management') {
      const user = r.objectItem?.typeName === 'USER' ? accounts.get(r.objectItem.id) : undefined;
      if (!user || !r.objectItem) return everyone;
      users.add(r.objectItem.id);
      if (user.accountType === 'app') apps.add(r.objectItem.id);
    } else if (category === 'projects') {
      const named = [...(r.objectItem ? [r.objectItem] : []), ...r.associatedItems].filter((i) => i.typeName === 'PROJECT' && /^\d+$/.test(i.id));
      if (named.length === 0) return everyone;
      for (const p of named) projectIds.add(p.id);
    } else {
      return everyone;
    }
  }
  return { projectList: false, everywhere: [...users].sort(), projectIds: [...projectIds].sort(), appAccounts: [...apps].sort() };
}
