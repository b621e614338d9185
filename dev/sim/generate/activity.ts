// Issues and their history over two years. People work office hours in their time zone;
// integration identities work round the clock, in bursts seconds apart, across many projects,
// each with a habit (creates issues, edits fields, transitions, comments or logs work). Some
// integrations went quiet months ago; Rovo agents only appeared recently.
import type { Rng } from '../prng.js';
import type { SimProject, SimUser } from '../model.js';
import { addEventOfKind } from '../store/add-event.js';
import { CHANGE_FIELDS, EVENT_KIND, type EventKind, type IssueStore } from '../store/issues.js';
import type { ActivityPlan } from './directory.js';
import { TIME_ZONE_OFFSETS } from './names.js';
import type { SizeSpec } from './sizes.js';

export interface ActivityInput {
  size: SizeSpec;
  users: SimUser[];
  projects: SimProject[];
  plan: ActivityPlan;
  issues: IssueStore;
  now: number;
}

const DAY = 86_400_000;
const SPAN = 730 * DAY;

type Habit = 'create' | 'edit' | 'transition' | 'comment' | 'worklog';

interface Worker {
  idx: number;
  habit: Habit;
  /** Share of a project's issues this identity touches. */
  reach: number;
  from: number;
  to: number;
}

interface PendingEvent {
  actor: number;
  time: number;
  kind: EventKind;
}

function habitOf(rng: Rng, u: SimUser): Habit {
  const n = u.displayName.toLowerCase();
  if (n.includes('automation') || n.includes('ci-pipeline') || n.includes('release')) return 'transition';
  if (n.includes('tempo')) return 'worklog';
  if (n.includes('slack') || n.includes('teams') || n.includes('github') || n.includes('reporting') || u.kind === 'agent') return 'comment';
  if (n.includes('sync') || n.includes('bridge') || n.includes('router') || n.includes('portal')) return 'create';
  return rng.pick<Habit>(['create', 'edit', 'edit', 'transition', 'comment']);
}

function workersFor(rng: Rng, input: ActivityInput): Worker[][] {
  const perProject: Worker[][] = input.projects.map(() => []);
  for (const [idx, projects] of input.plan.activeProjects) {
    const u = input.users[idx];
    if (!u) continue;
    const start = input.now - SPAN;
    const from = u.kind === 'agent' ? input.now - rng.between(60, 180) * DAY : start + rng.int(200) * DAY;
    // About one in six integrations stopped working months ago (dormant credentials).
    const to = rng.chance(1 / 6) ? input.now - rng.between(100, 400) * DAY : input.now;
    const habit = habitOf(rng, u);
    const reach = u.displayName === 'Automation for Jira' ? 0.5 : 0.05 + rng.next() * 0.35;
    for (const p of projects) perProject[p]?.push({ idx, habit, reach, from: Math.min(from, to - 30 * DAY), to });
  }
  return perProject;
}

/** A time near t during office hours (09–17, Mon–Fri) in the person's time zone. */
function officeHours(rng: Rng, t: number, timeZone: string): number {
  const offsetH = TIME_ZONE_OFFSETS[timeZone] ?? 0;
  const day = Math.floor((t + offsetH * 3_600_000) / DAY) * DAY;
  const weekday = new Date(day).getUTCDay();
  const shift = weekday === 0 ? -2 : weekday === 6 ? -1 : 0;
  const localMs = (9 + rng.next() * 8) * 3_600_000;
  return day + shift * DAY + localMs - offsetH * 3_600_000;
}

