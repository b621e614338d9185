// Forge product events for changes on the simulated site, in the shapes of the Forge events
// reference for Jira: avi:jira:created:issue, avi:jira:updated:issue (with changelog),
// avi:jira:commented:issue (with comment), avi:jira:created:worklog (worklog with issueId only).
import type { SiteData } from '../model.js';
import { jiraDate } from '../http.js';
import { EVENT_KIND, STATUSES } from '../store/issues.js';
import { changelogJson, commentJson, worklogJson } from './history.js';
import { issueJson } from './issue.js';

export interface ProductEvent {
  eventType: string;
  payload: Record<string, unknown>;
}

/** The issue as Forge's issue events carry it (id, key and a few fields, users by account id). */
function eventIssue(site: SiteData, issue: number): Record<string, unknown> {
  const json = issueJson(site, issue, ['summary', 'project', 'creator', 'reporter', 'assignee', 'status', 'issuetype', 'created', 'updated'], new Set());
  const fields = json.fields as Record<string, unknown>;
  const ref = (u: unknown) => (u && typeof u === 'object' ? { accountId: (u as { accountId: string }).accountId } : null);
  return { id: json.id, key: json.key, fields: { ...fields, creator: ref(fields.creator), reporter: ref(fields.reporter), assignee: ref(fields.assignee) } };
}

/** The product event one stored event raises (null for kinds Forge has no event for). */
export function productEventOf(site: SiteData, eventId: number): ProductEvent | null {
  const s = site.issues;
  const issue = s.evIssue.get(eventId);
  const actor = site.users[s.evActor.get(eventId)];
  if (!actor) return null;
  const atlassianId = actor.accountId;
  const at = s.evTime.get(eventId);
  const withTime = (i: Record<string, unknown>) => ({ ...i, fields: { ...(i.fields as object), updated: jiraDate(at) } });
  switch (s.evKind.get(eventId)) {
    case EVENT_KIND.create:
      return { eventType: 'avi:jira:created:issue', payload: { eventType: 'avi:jira:created:issue', atlassianId, issue: withTime(eventIssue(site, issue)), associatedUsers: [{ accountId: atlassianId }] } };
    case EVENT_KIND.field:
    case EVENT_KIND.status: {
      const changelog = changelogJson(site, eventId);
      const payload: Record<string, unknown> = { eventType: 'avi:jira:updated:issue', atlassianId, issue: withTime(eventIssue(site, issue)), changelog: { id: changelog.id, items: changelog.items }, associatedUsers: [{ accountId: atlassianId }] };
      if (s.evKind.get(eventId) === EVENT_KIND.status) {
        const extra = s.evExtra.get(eventId);
        payload.associatedStatuses = [STATUSES[extra >> 4], STATUSES[extra & 15]].map((st) => ({ id: st?.id, name: st?.name }));
      }
      return { eventType: 'avi:jira:updated:issue', payload };
    }
    case EVENT_KIND.comment:
    case EVENT_KIND.commentEdit: {
      const edit = s.evKind.get(eventId) === EVENT_KIND.commentEdit;
      const comment = commentJson(site, issue, edit ? s.evExtra.get(eventId) : eventId, edit ? eventId : undefined);
      const slim = { id: comment.id, author: { accountId: (comment.author as { accountId: string }).accountId }, updateAuthor: { accountId: atlassianId }, body: comment.body, created: comment.created, updated: comment.updated, jsdPublic: true };
      return { eventType: 'avi:jira:commented:issue', payload: { eventType: 'avi:jira:commented:issue', atlassianId, issue: withTime(eventIssue(site, issue)), comment: slim } };
    }
    case EVENT_KIND.worklog: {
      const w = worklogJson(site, issue, eventId);
      const worklog = { ...w, author: { accountId: atlassianId }, updateAuthor: { accountId: atlassianId } };
      delete (worklog as { self?: unknown }).self;
      return { eventType: 'avi:jira:created:worklog', payload: { eventType: 'avi:jira:created:worklog', atlassianId, worklog } };
    }
    default:
      return null;
  }
}
