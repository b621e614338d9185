// Public types of the simulated Jira Cloud site. The local host and the tests depend on these names.

import type { PathFaults } from './faults.js';

export type SimCaller = { kind: 'app' } | { kind: 'user'; accountId: string };

export interface SimRequest {
  method: string;
  /** Jira REST path without query, e.g. /rest/api/3/myself */
  path: string;
  query: URLSearchParams;
  /** Parsed JSON body, if any. */
  body?: unknown;
  caller: SimCaller;
}

/** A string body is raw text to send as is (used by the junk-body fault); anything else is JSON. */
export interface SimResponse {
  status: number;
  headers: Record<string, string>;
  body?: unknown;
}

export interface Persona {
  accountId: string;
  displayName: string;
  role: 'site-admin' | 'project-admin' | 'user';
  /** Project keys this persona administers (empty for others). */
  projects: string[];
}

export type RateLimitReason = 'jira-quota-tenant-based' | 'jira-quota-global-based' | 'jira-burst-based';

/** Fault injection: each `count` applies to the next N requests. */
export interface Faults {
  rateLimitStorm?: { reason: RateLimitReason; count: number; retryAfterSeconds?: number };
  serverErrors?: { status: 500 | 502 | 503 | 504; count: number };
  /** Added to every request while set. */
  latencyMs?: number;
  /** 200 answers whose body is truncated JSON text. */
  junkBodies?: { count: number };
}

export interface MeterSnapshot {
  points: number;
  requests: number;
  byEndpoint: Record<string, { requests: number; points: number }>;
  /** Points per clock hour of the site's clock, keyed by the hour's start (ms). */
  byHour: Record<number, number>;
}

export interface RecordedRequest {
  method: string;
  path: string;
  status: number;
}

export interface Truth {
  /** Seeded service accounts, agents, app accounts and automation-like people. */
  integrationAccountIds(): string[];
  /** People who are neither personas' concern nor automation-like: humans working by hand. */
  ordinaryPeopleAccountIds(): string[];
  /** Identity × project pairs with attributable activity (updatedBy semantics or worklogs) since sinceMs. */
  touchedPairs(o: { sinceMs: number }): Array<{ accountId: string; projectKey: string; issues: number }>;
  /** Keys of issues the account updated (updatedBy semantics) since sinceMs, sorted. */
  issuesTouchedBy(accountId: string, o: { sinceMs: number }): string[];
  /** Projects where the account holds a role (directly or through a group). */
  projectsWithRole(accountId: string): string[];
  /**
   * The activity ledger's truth: per account x project x UTC day, distinct issues per action
   * (create, field edit, status change, comment or comment edit, worklog) and over all of them,
   * for events at or after sinceMs (and before untilMs).
   */
  ledgerCells(o: { sinceMs: number; untilMs?: number }): LedgerCell[];
  /**
   * The backfill's truth: per account x project, distinct issues per action and over all of them
   * for events in [sinceMs, untilMs) (day is the first day, yyyy-MM-dd). Every account, whatever its
   * access today or state; issues in projects the app cannot browse included (tests drop them).
   */
  touchMatrix(o: { sinceMs: number; untilMs?: number }): LedgerCell[];
  /** Counts of what was generated. */
  sizes(): { users: number; projects: number; issues: number; events: number; groups: number };
}

export interface LedgerCell {
  accountId: string;
  projectKey: string;
  day: string;
  touches: number;
  created: number;
  updated: number;
  transitioned: number;
  commented: number;
  worked: number;
}

