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
  /** INVALID_INPUT: every problem found, each with the payload field it belongs to, so that a form shows them all at once. */
  fields?: FieldProblem[];
}

/** One invalid field: `field` is its path in the payload ("ownership.runbookUrl"), `label` its name for people ("Runbook"). */
export interface FieldProblem {
  field: string;
  label: string;
  message: string;
}

/**
 * The credential CSV (README, "Registry"): import reads `CREDENTIAL_CSV_COLUMNS` (the first three
 * required); export writes them with a name beside every account id, plus the export-only columns,
 * which import ignores so that an exported file re-imports unchanged.
 */
export const CREDENTIAL_CSV_COLUMNS = ['identity_account_id', 'kind', 'label', 'scopes', 'created', 'expires', 'last_used', 'owner_account_id'] as const;
export const CREDENTIAL_CSV_EXPORT_ONLY = ['identity_name', 'owner_name', 'identity_owner_account_id', 'identity_owner_name', 'identity_backup_account_id', 'identity_backup_name', 'source', 'credential_id'] as const;
export type CredentialCsvColumn = (typeof CREDENTIAL_CSV_COLUMNS)[number] | (typeof CREDENTIAL_CSV_EXPORT_ONLY)[number];
/** The columns for people (import problems name the column this way). */
export const CREDENTIAL_CSV_LABELS: Readonly<Record<CredentialCsvColumn, string>> = {
  identity_account_id: 'Identity',
  identity_name: 'Identity name',
  kind: 'Kind',
  label: 'Label',
  scopes: 'Scopes',
  created: 'Created',
  expires: 'Expires',
  last_used: 'Last used',
  owner_account_id: 'Credential owner',
  owner_name: 'Credential owner name',
  identity_owner_account_id: 'Owner',
  identity_owner_name: 'Owner name',
  identity_backup_account_id: 'Backup',
  identity_backup_name: 'Backup name',
  source: 'Source',
  credential_id: 'Credential id',
};

/** Names for people of the payload fields that forms and history show (the last part of a field's path). */
export const FIELD_LABELS: Readonly<Record<string, string>> = {
  ownerAccountId: 'Owner',
  backupAccountId: 'Backup',
  team: 'Team',
  purpose: 'Purpose',
  runbookUrl: 'Runbook',
  notes: 'Notes',
  note: 'Note',
  kind: 'Kind',
  label: 'Label',
  scopes: 'Scopes',
  createdAt: 'Created',
  expiresAt: 'Expires',
  lastUsedAt: 'Last used',
  retiredAt: 'Retired',
  windowDays: 'Scan window',
  pointsBudgetPerHour: 'Jira points per hour',
  projectKey: 'Project',
  issueTypeId: 'Issue type',
  orgId: 'Organization id',
  apiKey: 'API key',
  accountId: 'Identity',
  accountIds: 'Identities',
  csv: 'CSV file',
};

/** The name for people of a payload field path ("ownership.runbookUrl" -> "Runbook"). */
export function fieldLabel(path: ReadonlyArray<string | number>): string {
  const last = [...path].reverse().find((p): p is string => typeof p === 'string');
  if (!last) return 'Request';
  const known = FIELD_LABELS[last];
  if (known) return known;
  const words = last.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Every resolver answers with this envelope. */
export type Envelope<T> = { ok: true; data: T } | { ok: false; error: ResolverError };

/** An empty payload; resolvers that take no input still refuse unknown fields. */
export type NoPayload = Record<string, never>;

// ---------------------------------------------------------------------------------------------
// Caller
// ---------------------------------------------------------------------------------------------

/** The Custom UI modules declared in manifest.yml (my-integrations: the owners' global page). */
export type ModuleKey = 'admin-page' | 'project-page' | 'my-integrations';

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
  /**
   * For a person's account: what the scan measured for this signal, the threshold it met, and what
   * it added to the score. Absent for account types and admin marks (and in scans before this field).
   */
  measure?: EvidenceMeasure;
}

/** Score (0..1) from which a person's account is taken for an integration (src/rules/classification.ts). */
export const PERSON_INTEGRATION_SCORE = 0.6;

export interface EvidenceMeasure {
  value: number;
  threshold: number;
  unit: 'issues a day' | 'projects' | 'percent' | 'hours of 24';
  /** Added to the score (0..1) by this signal. */
  points: number;
}

/**
 * The one unit of activity, shown wherever a number of touches appears (table, detail, heat map,
 * project page, campaigns). src/activity/ computes it; nothing else counts activity.
 */
