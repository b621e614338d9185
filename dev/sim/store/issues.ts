// Compact issue and event storage: typed columns plus per-project and per-actor indexes, so that
// the large site (500,000 issues, millions of events) builds in seconds and counts stay fast.
import { Growable } from './growable.js';

export const EVENT_KIND = { create: 0, field: 1, status: 2, comment: 3, commentEdit: 4, worklog: 5 } as const;
export type EventKind = (typeof EVENT_KIND)[keyof typeof EVENT_KIND];

/** Kinds that count for JQL updatedBy(): created the issue, changed a field, created or edited a comment. */
export function countsForUpdatedBy(kind: number): boolean {
  return kind !== EVENT_KIND.worklog;
}

export const STATUSES = [
  { id: '10000', name: 'To Do', categoryKey: 'new', categoryId: 2, categoryName: 'To Do', colorName: 'blue-gray' },
  { id: '3', name: 'In Progress', categoryKey: 'indeterminate', categoryId: 4, categoryName: 'In Progress', colorName: 'yellow' },
  { id: '10001', name: 'Done', categoryKey: 'done', categoryId: 3, categoryName: 'Done', colorName: 'green' },
] as const;

/** Fields that ordinary edits change, as changelog items name them. */
export const CHANGE_FIELDS = [
  { field: 'summary', fieldId: 'summary', fieldtype: 'jira' },
  { field: 'description', fieldId: 'description', fieldtype: 'jira' },
  { field: 'labels', fieldId: 'labels', fieldtype: 'jira' },
  { field: 'priority', fieldId: 'priority', fieldtype: 'jira' },
  { field: 'Sprint', fieldId: 'customfield_10020', fieldtype: 'custom' },
  { field: 'duedate', fieldId: 'duedate', fieldtype: 'jira' },
  { field: 'assignee', fieldId: 'assignee', fieldtype: 'jira' },
] as const;

export interface NewIssue {
  project: number;
  creator: number;
  reporter: number;
  assignee: number;
  created: number;
  status: number;
}

/** What a caller wrote on an issue it created: type, labels and entity properties (seeded issues have none). */
export interface WrittenFields {
  issueTypeId: string;
  summary: string;
  /** The description as written (Atlassian Document Format in v3), or null. */
  description: unknown;
  labels: string[];
  properties: Map<string, unknown>;
}

export class IssueStore {
  // Issue columns, indexed by issue number (id = 10000 + index).
  readonly project = new Growable(Int32Array);
  readonly num = new Growable(Int32Array);
  readonly creator = new Growable(Int32Array);
  readonly reporter = new Growable(Int32Array);
  readonly assignee = new Growable(Int32Array);
  readonly created = new Growable(Float64Array);
  readonly updated = new Growable(Float64Array);
  readonly status = new Growable(Uint8Array);
  private readonly baseStart = new Growable(Int32Array);
  private readonly baseCount = new Growable(Int32Array);
  /** Events added after the build (mutations, writes), per issue. */
  private readonly lateEvents = new Map<number, number[]>();

  // Event columns.
  readonly evIssue = new Growable(Int32Array);
  readonly evActor = new Growable(Int32Array);
  readonly evTime = new Growable(Float64Array);
  readonly evKind = new Growable(Uint8Array);
  /** Kind-specific: field index, status from*16+to, edited comment's event, worklog seconds. */
  readonly evExtra = new Growable(Int32Array);

  /** Issue indexes per project, in issue-number order (byProject[p][num - 1]). */
  readonly byProject: number[][];
  private actorOffsets: Int32Array = new Int32Array(1);
  private actorEventIds: Int32Array = new Int32Array(0);
  private readonly lateActorEvents = new Map<number, number[]>();
  private sealed = false;
  /** Fields written through POST /issue, per issue index. */
  readonly written = new Map<number, WrittenFields>();
  /** Told of every event added after the build (the site's product events start here). */
  private readonly listeners = new Set<(eventId: number) => void>();

