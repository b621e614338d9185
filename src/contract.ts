/**
 * The resolver contract: the one Definitions type shared by the back end (makeResolver<Defs>)
 * and the Custom UI (makeInvoke<Defs>). The UI imports only types from this file.
 * Sections: envelope, caller (me/get), discovery (scan and identities), registry (ownership,
 * credentials, history). Defs joins the sections' definitions.
 */

// ---------------------------------------------------------------------------------------------
// Envelope
// ---------------------------------------------------------------------------------------------

/** Error codes a resolver may answer with (DESIGN.md, "The contract"). */
export const ERROR_CODES = ['FORBIDDEN', 'INVALID_INPUT', 'CONFLICT', 'NOT_FOUND', 'LIMIT', 'UNAVAILABLE'] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ResolverError {
  code: ErrorCode;
  /** For a person: says what happened and what to do, never internals or secrets. */
  message: string;
}

/** Every resolver answers with this envelope. */
export type Envelope<T> = { ok: true; data: T } | { ok: false; error: ResolverError };

/** An empty payload; resolvers that take no input still refuse unknown fields. */
export type NoPayload = Record<string, never>;

// ---------------------------------------------------------------------------------------------
// Caller
// ---------------------------------------------------------------------------------------------

/** The two Custom UI modules declared in manifest.yml. */
export type ModuleKey = 'admin-page' | 'project-page';

export interface ProjectRef {
  key: string;
  name: string;
}

/** `me/get`: who is calling and what they may open, decided from their Jira permissions. */
export interface Me {
  accountId: string;
  displayName: string;
  /** Holds Jira's global Administer permission. */
  isJiraAdmin: boolean;
  /** May open the admin page (Jira administrators only). */
  canOpenAdminPage: boolean;
  /**
   * Project pages the caller may open: 'all' for Jira administrators, otherwise the projects they
   * administer (found with Jira's project search, first page only) plus the one in context if they lead it.
   */
  projectPages: 'all' | ProjectRef[];
  /** Where the call came from, as the Forge context says. */
  module: ModuleKey;
  /** The project in context (project page only) and whether the caller may open its page. */
  project?: ProjectRef & { canOpen: boolean };
}

export type CallerDefs = {
  'me/get': (payload: NoPayload) => Envelope<Me>;
};

// ---------------------------------------------------------------------------------------------
// Discovery: identities, their activity and access per project, scans
// ---------------------------------------------------------------------------------------------

/**
 * - service-account: accountType app, appType service (Atlassian service accounts);
 * - app-account: accountType app with another appType (Forge, Connect, OAuth apps);
 * - rovo-agent: accountType app, appType agent;
 * - person-integration: a human account whose activity looks automated, or that an admin marked.
 */
export type IdentityKind = 'service-account' | 'app-account' | 'rovo-agent' | 'person-integration';

/** One reason an account is (or is not) taken for an integration, shown to admins. */
export interface Evidence {
  signal: string;
  detail: string;
}

/** An identity's activity and access in one project, over the scan's window. */
export interface ProjectActivity {
  projectKey: string;
  projectName: string;
  /** Issues it created, issues it updated (updatedBy semantics), comments, transitions, worklogs. */
  created: number;
  updated: number;
  comments: number;
  transitions: number;
  worklogs: number;
  /** ISO time of its last activity seen here, or null when none in the window. */
  lastActivity: string | null;
  /** Project roles it holds here, and whether directly or through a group. */
  roles: Array<{ name: string; via: 'direct' | 'group'; group?: string }>;
  /** Holds a role here but did nothing in the window. */
  unusedAccess: boolean;
}

export interface IdentitySummary {
  accountId: string;
  displayName: string;
  kind: IdentityKind;
  active: boolean;
  /** Null when Jira hides it (privacy) or there is none. */
  email: string | null;
  /** 0..1 for person-integration found by the heuristics; null when the account type alone says so. */
  score: number | null;
  evidence: Evidence[];
  /** An admin's choice, which wins over the heuristics. */
  override: 'integration' | 'not-integration' | null;
  projectsTouched: number;
  issuesTouched: number;
  lastActivity: string | null;
  unusedAccessProjects: number;
}

