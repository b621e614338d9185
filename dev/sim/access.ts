// Who may do what: Jira administrators by group, project permissions by project role (directly or
// through a group). The app caller is the app's bot: browses every project, reads the directory,
// roles and audit log, but is neither a Jira nor a project administrator.
import { type SimProject, type SimUser, type SiteData } from './model.js';
import { PERMISSIONS_BY_KEY } from './permission-keys.js';

export interface Caller {
  isApp: boolean;
  user: SimUser;
}

export class Access {
  /** Per user: bitmask of role ids held per project (bit i = role i of site.roles). */
  private readonly roleMasks = new Map<number, Uint8Array>();

  constructor(private readonly site: SiteData) {}

  /** Grows on every invalidate(), so cached query results can tell they are stale. */
  version = 0;

  /**
   * Projects (idx) the app can list but not browse: Jira lists a project under project/search's
   * default action `view` for Browse, Administer projects or Administer Jira, so an app granted one
   * of the latter without Browse sees it in the list, while searches skip it and a JQL naming it
   * is refused (400) as if it did not exist.
   */
  readonly hiddenFromApp = new Set<number>();

  /** Call after any change to roles, groups or users. */
  invalidate(): void {
    this.roleMasks.clear();
    this.version++;
  }

  isJiraAdmin(c: Caller): boolean {
    return !c.isApp && c.user.active && c.user.groupIdxs.has(this.site.adminGroupIdx);
  }

  /** Role ids the user holds in the project, directly or through a group. */
  rolesIn(user: SimUser, project: SimProject): number[] {
    const mask = this.masksOf(user)[project.idx] ?? 0;
    return this.site.roles.filter((_, i) => (mask & (1 << i)) !== 0).map((r) => r.id);
  }

  canBrowse(c: Caller, p: SimProject): boolean {
    return this.hasProjectPermission(c, 'BROWSE_PROJECTS', p);
  }

  /** Whether project/search (action view) lists the project to the caller. */
  canList(c: Caller, p: SimProject): boolean {
    return this.canBrowse(c, p) || (c.isApp && this.hiddenFromApp.has(p.idx));
  }

  canAdministerProject(c: Caller, p: SimProject): boolean {
    return this.hasProjectPermission(c, 'ADMINISTER_PROJECTS', p);
  }

  administersAnyProject(c: Caller): boolean {
    return this.site.projects.some((p) => this.canAdministerProject(c, p));
  }

  hasProjectPermission(c: Caller, key: string, p: SimProject): boolean {
    if (c.isApp) return key !== 'ADMINISTER_PROJECTS' && key !== 'DELETE_ISSUES' && !this.hiddenFromApp.has(p.idx);
    if (!c.user.active) return false;
    const def = PERMISSIONS_BY_KEY.get(key);
    if (!def?.grantedTo) return false;
    const held = this.rolesIn(c.user, p);
    return def.grantedTo.some((r) => held.includes(r));
  }

  hasGlobalPermission(c: Caller, key: string): boolean {
    if (key === 'USER_PICKER' || key === 'CREATE_SHARED_OBJECTS') return c.isApp || c.user.active;
    if (key === 'ADMINISTER' || key === 'SYSTEM_ADMIN') return this.isJiraAdmin(c);
    return false;
  }

  /** Directory reads (users, groups, members): the app and every active user. */
  canBrowseUsers(c: Caller): boolean {
    return this.hasGlobalPermission(c, 'USER_PICKER');
  }

  canReadRolesOf(c: Caller, p: SimProject): boolean {
    return c.isApp || this.isJiraAdmin(c) || this.canAdministerProject(c, p);
  }

  canReadAudit(c: Caller): boolean {
    return c.isApp || this.isJiraAdmin(c);
  }

  browsableProjects(c: Caller): SimProject[] {
    return this.site.projects.filter((p) => this.canBrowse(c, p));
  }

  private masksOf(user: SimUser): Uint8Array {
    const cached = this.roleMasks.get(user.idx);
    if (cached) return cached;
    const masks = new Uint8Array(this.site.projects.length);
    for (const p of this.site.projects) {
      let mask = 0;
      this.site.roles.forEach((r, i) => {
        const actors = p.roles.get(r.id);
        if (!actors) return;
        if (actors.users.has(user.idx) || [...actors.groups].some((g) => user.groupIdxs.has(g))) mask |= 1 << i;
      });
      masks[p.idx] = mask;
    }
    this.roleMasks.set(user.idx, masks);
    return masks;
  }
}