export const ACTIVITY_DEFINITION =
  'A touch is one work item that the account created, edited, moved to another status, commented on or logged work on in that project, counted once per day (UTC). ' +
  'Days before the app began receiving Jira\'s events (without events: before the last day boundary the scan could count) count each work item once for that whole period, as Jira\'s history shows it.';

/** Touches over the window, in total and by what was done (an item edited and commented on the same day is one touch, one edit and one comment). */
export interface ActivityCounts {
  /** The headline number (ACTIVITY_DEFINITION). */
  touches: number;
  created: number;
  updated: number;
  transitioned: number;
  commented: number;
  worked: number;
  /** Exact ISO time of the account's own latest action here; null when none is known. */
  lastActivity: string | null;
}

/** An identity's activity and access in one project, over the scan's window. */
export interface ProjectActivity extends ActivityCounts {
  projectKey: string;
  projectName: string;
  /** @deprecated Same as `commented`; kept until the pages switch to the new names. */
  comments: number | null;
  /** @deprecated Same as `transitioned`. */
  transitions: number;
  /** @deprecated Same as `worked`. */
  worklogs: number;
  /** It can browse the project (Jira's permission check for that account). */
  hasAccess: boolean;
  /** It can edit issues there (Jira's EDIT_ISSUES): access beyond reading and commenting. */
  canEdit: boolean;
  /** Project roles it holds here, directly or through a group; empty when roles were not read. */
  roles: Array<{ name: string; via: 'direct' | 'group'; group?: string }>;
  /** Holds access here but did nothing in the window. */
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
  /** @deprecated Same as `touches`. */
  issuesTouched: number;
  /** Touches over all projects (ACTIVITY_DEFINITION), with the breakdown and exact last activity. */
  touches: number;
  created: number;
  updated: number;
  transitioned: number;
  commented: number;
  worked: number;
  lastActivity: string | null;
  unusedAccessProjects: number;
}

export interface IdentityRecord extends IdentitySummary {
  projects: ProjectActivity[];
  /** The projects and roles it actually used: what a person-owned integration should get as a service account. */
  leastPrivilege: Array<{ projectKey: string; roles: string[] }>;
}

/**
 * Where a scan stands. `running` means a step is queued or in flight (its heartbeat is recent);
 * a scan whose steps stopped reporting is shown as `failed`, never as a stale `running`.
 */
export type ScanRunState = 'idle' | 'running' | 'paused' | 'failed' | 'cancelled';

/** Something the scan could not measure (and skipped), with the reason in plain words. */
export interface ScanUnmeasured {
  kind: 'identity' | 'project';
  /** Account id or project key. */
  id: string;
  name: string;
  reason: string;
}

export interface ScanStatus {
  state: ScanRunState;
  /** The current phase's name for tools (null when no scan is under way). */
  phase: string | null;
  /** What the scan is doing now, in plain words for people (null when no scan is under way). */
  phaseLabel: string | null;
  /** One progress over the whole run (all phases), in the same unit for done and total. */
  progress: { done: number; total: number };
  /** Why the scan waits, and until when (the hour's budget, Jira's quota, or a retry after errors). */
  pause: { reason: string; resumesAt: string } | null;
  /** Why the last scan failed, for a person; the next scan/start begins a new run. */
  failure: string | null;
  /** When a step of the scan last reported progress. */
  heartbeatAt: string | null;
  /** Why this scan reads the whole site instead of only what changed (e.g. the audit log is unavailable). */
  fullScanReason: string | null;
  /** Identities and projects the scan could not measure, and why. */
  unmeasured: ScanUnmeasured[];
  /** True while the snapshot readers see lists identities whose activity is still being measured. */
  partial: boolean;
  pointsUsed: number;
  requests: number;
  /** Recent problems the scan recovered from or skipped (newest last). */
  errors: string[];
  startedAt: string | null;
  finishedAt: string | null;
  /** When the snapshot that readers see was completed. */
  lastCompletedAt: string | null;
  /**
   * Per-installation hourly points budget and its use this hour; `poolRemaining` is what Jira last
   * reported left in the app's points pool (tenant or global, the smaller), null when not reported.
   */
  budget: { pointsPerHour: number; usedThisHour: number; poolRemaining: number | null };
}

export interface ScanSettings {
  windowDays: number;
  pointsBudgetPerHour: number;
}