  constructor(projectCount: number) {
    this.byProject = Array.from({ length: projectCount }, () => []);
  }

  get issueCount(): number {
    return this.project.length;
  }

  get eventCount(): number {
    return this.evIssue.length;
  }

  addProject(): void {
    this.byProject.push([]);
  }

  addIssue(n: NewIssue): number {
    const list = this.byProject[n.project];
    if (!list) throw new Error(`no project ${n.project}`);
    const idx = this.project.push(n.project);
    this.num.push(list.length + 1);
    list.push(idx);
    this.creator.push(n.creator);
    this.reporter.push(n.reporter);
    this.assignee.push(n.assignee);
    this.created.push(n.created);
    this.updated.push(n.created);
    this.status.push(n.status);
    this.baseStart.push(this.evIssue.length);
    this.baseCount.push(0);
    return idx;
  }

  /** Before seal(), an issue's events must be added right after it, in time order. */
  addEvent(issue: number, actor: number, time: number, kind: EventKind, extra = 0): number {
    const id = this.evIssue.push(issue);
    this.evActor.push(actor);
    this.evTime.push(time);
    this.evKind.push(kind);
    this.evExtra.push(extra);
    if (time > this.updated.get(issue)) this.updated.set(issue, time);
    const lastIssue = this.project.length - 1;
    if (!this.sealed && issue === lastIssue) {
      this.baseCount.set(issue, this.baseCount.get(issue) + 1);
    } else {
      pushTo(this.lateEvents, issue, id);
      if (this.sealed) pushTo(this.lateActorEvents, actor, id);
    }
    if (this.sealed) for (const listener of this.listeners) listener(id);
    return id;
  }

  /** Calls listener for every event added from now on; answers the unsubscribe function. */
  onEvent(listener: (eventId: number) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Ends the bulk build: indexes events by actor (counting sort). */
  seal(userCount: number): void {
    const n = this.evActor.length;
    const offsets = new Int32Array(userCount + 1);
    for (let e = 0; e < n; e++) offsets[this.evActor.get(e) + 1]! += 1;
    for (let u = 0; u < userCount; u++) offsets[u + 1]! += offsets[u]!;
    const fill = offsets.slice(0, userCount);
    const ids = new Int32Array(n);
    for (let e = 0; e < n; e++) {
      const a = this.evActor.get(e);
      ids[fill[a]!] = e;
      fill[a]! += 1;
    }
    this.actorOffsets = offsets;
    this.actorEventIds = ids;
    this.sealed = true;
  }

  /** Event ids of one issue, oldest first. */
  eventsOfIssue(issue: number): number[] {
    const start = this.baseStart.get(issue);
    const count = this.baseCount.get(issue);
    const ids: number[] = [];
    for (let i = 0; i < count; i++) ids.push(start + i);
    const late = this.lateEvents.get(issue);
    if (late) {
      ids.push(...late);
      ids.sort((a, b) => this.evTime.get(a) - this.evTime.get(b) || a - b);
    }
    return ids;
  }

  /** Calls visit for every event by the actor (any order). */
  forEachEventOfActor(actor: number, visit: (eventId: number) => void): void {
    const from = this.actorOffsets[actor] ?? 0;
    const to = this.actorOffsets[actor + 1] ?? from;
    for (let i = from; i < to; i++) visit(this.actorEventIds[i]!);
    const late = this.lateActorEvents.get(actor);
    if (late) for (const e of late) visit(e);
  }

  issueIndexOfId(id: string): number | undefined {
    if (!/^\d+$/.test(id)) return undefined;
    const idx = Number(id) - 10000;
    return idx >= 0 && idx < this.issueCount ? idx : undefined;
  }

  issueId(idx: number): string {
    return String(10000 + idx);
  }
}

function pushTo(map: Map<number, number[]>, key: number, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
