/**
 * What Jira's product events say, reduced to facts: who did what to which work item, in which
 * project, when. Pure: no Forge, no storage. Payload shapes follow the Forge events reference for
 * Jira (avi:jira:*:issue, avi:jira:commented:issue, avi:jira:deleted:comment, avi:jira:*:worklog).
 */

export const ACTIONS = ['created', 'updated', 'transitioned', 'commented', 'worked'] as const;
export type Action = (typeof ACTIONS)[number];

export interface Fact {
  accountId: string;
  /** Null when the event does not name the project (worklog events carry only the issue id). */
  projectKey: string | null;
  issueId: string;
  action: Action;
  /** When it happened (ms since the epoch). */
  at: number;
}

/** The events the manifest's trigger subscribes to (manifest.yml: trigger activity-events). */
export const ACTIVITY_EVENTS = [
  'avi:jira:created:issue',
  'avi:jira:updated:issue',
  'avi:jira:deleted:issue',
  'avi:jira:commented:issue',
  'avi:jira:deleted:comment',
  'avi:jira:created:worklog',
  'avi:jira:updated:worklog',
  'avi:jira:deleted:worklog',
] as const;
export type ActivityEventType = (typeof ACTIVITY_EVENTS)[number];

interface UserRef {
  accountId?: string;
}
export interface IssueRef {
  id?: string;
  key?: string;
  fields?: { project?: { id?: string; key?: string }; created?: string; updated?: string; creator?: UserRef };
}
/** The parts of a Forge Jira event payload that the ledger reads. */
export interface ActivityEvent {
  eventType?: string;
  atlassianId?: string;
  issue?: IssueRef;
  changelog?: { id?: string; items?: Array<{ field?: string; fieldId?: string }> };
  comment?: { id?: string; author?: UserRef; updateAuthor?: UserRef; created?: string; updated?: string };
  worklog?: { id?: string; issueId?: string; author?: UserRef; updateAuthor?: UserRef; created?: string; updated?: string; started?: string };
  /** Some events carry the time Jira raised them (ms or ISO); used only when the entity has no time. */
  timestamp?: number | string;
}

function time(...candidates: Array<string | number | undefined>): number | null {
  for (const c of candidates) {
    const t = typeof c === 'number' ? c : c === undefined ? NaN : Date.parse(c);
    if (Number.isFinite(t)) return t;
  }
  return null;
}

/**
 * The facts one event carries. Deletions carry none: what was done before a deletion still
 * happened. An event without an actor (atlassianId) or a time is ignored rather than guessed.
 */
export function factsOf(event: ActivityEvent): Fact[] {
  const accountId = event.atlassianId;
  if (!accountId) return [];
  const issue = event.issue;
  const projectKey = issue?.fields?.project?.key ?? null;
  const issueId = issue?.id ?? event.worklog?.issueId;
  if (!issueId) return [];
  const fact = (action: Action, at: number | null): Fact[] => (at === null ? [] : [{ accountId, projectKey, issueId, action, at }]);
  switch (event.eventType) {
    case 'avi:jira:created:issue':
      return fact('created', time(issue?.fields?.created, event.timestamp));
    case 'avi:jira:updated:issue': {
      const at = time(issue?.fields?.updated, event.timestamp);
      const items = event.changelog?.items ?? [];
      const status = items.some((i) => i.fieldId === 'status' || i.field === 'status');
      const other = items.some((i) => !(i.fieldId === 'status' || i.field === 'status'));
      // No changelog items: not an edit by this account (Jira may raise it for comments, links or
      // app writes); comments have their own event.
      return [...(status ? fact('transitioned', at) : []), ...(other ? fact('updated', at) : [])];
    }
    case 'avi:jira:commented:issue':
      return fact('commented', time(event.comment?.updated, event.comment?.created, event.timestamp));
    case 'avi:jira:created:worklog':
    case 'avi:jira:updated:worklog':
      return fact('worked', time(event.worklog?.updated, event.worklog?.created, event.timestamp));
    default:
      return [];
  }
}

/**
 * An idempotency key for the event, from its content: a redelivery of the same event has the
 * same key, two different changes never do. Allowed in a Forge KVS key.
 */
export function eventKey(event: ActivityEvent): string | null {
  const id = event.issue?.id ?? event.worklog?.issueId;
  const actor = event.atlassianId;
  if (!id || !actor) return null;
  const clean = (s: string) => s.replace(/[^a-zA-Z0-9._-]/g, '_');
  const ms = (s?: string) => String(time(s) ?? 0);
  switch (event.eventType) {
    case 'avi:jira:created:issue':
      return `c:${clean(id)}`;
    case 'avi:jira:updated:issue':
      return `u:${clean(id)}:${clean(event.changelog?.id ?? ms(event.issue?.fields?.updated))}`;
    case 'avi:jira:commented:issue':
      return `m:${clean(event.comment?.id ?? '')}:${ms(event.comment?.updated ?? event.comment?.created)}`;
    case 'avi:jira:created:worklog':
    case 'avi:jira:updated:worklog':
      return `w:${clean(event.worklog?.id ?? '')}:${ms(event.worklog?.updated ?? event.worklog?.created)}`;
    default:
      return null;
  }
}