export interface IdentityRecord extends IdentitySummary {
  projects: ProjectActivity[];
  /** The projects and roles it actually used: what a person-owned integration should get as a service account. */
  leastPrivilege: Array<{ projectKey: string; roles: string[] }>;
}

export interface ScanStatus {
  state: 'idle' | 'running' | 'paused';
  phase: string | null;
  done: number;
  total: number;
  pointsUsed: number;
  requests: number;
  errors: string[];
  startedAt: string | null;
  finishedAt: string | null;
  /** When the snapshot that readers see was completed. */
  lastCompletedAt: string | null;
  /** Per-installation hourly points budget and its use this hour; resumesAt when paused for it. */
  budget: { pointsPerHour: number; usedThisHour: number; resumesAt: string | null };
}

export interface ScanSettings {
  windowDays: number;
  pointsBudgetPerHour: number;
}

export interface IdentityListQuery {
  search?: string;
  kind?: IdentityKind;
  projectKey?: string;
  sort?: { field: 'name' | 'kind' | 'projectsTouched' | 'lastActivity'; direction: 'asc' | 'desc' };
  offset?: number;
  limit?: number;
}

export interface IdentityList {
  items: IdentitySummary[];
  total: number;
  /** The snapshot this list comes from; null before the first complete scan. */
  snapshot: { completedAt: string; windowDays: number } | null;
}

export type DiscoveryDefs = {
  'scan/start': (payload: NoPayload) => Envelope<ScanStatus>;
  'scan/status': (payload: NoPayload) => Envelope<ScanStatus>;
  'identities/list': (payload: IdentityListQuery) => Envelope<IdentityList>;
  'identity/get': (payload: { accountId: string }) => Envelope<IdentityDetail>;
  'identity/mark': (payload: { accountId: string; integration: boolean | null }) => Envelope<{ override: IdentitySummary['override'] }>;
  'settings/get': (payload: NoPayload) => Envelope<ScanSettings>;
  'settings/save': (payload: Partial<ScanSettings>) => Envelope<ScanSettings>;
};

// ---------------------------------------------------------------------------------------------
// Registry: ownership, credentials, history (issue 4 fills in the details)
// ---------------------------------------------------------------------------------------------

export interface Ownership {
  ownerAccountId: string | null;
  backupAccountId: string | null;
  team: string;
  purpose: string;
  runbookUrl: string;
  notes: string;
}

/** The registry's part of `identity/get`: ownership with its version (for CONFLICT checks) and more. */
export interface RegistryView {
  ownership: Ownership | null;
  /** 0 before the first save; `ownership/save` must carry the version it was based on. */
  version: number;
}

/** `identity/get`: one identity with projects, access, and its registry view. */
export type IdentityDetail = IdentityRecord & RegistryView;

export type RegistryDefs = {
  'ownership/save': (payload: { accountId: string; baseVersion: number; ownership: Ownership }) => Envelope<{ version: number }>;
};

// ---------------------------------------------------------------------------------------------
// All resolvers
// ---------------------------------------------------------------------------------------------

export type Defs = CallerDefs & DiscoveryDefs & RegistryDefs;
export type ResolverKey = keyof Defs & string;

/** Every key of Defs, listed once; the Record types make the compiler refuse a missing or extra key. */
const CALLER_KEYS: Record<keyof CallerDefs, true> = { 'me/get': true };
const DISCOVERY_KEYS: Record<keyof DiscoveryDefs, true> = {
  'scan/start': true,
  'scan/status': true,
  'identities/list': true,
  'identity/get': true,
  'identity/mark': true,
  'settings/get': true,
  'settings/save': true,
};
const REGISTRY_KEYS: Record<keyof RegistryDefs, true> = { 'ownership/save': true };
export const RESOLVER_KEYS = [...Object.keys(CALLER_KEYS), ...Object.keys(DISCOVERY_KEYS), ...Object.keys(REGISTRY_KEYS)] as ResolverKey[];