export function generateActivity(rng: Rng, input: ActivityInput): void {
  const { users, projects, issues, now } = input;
  const workers = workersFor(rng, input);
  const start = now - SPAN;
  for (const project of projects) {
    const people = input.plan.projectPeople[project.idx] ?? [];
    const pool = people.length > 0 ? people : [project.leadIdx];
    const bots = workers[project.idx] ?? [];
    const creators = bots.filter((w) => w.habit === 'create');
    const count = Math.max(5, Math.round(input.size.issuesPerProject * (0.3 + rng.next() * 1.4)));
    const personTime = (who: number, t: number) => Math.min(now - 60_000, officeHours(rng, t, users[who]?.timeZone ?? 'UTC'));
    const created: number[] = [];
    for (let i = 0; i < count; i++) created.push(start + rng.int(SPAN));
    created.sort((a, b) => a - b);

    for (const roughCreated of created) {
      const botCreator = creators.length > 0 && rng.chance(0.25) ? rng.pick(creators) : undefined;
      const usable = botCreator && roughCreated >= botCreator.from && roughCreated <= botCreator.to ? botCreator : undefined;
      const creator = usable ? usable.idx : rng.pick(pool);
      const createdAt = usable ? roughCreated : personTime(creator, roughCreated);
      const events: PendingEvent[] = [];
      let status = 0;
      // People: a few edits, transitions and comments in the weeks after creation.
      const humanEvents = rng.between(0, 4);
      for (let k = 0; k < humanEvents; k++) {
        const who = rng.pick(pool);
        const t = personTime(who, createdAt + rng.int(40 * DAY));
        const kind = rng.pick<EventKind>([EVENT_KIND.field, EVENT_KIND.status, EVENT_KIND.comment, EVENT_KIND.comment, EVENT_KIND.worklog]);
        events.push({ actor: who, time: t, kind });
      }
      if (rng.chance(0.1)) events.push({ actor: creator, time: Math.min(now - 60_000, createdAt + rng.int(5 * DAY)), kind: EVENT_KIND.comment });
      // Integrations: bursts seconds apart, any hour of the day.
      for (const w of bots) {
        if (!rng.chance(w.reach)) continue;
        const t0 = Math.max(createdAt + 1000, w.from + rng.int(Math.max(1, w.to - w.from)));
        if (t0 > w.to || t0 >= now) continue;
        const burst = rng.between(1, 4);
        for (let k = 0; k < burst; k++) {
          events.push({ actor: w.idx, time: Math.min(now - 1000, t0 + k * rng.between(1, 8) * 1000), kind: habitKind(rng, w.habit) });
        }
      }
      events.sort((a, b) => a.time - b.time);
      const clampedCreated = Math.min(createdAt, now - 120_000);
      const issue = issues.addIssue({
        project: project.idx,
        creator,
        reporter: usable && rng.chance(0.5) ? rng.pick(pool) : creator,
        assignee: rng.chance(0.8) ? rng.pick(pool) : -1,
        created: clampedCreated,
        status: 0,
      });
      issues.addEvent(issue, creator, clampedCreated, EVENT_KIND.create);
      let lastComment = -1;
      for (const e of events) {
        const time = Math.max(e.time, clampedCreated + 1000);
        if (e.kind === EVENT_KIND.status) {
          const to = status === 2 ? 1 : status + 1;
          issues.addEvent(issue, e.actor, time, e.kind, status * 16 + to);
          status = to;
        } else if (e.kind === EVENT_KIND.comment) {
          lastComment = issues.addEvent(issue, e.actor, time, e.kind);
          // Now and then a person edits the comment they wrote.
          if (rng.chance(0.08) && users[e.actor]?.kind === 'person') {
            issues.addEvent(issue, e.actor, Math.min(now - 1000, time + rng.between(60, 7200) * 1000), EVENT_KIND.commentEdit, lastComment);
          }
        } else if (e.kind === EVENT_KIND.worklog) {
          issues.addEvent(issue, e.actor, time, e.kind, 900 * rng.between(1, 16));
        } else {
          issues.addEvent(issue, e.actor, time, e.kind, rng.int(CHANGE_FIELDS.length));
        }
      }
      issues.status.set(issue, status);
    }
  }
  addRecentSweeps(rng, input, workers);
}

/** Days at the end of an automation's active span in which it keeps revisiting issues. */
const SWEEP_DAYS = 120;
/** Issues an automation revisits per project and day, per unit of reach. */
const SWEEP_RATE = 10;

/**
 * Automations keep working: over their last months they revisit existing issues of their projects
 * every day (syncs, CI transitions, time tracking), at any hour, in bursts seconds apart. This is
 * what gives them a volume no person types by hand.
 */
function addRecentSweeps(rng: Rng, input: ActivityInput, workers: Worker[][]): void {
  const { issues, now } = input;
  for (const project of input.projects) {
    const ids = issues.byProject[project.idx] ?? [];
    for (const w of workers[project.idx] ?? []) {
      const end = Math.min(w.to, now - 60_000);
      const begin = Math.max(w.from, end - SWEEP_DAYS * DAY);
      const perDay = w.reach * SWEEP_RATE;
      for (let day = begin; day < end; day += DAY) {
        const visits = Math.floor(perDay) + (rng.chance(perDay % 1) ? 1 : 0);
        for (let v = 0; v < visits; v++) {
          const t = Math.min(end, day + rng.int(DAY));
          const existing = createdBefore(issues, ids, t);
          if (existing === 0) continue;
          const issue = ids[rng.int(existing)] as number;
          const burst = rng.between(1, 3);
          for (let k = 0; k < burst; k++) addEventOfKind(issues, issue, w.idx, habitKind(rng, w.habit), Math.min(now - 1000, t + k * rng.between(1, 8) * 1000));
        }
      }
    }
  }
}

/** How many of a project's issues (in creation order) exist at time t. */
function createdBefore(issues: IssueStore, ids: readonly number[], t: number): number {
  let lo = 0;
  let hi = ids.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (issues.created.get(ids[mid] as number) < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function habitKind(rng: Rng, habit: Habit): EventKind {
  const main: Record<Habit, EventKind> = {
    create: EVENT_KIND.field,
    edit: EVENT_KIND.field,
    transition: EVENT_KIND.status,
    comment: EVENT_KIND.comment,
    worklog: EVENT_KIND.worklog,
  };
  return rng.chance(0.75) ? main[habit] : rng.pick<EventKind>([EVENT_KIND.field, EVENT_KIND.comment, EVENT_KIND.status]);
}