export interface Mutate {
  /**
   * Integrations at work: `count` events by random integration accounts (app accounts and
   * automation-like people), each on an issue that account worked on before; answers the keys touched.
   */
  integrationsAct(o: { count: number; at?: number; seed?: number }): string[];
  /** Adds a changelog or comment event by the issue's usual actors to that fraction of issues; returns the keys touched. */
  touchIssues(o: { fraction: number; at?: number; seed?: number }): string[];
  /** Adds one event by accountId to the issue (kind: field change, status change, comment, comment edit, worklog). */
  addEvent(o: { issueKey: string; accountId: string; kind?: MutationEventKind; at?: number }): void;
  /** Grants (or revokes) the account a project role directly (recorded in the audit log: projects). */
  setRoleActor(o: { projectKey: string; roleName: string; accountId: string; present: boolean }): void;
  /** Adds the account to a group, or removes it (recorded in the audit log: group management). */
  setGroupMember(o: { groupName: string; accountId: string; present: boolean }): void;
  /** Marks a user active or inactive. */
  setActive(o: { accountId: string; active: boolean }): void;
  /** Lets the app browse a project, or only list it (searches skip it; a JQL naming it is a 400); recorded in the audit log as a permission scheme's change. */
  setProjectBrowsableByApp(o: { projectKey: string; browsable: boolean }): void;
  /** How far /search/approximate-count lags: changes newer than this many ms are not counted yet. */
  setCountLag(o: { ms: number }): void;
  /** A new account on the site (a person, or an app account: a new integration), in no group and no role. */
  addUser(o: { accountId: string; displayName: string; accountType: 'atlassian' | 'app'; appType?: 'service' | 'agent' | 'unknown' }): void;
  /**
   * A record in Jira's audit log (AuditRecordBean), now unless `at`: what an admin's change leaves
   * there. Roles, groups, the app's access and new projects record themselves; other knobs do not.
   */
  addAuditRecord(o: { category: string; summary: string; objectItem: AuditItem; associatedItems?: AuditItem[]; at?: number }): void;
  /**
   * A new project (no issues; the lead and Jira administrators administer it, every active user may
   * browse it, the app too), recorded in the audit log as "Project created"; answers its id.
   */
  addProject(o: { key: string; name: string; leadAccountId?: string }): string;
  /** A new issue in the project, created by the account (its creation event); answers its key. */
  createIssue(o: { projectKey: string; accountId: string; at?: number }): string;
}

/** An audit record's object or associated item. */
export interface AuditItem {
  id: string;
  name: string;
  typeName: string;
  parentId?: string;
  parentName?: string;
}

export type MutationEventKind = 'field' | 'status' | 'comment' | 'comment-edit' | 'worklog';

export interface SimSite {
  handle(req: SimRequest): Promise<SimResponse>;
  personas(): Persona[];
  /** `observe` sees each request's points as it is counted (a bench attributing them to the invocation that spent them). */
  meter: { snapshot(): MeterSnapshot; reset(): void; observe(listener: (endpoint: string, points: number) => void): () => void };
  faults: { set(f: Partial<Faults>): void; clear(): void };
  /** Faults by REST path (POST|GET|DELETE /dev/sim/faults on a running host). */
  pathFaults: PathFaults;
  quota: {
    /**
     * Sets the app's points pools: `kind` picks the tenant pool (created on first use) or the global
     * one; without `kind`, `hourlyPoints` applies to every pool. `otherInstallations` other sites,
     * each spending `otherPointsPerHour` evenly over the hour, share the global pool.
     */
    set(o: { hourlyPoints?: number; kind?: 'tenant' | 'global'; otherInstallations?: number; otherPointsPerHour?: number }): void;
    /** Points left in each pool now (tenant null when the site has none). */
    remaining(t?: number): { global: number; tenant: number | null };
  };
  recorded(): RecordedRequest[];
  truth: Truth;
  mutate: Mutate;
  /**
   * Where user avatars live. Jira serves them from Atlassian's avatar host; a local host that serves
   * them itself (offline) sets its own address here, and users' avatarUrls point there from then on.
   */
  avatars: { setBaseUrl(url: string | null): void; origin(): string | null };
  /** Forge product events for every change after the site was built (REST writes and mutations alike). */
  productEvents: { subscribe(listener: (event: { eventType: string; payload: Record<string, unknown> }) => void): () => void };
}

export interface SimSiteOptions {
  size?: 'demo' | 'large';
  seed?: number;
  now?: () => number;
  hourlyPoints?: number;
  /** The moment the generated history ends (ms); the start of the current UTC day by default. */
  dataAnchor?: number;
  /** Appended to every display name: a second site with the same accounts under other names (tenant tests). */
  nameTag?: string;
}
