import { CHANGE_FIELDS, EVENT_KIND, type EventKind, type IssueStore } from './issues.js';

/**
 * Adds one event to an issue after its first build, filling kind-specific details the way the
 * generator does (a status change moves the issue's status on; a comment edit points at a comment).
 */
export function addEventOfKind(store: IssueStore, issue: number, actor: number, kind: EventKind, at: number): void {
  if (kind === EVENT_KIND.status) {
    const from = store.status.get(issue);
    const to = (from + 1) % 3;
    store.status.set(issue, to);
    store.addEvent(issue, actor, at, kind, from * 16 + to);
  } else if (kind === EVENT_KIND.commentEdit) {
    const comment = store.eventsOfIssue(issue).find((e) => store.evKind.get(e) === EVENT_KIND.comment);
    if (comment === undefined) store.addEvent(issue, actor, at, EVENT_KIND.comment, 0);
    else store.addEvent(issue, actor, at, kind, comment);
  } else if (kind === EVENT_KIND.worklog) {
    store.addEvent(issue, actor, at, kind, 900 * (1 + (issue % 8)));
  } else {
    store.addEvent(issue, actor, at, kind, kind === EVENT_KIND.field ? issue % CHANGE_FIELDS.length : 0);
  }
}
