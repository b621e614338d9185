// Changelog entries, comments and worklogs in the spec's shapes, built from stored events.
import type { SiteData } from '../model.js';
import { jiraDate } from '../http.js';
import { CHANGE_FIELDS, EVENT_KIND, STATUSES } from '../store/issues.js';
import { userDetailsJson } from './user.js';

const WORDS = ['backlog', 'customer', 'release', 'hotfix', 'sync', 'report', 'payment', 'login', 'export', 'dashboard', 'invoice', 'mobile'];

function adf(text: string): Record<string, unknown> {
  return { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] };
}

function author(site: SiteData, eventId: number): Record<string, unknown> {
  const u = site.users[site.issues.evActor.get(eventId)];
  return u ? userDetailsJson(site, u) : {};
}

/** Changelog ids are event ids shifted into Jira's range. */
export const changelogId = (eventId: number): string => String(10000 + eventId);

export function isChangelogEvent(kind: number): boolean {
  return kind === EVENT_KIND.field || kind === EVENT_KIND.status;
}

export function changelogFieldId(site: SiteData, eventId: number): string {
  const s = site.issues;
  return s.evKind.get(eventId) === EVENT_KIND.status ? 'status' : (CHANGE_FIELDS[s.evExtra.get(eventId)]?.fieldId ?? 'summary');
}

export function changelogJson(site: SiteData, eventId: number): Record<string, unknown> {
  const s = site.issues;
  const extra = s.evExtra.get(eventId);
  let item: Record<string, unknown>;
  if (s.evKind.get(eventId) === EVENT_KIND.status) {
    const from = STATUSES[extra >> 4] ?? STATUSES[0];
    const to = STATUSES[extra & 15] ?? STATUSES[0];
    item = { field: 'status', fieldtype: 'jira', fieldId: 'status', from: from.id, fromString: from.name, to: to.id, toString: to.name };
  } else {
    const f = CHANGE_FIELDS[extra] ?? CHANGE_FIELDS[0];
    const word = WORDS[eventId % WORDS.length] ?? 'value';
    item = { field: f.field, fieldtype: f.fieldtype, fieldId: f.fieldId, fromString: `old ${word}`, toString: `new ${word}` };
  }
  return { id: changelogId(eventId), author: author(site, eventId), created: jiraDate(s.evTime.get(eventId)), items: [item] };
}

/** A comment with its last edit (comment-edit events point at the comment's event). */
export function commentJson(site: SiteData, issue: number, eventId: number, lastEdit: number | undefined): Record<string, unknown> {
  const s = site.issues;
  const id = String(10000 + eventId);
  const editor = lastEdit ?? eventId;
  return {
    self: `${site.baseUrl}/rest/api/3/issue/${s.issueId(issue)}/comment/${id}`,
    id,
    author: author(site, eventId),
    body: adf(`Update on the ${WORDS[eventId % WORDS.length] ?? 'work'} item.`),
    updateAuthor: author(site, editor),
    created: jiraDate(s.evTime.get(eventId)),
    updated: jiraDate(s.evTime.get(editor)),
    jsdPublic: true,
  };
}

export function worklogJson(site: SiteData, issue: number, eventId: number): Record<string, unknown> {
  const s = site.issues;
  const seconds = s.evExtra.get(eventId);
  const id = String(10000 + eventId);
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  return {
    self: `${site.baseUrl}/rest/api/3/issue/${s.issueId(issue)}/worklog/${id}`,
    author: author(site, eventId),
    updateAuthor: author(site, eventId),
    comment: adf('Time logged.'),
    created: jiraDate(s.evTime.get(eventId)),
    updated: jiraDate(s.evTime.get(eventId)),
    started: jiraDate(s.evTime.get(eventId) - seconds * 1000),
    timeSpent: [h ? `${h}h` : '', m ? `${m}m` : ''].filter(Boolean).join(' ') || '0m',
    timeSpentSeconds: seconds,
    id,
    issueId: s.issueId(issue),
  };
}

/** Comments of an issue, oldest first, each with its last edit event. */
export function commentsOf(site: SiteData, issue: number): Array<{ eventId: number; lastEdit?: number }> {
  const s = site.issues;
  const comments: Array<{ eventId: number; lastEdit?: number }> = [];
  const byEvent = new Map<number, { eventId: number; lastEdit?: number }>();
  for (const e of s.eventsOfIssue(issue)) {
    const kind = s.evKind.get(e);
    if (kind === EVENT_KIND.comment) {
      const c = { eventId: e };
      comments.push(c);
      byEvent.set(e, c);
    } else if (kind === EVENT_KIND.commentEdit) {
      const c = byEvent.get(s.evExtra.get(e));
      if (c) c.lastEdit = e;
    }
  }
  return comments;
}