export interface IdentityListQuery {
  search?: string;
  kind?: IdentityKind;
  projectKey?: string;
  /** Only identities with this registry risk (owner and backup activity is not checked here). */
  risk?: RiskCode;
  /** 'none': no owner recorded; otherwise the owner's account id. */
  owner?: string;
  sort?: { field: 'name' | 'kind' | 'projectsTouched' | 'lastActivity' | 'owner' | 'nearestExpiry'; direction: 'asc' | 'desc' };
  offset?: number;
  limit?: number;
}

/** A row of the admin page's identities table: the scan's summary joined with the registry. */
export interface IdentityRow extends IdentitySummary {
  /** The ownership record's version (0 before the first save), for `ownership/bulk-save`'s check. */
  ownershipVersion: number;
  ownerAccountId: string | null;
  /** The owner's Jira display name when it could be looked up; null otherwise. */
  ownerName: string | null;
  backupAccountId: string | null;
  credentialCount: number;
  /** The earliest expiry date (YYYY-MM-DD) among its credentials, and that credential's tier. */
  nearestExpiry: string | null;
  nearestTier: ExpiryTier | null;
  /** Risk codes from the registry and the scan (deactivated people are checked on identity/get only). */
  risks: RiskCode[];
}

/** Site-wide counts for the admin page's overview (over the whole snapshot, not the filter). */
export interface RegistryOverview {
  identities: number;
  byKind: Record<IdentityKind, number>;
  credentials: number;
  credentialsByTier: Record<ExpiryTier, number>;
  noOwner: number;
  noBackup: number;
  personOwned: number;
  /** Identities that hold access to at least one project they did not use in the window. */
  unusedAccess: number;
}

export interface IdentityList {
  items: IdentityRow[];
  total: number;
  /**
   * The snapshot this list comes from; null before the first scan published anything. `partial`:
   * a first scan's early answer (identities and kinds known, activity still being measured).
   */
  snapshot: { completedAt: string; windowDays: number; partial?: boolean } | null;
  overview: RegistryOverview;
}

/**
 * `heatmap/get`: the identities that span the most projects and their activity per project, from the
 * stored snapshot only. Each cell is the same figure the project page and the identity's detail show
 * for that identity and project.
 */
export interface HeatMapData {
  /** The scan the map comes from; null before the first complete scan. */
  snapshot: { completedAt: string; windowDays: number } | null;
  /** Identities in the snapshot (the map shows the widest `rows.length` of them). */
  totalIdentities: number;
  /** Columns: the projects most of these identities work in, widest first. */
  projects: Array<{ key: string; name: string; identities: number }>;
  rows: Array<{
    accountId: string;
    displayName: string;
    kind: IdentityKind;
    projectsTouched: number;
    /** One figure per column, in the order of `projects`; 0 where it did nothing. */
    cells: number[];
  }>;
}

