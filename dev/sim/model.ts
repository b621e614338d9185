// The site's data as the simulator holds it (internal; the REST shapes live in render/).
import type { IssueStore } from './store/issues.js';
import type { AuditEntry } from './generate/audit.js';

export type AccountKind = 'person' | 'service' | 'agent' | 'app';

export interface SimUser {
  idx: number;
  accountId: string;
  displayName: string;
  kind: AccountKind;
  accountType: 'atlassian' | 'app';
  /** Only for accountType app; absent for Forge/Connect bots on some sites (atlassian-apis.md §1.2). */
  appType?: 'service' | 'agent' | 'unknown';
  email?: string;
  /** Profile visibility: when false the email is hidden from REST answers. */
  emailVisible: boolean;
  active: boolean;
  timeZone: string;
  locale: string;
  /** A person whose token runs scripts: high volume, round the clock. */
  automationLike: boolean;
  groupIdxs: Set<number>;
}

export interface SimGroup {
  idx: number;
  groupId: string;
  name: string;
  members: Set<number>;
}

export interface RoleDef {
  id: number;
  name: string;
  description: string;
}

export interface RoleActors {
  users: Set<number>;
  groups: Set<number>;
}

export interface SimProject {
  idx: number;
  id: string;
  key: string;
  name: string;
  description: string;
  leadIdx: number;
  isPrivate: boolean;
  typeKey: 'software' | 'service_desk' | 'business';
  /** Role id → actors in this project. */
  roles: Map<number, RoleActors>;
}

export interface PersonaSeed {
  userIdx: number;
  role: 'site-admin' | 'project-admin' | 'user';
  projectIdxs: number[];
}

export interface SiteData {
  baseUrl: string;
  /** Set by a local host that serves avatars itself: `${avatarBaseUrl}/initials/XY.svg`; Atlassian's avatar host otherwise. */
  avatarBaseUrl?: string | null;
  seed: number;
  builtAt: number;
  users: SimUser[];
  usersByAccountId: Map<string, SimUser>;
  groups: SimGroup[];
  groupsById: Map<string, SimGroup>;
  groupsByName: Map<string, SimGroup>;
  roles: RoleDef[];
  projects: SimProject[];
  projectsByKey: Map<string, SimProject>;
  projectsById: Map<string, SimProject>;
  /** The app's own bot user: who an asApp() call is. */
  appBotIdx: number;
  adminGroupIdx: number;
  /** Default access group of every active person. */
  usersGroupIdx: number;
  personas: PersonaSeed[];
  issues: IssueStore;
  audit: AuditEntry[];
  /**
   * How far /search/approximate-count lags (ms): changes newer than this are not counted yet
   * (Jira: "Recent updates might not be immediately visible"). Searches are not affected.
   */
  countLagMs?: number;
}

export const ROLE_IDS = { developers: 10000, users: 10001, administrators: 10002, integrations: 10003 } as const;
