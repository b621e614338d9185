/**
 * The resolver contract: the one Definitions type shared by the back end (makeResolver<Defs>)
 * and the Custom UI (makeInvoke<Defs>). The UI imports only types from this file.
 */

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

/** An empty payload; resolvers that take no input still refuse unknown fields. */
export type NoPayload = Record<string, never>;

/**
 * Resolver keys are `noun/verb`. Each maps payload -> Envelope<result>.
 * Later keys (scan, identities, ownership, credentials, project) arrive with their issues.
 */
export type Defs = {
  'me/get': (payload: NoPayload) => Envelope<Me>;
};

export type ResolverKey = keyof Defs & string;

/** Every key of Defs, listed once; the Record type makes the compiler refuse a missing or extra key. */
const RESOLVER_KEY_SET: Record<ResolverKey, true> = { 'me/get': true };
export const RESOLVER_KEYS = Object.keys(RESOLVER_KEY_SET) as ResolverKey[];