export type DiscoveryDefs = {
  'scan/start': (payload: NoPayload) => Envelope<ScanStatus>;
  'scan/status': (payload: NoPayload) => Envelope<ScanStatus>;
  /** Stops the running scan; the snapshot readers see stays as it was. */
  'scan/cancel': (payload: NoPayload) => Envelope<ScanStatus>;
  'identities/list': (payload: IdentityListQuery) => Envelope<IdentityList>;
  'identity/get': (payload: { accountId: string }) => Envelope<IdentityDetail>;
  'identity/mark': (payload: { accountId: string; integration: boolean | null }) => Envelope<{ override: IdentitySummary['override'] }>;
  'settings/get': (payload: NoPayload) => Envelope<ScanSettings>;
  'settings/save': (payload: Partial<ScanSettings>) => Envelope<ScanSettings>;
  'heatmap/get': (payload: NoPayload) => Envelope<HeatMapData>;
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

export type CredentialKind = 'api-token' | 'oauth-client-credential' | 'other';
export type CredentialSource = 'manual' | 'csv-import' | 'admin-sync';

/** What an admin enters about a credential: metadata only, never its secret value. Dates are YYYY-MM-DD or null. */
export interface CredentialInput {
  kind: CredentialKind;
  label: string;
  scopes: string[];
  createdAt: string | null;
  expiresAt: string | null;
  lastUsedAt: string | null;
  /** Who answers for this credential when it is not the identity's owner. */
  ownerAccountId: string | null;
  /** When it was retired (no longer used; YYYY-MM-DD): it leaves expiry warnings and reminders. Absent or null: in use. */
  retiredAt?: string | null;
}

export interface Credential extends CredentialInput {
  /** Stable: derived from the identity, kind and label (or the Admin API token id), so re-imports update. */
  id: string;
  source: CredentialSource;
  /** The Atlassian Administration token id when admin sync found it. */
  externalId: string | null;
  updatedAt: string;
}

/** expired; critical: 7 days or fewer; warning: 30 days or fewer; ok; unknown: no expiry date. */
export type ExpiryTier = 'expired' | 'critical' | 'warning' | 'ok' | 'unknown';

export interface CredentialView extends Credential {
  tier: ExpiryTier;
  /** Whole days until expiry (negative once expired); null without an expiry date. */
  daysToExpiry: number | null;
}

export type RiskCode =
  | 'credential-expired'
  | 'credential-expiring'
  | 'no-owner'
  | 'no-backup'
  | 'owner-deactivated'
  | 'backup-deactivated'
  | 'person-owned-integration'
  | 'unused-90-days'
  /** The owner's account is deactivated or deleted and the daily sweep opened a handover. */
  | 'orphaned'
  /** A credential not used for the stale window (default 90 days, ReminderSettings.staleDays). */
  | 'credential-stale'
  /** A credential expiring within the reminder window while the identity has no backup. */
  | 'expiring-no-backup'
  /** No expiry date recorded for a credential whose kind has a capped lifetime (API tokens: a year). Never guessed. */
  | 'no-expiry-recorded';

export interface Risk {
  code: RiskCode;
  severity: 'high' | 'medium' | 'low';
  /** For a person: what is wrong and what to do. */
  message: string;
  credentialId?: string;
}

/** What stops if this identity's credentials stop, and whom to call, in order. */
export interface BlastRadius {
  projects: Array<{ projectKey: string; projectName: string; issuesTouched: number }>;
  issuesTouched: number;
  contacts: Array<{ accountId: string; role: 'credential-owner' | 'owner' | 'backup' }>;
}

export interface HistoryChange {
  field: string;
  /** Values as shown to a person; never a secret (secrets are refused before anything is stored). */
  before: string | null;
  after: string | null;
}

export interface HistoryEntry {
  id: string;
  at: string;
  /** Account id of the person who made the change; 'app' for the sweep and admin sync. */
  by: string;
  subject: 'ownership' | 'credential';
  action: 'created' | 'updated' | 'deleted';
  credentialId?: string;
  source: CredentialSource | 'manual';
  changes: HistoryChange[];
}

export interface HistoryPage {
  entries: HistoryEntry[];
  /** Pass back to `history/list` for the next (older) page; null on the last page. Not stable across time: do not store it. */
  nextCursor: string | null;
}

/** The registry's part of `identity/get`: ownership with its version (for CONFLICT checks) and more. */
export interface RegistryView {
  ownership: Ownership | null;
  /** 0 before the first save; `ownership/save` must carry the version it was based on. */
  version: number;
  credentials: CredentialView[];
  /** 0 before the first credential; `credentials/save` and `credentials/delete` carry it. */
  credentialsVersion: number;
  history: HistoryPage;
  risks: Risk[];
  blastRadius: BlastRadius;
}

/** `identity/get`: one identity with projects, access, and its registry view. */
export type IdentityDetail = IdentityRecord & RegistryView & {
  /** The activity window of the scan this record comes from (from: yyyy-MM-dd, UTC), for links to the issues behind its counts. */
  window: { from: string; days: number };
  projectNotes: ProjectNote[];
  /** Display names of the people the page mentions (owner, backup, contacts, history authors), as far as Jira told. */
  people: UserOption[];
  /** True while some project roles are still being read in the background (shown on a later view; a page view spends no Jira points on them). */
  rolesPending?: boolean;
};

/** A project admin's note on how an integration is used in their project ("feeds our release report"). */
export interface ProjectNote {
  projectKey: string;
  note: string;
  /** Display name of who wrote it. */
  updatedBy: string;
  updatedAt: string;
}

export interface CredentialGroup {
  accountId: string;
  version: number;
  credentials: CredentialView[];
}

export interface CredentialList {
  identities: CredentialGroup[];
  nextCursor: string | null;
}

export interface ImportRowError {
  /** 1-based line in the file, the header being line 1. */
  row: number;
  column: string | null;
  message: string;
}

export interface ImportResult {
  mode: 'preview' | 'commit';
  /** Data rows in the file (the header aside). */
  rows: number;
  /** Valid rows only: a row with an error counts in `invalidRows`, never as created, updated or unchanged. */
  created: number;
  updated: number;
  unchanged: number;
  /** Data rows with at least one error (file-wide problems sit on line 1 and count in none). */
  invalidRows: number;
  errors: ImportRowError[];
  /** True only when commit mode wrote the whole file; a file with any error writes nothing. */
  written: boolean;
}

export interface UserOption {
  accountId: string;
  displayName: string;
  active: boolean;
  /** Shown when Jira shows it (the person's privacy settings decide); tells apart people with the same name. */
  email?: string | null;
  /** Jira's avatar (48×48) when known. */
  avatarUrl?: string | null;
}

/** Who hears a reminder besides the Jira work item's assignee (the owner). */
export interface ReminderRecipients {
  owner: boolean;
  backup: boolean;
  /** A Jira group (by name, e.g. "jira-administrators") that is notified too; null for none. */
  adminGroup: string | null;
}

export const DEFAULT_REMINDER_THRESHOLDS = [30, 7, 1] as const;
export const DEFAULT_STALE_DAYS = 90;

export interface ReminderSettings {
  /** Project where reminder, handover and escalation work items are created; null turns reminders off. */
  projectKey: string | null;
  /** Issue type id for those work items (the project's first standard type when not chosen); checked against the project's types. */
  issueTypeId: string | null;
  /** Days before expiry at which a reminder goes out, each once per expiry date; 1 to 5 distinct values in 0..365 (default 30, 7, 1). */
  thresholds: number[];
  recipients: ReminderRecipients;
  /** A credential not used for this many days is stale (default 90). */
  staleDays: number;
}

/** `reminders/save`: what changes; thresholds, recipients and staleDays keep their stored values when omitted. */
export interface ReminderSettingsInput {
  projectKey: string | null;
  issueTypeId: string | null;
  thresholds?: number[];
  recipients?: ReminderRecipients;
  staleDays?: number;
}

/** One reminder sent (recorded when sent; each threshold is sent once per expiry date). */
export interface ReminderSend {
  credentialId: string;
  /** The identity the credential belongs to. */
  accountId: string;
  label: string;
  expiresAt: string;
  threshold: number;
  issueKey: string;
  /** Account ids notified, plus `group:<name>` for the admin group. */
  recipients: string[];
  at: string;
}

export interface AdminSyncSettings {
  enabled: boolean;
  orgId: string | null;
  /** Whether a key is stored; the key itself is never returned. */
  hasApiKey: boolean;
  /**
   * The last run: credentials read (`tokens`: user API tokens, service accounts' API tokens and OAuth
   * clients), `matched` to integration identities, `written` (added or updated), `retired` (revoked or
   * deleted in Atlassian Administration, so removed here) and the identities `refused` with why (their
   * credentials unchanged); `ok` is false when the run failed or refused any identity.
   */
  lastRun: {
    at: string;
    ok: boolean;
    message: string;
    matched: number;
    tokens: number;
    written?: number;
    retired?: number;
    refused?: Array<{ accountId: string; reason: string }>;
  } | null;
}

export interface AdminSyncSave {
  enabled: boolean;
  orgId: string | null;
  /** A new org admin API key; omit to keep the stored one, null to delete it. Write-only. */
  apiKey?: string | null;
}

/** One credential of the site-wide "Expiring soon" view: what stops, and whom to call. */
export interface ExpiringCredential {
  credential: CredentialView;
  accountId: string;
  /** The identity's name in the last scan (its account id when the scan has not seen it). */
  identityName: string;
  identityKind: IdentityKind | null;
  /** Who answers for the credential (its own owner, else the identity's), the identity's owner and backup. */
  credentialOwner: UserOption | null;
  owner: UserOption | null;
  backup: UserOption | null;
  team: string;
  runbookUrl: string;
  /** The projects whose automation stops with it, most active first (at most 5), and how many in all. */
  projects: Array<{ projectKey: string; projectName: string; touches: number }>;
  projectsTotal: number;
}

export interface ExpiringList {
  items: ExpiringCredential[];
  /** All credentials that match, when more than `items` were shown. */
  total: number;
}

export interface BulkOwnershipChange {
  /** Each field present replaces that field on every chosen identity; absent fields stay as they are. */
  ownerAccountId?: string | null;
  backupAccountId?: string | null;
  team?: string;
}

export interface BulkOwnershipResult {
  accountId: string;
  ok: boolean;
  /** The version after the save (unchanged when it failed). */
  version: number;
  /** Why this one was not saved (a conflict, owner equal to backup), for a person. */
  message: string | null;
}

/** A project's issue types, for choosing the type of reminder work items. */
export interface ProjectIssueTypes {
  project: ProjectRef;
  issueTypes: Array<{ id: string; name: string; subtask: boolean }>;
}

export type RegistryDefs = {
  /** The issue types of one project (as the app sees it); NOT_FOUND when there is no such project. */
  'projects/issue-types': (payload: { projectKey: string }) => Envelope<ProjectIssueTypes>;
  /** Credentials expiring within `withinDays` (default 30; expired ones included) or of one tier, soonest first, at most 200. */
  'credentials/expiring': (payload: { withinDays?: number; tier?: ExpiryTier }) => Envelope<ExpiringList>;
  /** The same change to the ownership of several identities; each is saved on its own, checked against its version. */
  'ownership/bulk-save': (payload: { items: Array<{ accountId: string; baseVersion: number }>; change: BulkOwnershipChange }) => Envelope<{ results: BulkOwnershipResult[] }>;
  'ownership/save': (payload: { accountId: string; baseVersion: number; ownership: Ownership }) => Envelope<{ version: number }>;
  'credentials/list': (payload: { accountId?: string; cursor?: string }) => Envelope<CredentialList>;
  'credentials/save': (payload: { accountId: string; baseVersion: number; credentialId?: string; credential: CredentialInput }) => Envelope<{ version: number; credential: CredentialView }>;
  'credentials/delete': (payload: { accountId: string; baseVersion: number; credentialId: string }) => Envelope<{ version: number }>;
  'credentials/import': (payload: { csv: string; mode: 'preview' | 'commit' }) => Envelope<ImportResult>;
  'credentials/export': (payload: NoPayload) => Envelope<{ csv: string; filename: string }>;
  'history/list': (payload: { accountId: string; cursor?: string }) => Envelope<HistoryPage>;
  'users/search': (payload: { query: string }) => Envelope<UserOption[]>;
  'reminders/get': (payload: NoPayload) => Envelope<ReminderSettings>;
  'reminders/save': (payload: ReminderSettingsInput) => Envelope<ReminderSettings>;
  /** The latest reminder sends, newest first (at most 200). */
  'reminders/sends': (payload: NoPayload) => Envelope<ReminderSend[]>;
  'admin-sync/get': (payload: NoPayload) => Envelope<AdminSyncSettings>;
  'admin-sync/save': (payload: AdminSyncSave) => Envelope<AdminSyncSettings>;
  'admin-sync/run': (payload: NoPayload) => Envelope<AdminSyncSettings>;
};

// ---------------------------------------------------------------------------------------------
// Project page: the integrations touching the project in context (issue 6)
// ---------------------------------------------------------------------------------------------

/** Activity here compared with the previous scan's: rising, falling or steady; 'new' when it did nothing here then. */
export type ActivityTrend = 'rising' | 'falling' | 'steady' | 'new';

/**
 * A person the project page names, so that someone can reach them: name, the email address Jira
 * shows for them (null when their profile hides it), and the account id for their Jira profile link.
 */
export interface PersonRef {
  accountId: string;
  displayName: string;
  active: boolean;
  email: string | null;
  /** Jira's avatar (48×48), when known. */
  avatarUrl?: string | null;
}

/** Someone to call about an integration, and why them. */
export interface Contact extends PersonRef {
  role: 'owner' | 'backup' | 'credential-owner';
}

/** One integration as a project lead sees it: this project's slice only, and only what the page shows. */
export interface ProjectIntegration {
  accountId: string;
  displayName: string;
  kind: IdentityKind;
  active: boolean;
  activity: ActivityCounts & {
    /** @deprecated Same as `touches`. */
    issuesTouched: number;
    /** @deprecated Same as `transitioned`. */
    transitions: number;
    /** @deprecated Same as `worked`. */
    worklogs: number;
    /** Null until a second scan has been seen by this page. */
    trend: ActivityTrend | null;
  };
  access: { hasAccess: boolean; canEdit: boolean; roles: string[]; used: boolean };
  owner: PersonRef | null;
  backup: PersonRef | null;
  team: string;
  /** What it is for, as its owner recorded it ('' when not recorded). */
  purpose: string;
  /** Its runbook (an http or https address checked when saved), or '' when none. */
  runbookUrl: string;
  /** The most urgent expiry tier among its credentials; null when none are recorded. */
  credentials: { count: number; worstTier: ExpiryTier | null; daysToExpiry: number | null };
  /** Whom to call, in order: owner, backup, then owners of single credentials; active people only. */
  callList: Contact[];
  /** Recorded contacts left out of callList because they are deactivated in Jira. */
  deactivatedContacts: number;
  /** This project's note about it, if one was written. */
  note: ProjectNote | null;
  /** Set when its owner left (deactivated or deleted account): it stops here unless someone takes it over. */
  orphaned: OrphanNotice | null;
}

/** An identity whose owner left: what the project's leads see, and the handover work item. */
/** A person named by display name only (no account id or email). */
export interface PersonName {
  displayName: string;
  active: boolean;
}

export interface OrphanNotice {
  /** When the daily sweep found the owner gone. */
  since: string;
  formerOwner: PersonName;
  /** Who the handover went to: the backup, or the admins when there is none. */
  handoverTo: PersonName | 'admins';
  /** The handover work item's key, when created. */
  issueKey: string | null;
}

export interface ProjectIntegrations {
  project: ProjectRef;
  /** The scan the list comes from; null before the first complete scan. */
  snapshot: { completedAt: string; windowDays: number; /** First day of the activity window (yyyy-MM-dd, UTC). */ windowFrom: string } | null;
  integrations: ProjectIntegration[];
}

/** Longest project note, in characters. */
export const PROJECT_NOTE_MAX = 1000;

export type ProjectDefs = {
  'project/integrations': (payload: NoPayload) => Envelope<ProjectIntegrations>;
  /** Writes (or, with an empty note, deletes) this project's note about one integration touching it. */
  'project/note-save': (payload: { accountId: string; note: string }) => Envelope<{ note: ProjectNote | null }>;
};

// ---------------------------------------------------------------------------------------------
// Accountability (issue 13): attestation campaigns, the owners' page, handovers
// ---------------------------------------------------------------------------------------------

/** Which identities a campaign covers: all, or those matching every given filter. */
export interface CampaignScope {
  kind?: IdentityKind;
  /** Identities that touched this project in the latest scan. */
  projectKey?: string;
  /** Ownership's team, compared without case. */
  team?: string;
}

/** Days after the due date: a reminder to the owner, then escalation to the backup, then to the admins. */
export interface EscalationDays {
  remindOwner: number;
  escalateToBackup: number;
  escalateToAdmins: number;
}
export const DEFAULT_ESCALATION_DAYS: EscalationDays = { remindOwner: 0, escalateToBackup: 3, escalateToAdmins: 7 };

export interface CampaignStart {
  name: string;
  scope: CampaignScope;
  /** The Jira project for the owners' work items, and its issue type (checked against the project's types). */
  projectKey: string;
  issueTypeId: string | null;
  /** YYYY-MM-DD, today or later. */
  dueDate: string;
  escalation?: Partial<EscalationDays>;
}

/** An owner's answer for one identity. */
export type AttestationDecision = 'keep' | 'change-owner' | 'retire';

export interface AttestationAnswer {
  decision: AttestationDecision;
  /** change-owner only: who owns it from now on. */
  newOwnerAccountId: string | null;
  comment: string;
  /** Who answered (owner or backup) and when. */
  by: string;
  at: string;
}

/** One identity in a campaign, as it stood when the campaign started, with its answer. */
export interface CampaignItem {
  accountId: string;
  displayName: string;
  kind: IdentityKind;
  credentials: Array<{ id: string; label: string; kind: CredentialKind; expiresAt: string | null }>;
  projectsTouched: string[];
  lastActivity: string | null;
  answer: AttestationAnswer | null;
}

export type EscalationStep = 'remind-owner' | 'escalate-backup' | 'escalate-admins';

/** One owner's part of a campaign: their work item and the identities they answer for. */
export interface CampaignOwnerTask {
  ownerAccountId: string;
  ownerName: string;
  backupAccountIds: string[];
  /** The owner's work item; null until it is created. */
  issueKey: string | null;
  items: CampaignItem[];
  /** Reminders and escalations sent, in order. */
  escalations: Array<{ step: EscalationStep; at: string; issueKey: string | null }>;
}

export interface CampaignProgress {
  items: number;
  answered: number;
  /** Answered "owner changes" or "retire". */
  changed: number;
  retired: number;
  /** Unanswered items past the due date. */
  overdue: number;
  owners: number;
  /** Identities in scope that have no owner (not asked; listed for the admins). */
  unowned: number;
}

export interface CampaignSummary {
  id: string;
  name: string;
  scope: CampaignScope;
  projectKey: string;
  dueDate: string;
  createdAt: string;
  createdBy: string;
  escalation: EscalationDays;
  /** open: answers accepted; complete: every item answered. */
  state: 'open' | 'complete';
  progress: CampaignProgress;
}

export interface CampaignDetail extends CampaignSummary {
  owners: CampaignOwnerTask[];
  unownedAccountIds: string[];
}

/** What the caller must answer in one campaign (attestation/mine). */
export interface AttestationTask {
  campaignId: string;
  campaignName: string;
  dueDate: string;
  /** The caller's role: the owner, or the backup answering in the owner's place. */
  as: 'owner' | 'backup';
  ownerAccountId: string;
  issueKey: string | null;
  items: CampaignItem[];
}

/** A record the caller owns or backs up, as the owners' page shows and edits it. */
export interface MyIntegration {
  accountId: string;
  displayName: string;
  kind: IdentityKind;
  role: 'owner' | 'backup';
  ownership: Ownership;
  /** For ownership/save-style optimistic concurrency (my/save carries it). */
  version: number;
  credentials: CredentialView[];
  risks: Risk[];
  projectsTouched: string[];
  lastActivity: string | null;
}

/** my/save: the fields an owner or backup may change on their own record. */
export interface MyRecordChange {
  accountId: string;
  baseVersion: number;
  purpose: string;
  runbookUrl: string;
  notes: string;
}

export type AccountabilityDefs = {
  'campaigns/start': (payload: CampaignStart) => Envelope<CampaignSummary>;
  'campaigns/list': (payload: NoPayload) => Envelope<CampaignSummary[]>;
  'campaigns/get': (payload: { id: string }) => Envelope<CampaignDetail>;
  /** The campaign's evidence as CSV: every item with its answer, who and when. */
  'campaigns/export': (payload: { id: string }) => Envelope<{ csv: string; filename: string }>;
  /** Open attestations the caller must answer (as owner, or as backup). */
  'attestation/mine': (payload: NoPayload) => Envelope<AttestationTask[]>;
  'attestation/answer': (payload: { campaignId: string; accountId: string; decision: AttestationDecision; newOwnerAccountId?: string | null; comment?: string }) => Envelope<CampaignItem>;
  /** The records the caller owns or backs up. */
  'my/integrations': (payload: NoPayload) => Envelope<MyIntegration[]>;
  'my/save': (payload: MyRecordChange) => Envelope<{ version: number }>;
};

// ---------------------------------------------------------------------------------------------
// All resolvers
// ---------------------------------------------------------------------------------------------

export type Defs = CallerDefs & DiscoveryDefs & RegistryDefs & ProjectDefs & AccountabilityDefs;
export type ResolverKey = keyof Defs & string;

/** Every key of Defs, listed once; the Record types make the compiler refuse a missing or extra key. */
const CALLER_KEYS: Record<keyof CallerDefs, true> = { 'me/get': true };
const DISCOVERY_KEYS: Record<keyof DiscoveryDefs, true> = {
  'scan/start': true,
  'scan/status': true,
  'scan/cancel': true,
  'identities/list': true,
  'identity/get': true,
  'identity/mark': true,
  'settings/get': true,
  'settings/save': true,
  'heatmap/get': true,
};
const REGISTRY_KEYS: Record<keyof RegistryDefs, true> = {
  'projects/issue-types': true,
  'credentials/expiring': true,
  'ownership/bulk-save': true,
  'ownership/save': true,
  'credentials/list': true,
  'credentials/save': true,
  'credentials/delete': true,
  'credentials/import': true,
  'credentials/export': true,
  'history/list': true,
  'users/search': true,
  'reminders/get': true,
  'reminders/save': true,
  'reminders/sends': true,
  'admin-sync/get': true,
  'admin-sync/save': true,
  'admin-sync/run': true,
};
const PROJECT_KEYS: Record<keyof ProjectDefs, true> = { 'project/integrations': true, 'project/note-save': true };
const ACCOUNTABILITY_KEYS: Record<keyof AccountabilityDefs, true> = {
  'campaigns/start': true,
  'campaigns/list': true,
  'campaigns/get': true,
  'campaigns/export': true,
  'attestation/mine': true,
  'attestation/answer': true,
  'my/integrations': true,
  'my/save': true,
};
export const RESOLVER_KEYS = [
  ...Object.keys(CALLER_KEYS),
  ...Object.keys(DISCOVERY_KEYS),
  ...Object.keys(REGISTRY_KEYS),
  ...Object.keys(PROJECT_KEYS),
  ...Object.keys(ACCOUNTABILITY_KEYS),
] as ResolverKey[];
