// Changes for incremental-scan tests: new events on issues, role and activity changes. Everything
// goes through the same store the API reads, so searches, counts and changelogs see it at once.
import type { Access } from './access.js';
import type { SiteData } from './model.js';
import { createRng } from './prng.js';
import { CHANGE_FIELDS, EVENT_KIND, type EventKind } from './store/issues.js';
import { issueKey } from './truth.js';
import type { Mutate, MutationEventKind } from './types.js';

const KIND_CODES: Record<MutationEventKind, EventKind> = {
  field: EVENT_KIND.field,
  status: EVENT_KIND.status,
  comment: EVENT_KIND.comment,
  'comment-edit': EVENT_KIND.commentEdit,
  worklog: EVENT_KIND.worklog,
};

export function createMutate(site: SiteData, access: Access, now: () => number): Mutate {
  const store = site.issues;

  /** Adds one event, filling kind-specific details the way the generator does. */
  const addEvent = (issue: number, actor: number, kind: EventKind, at: number): void => {
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
  };

  const userIdx = (accountId: string): number => {
    const u = site.usersByAccountId.get(accountId);
    if (!u) throw new Error(`unknown account ${accountId}`);
    return u.idx;
  };
  const issueIdx = (key: string): number => {
    const m = /^([A-Z][A-Z0-9_]*)-(\d+)$/.exec(key);
    const p = m ? site.projectsByKey.get(m[1] as string) : undefined;
    const idx = p ? store.byProject[p.idx]?.[Number(m?.[2]) - 1] : undefined;
    if (idx === undefined) throw new Error(`unknown issue ${key}`);
    return idx;
  };

  return {
    touchIssues({ fraction, at, seed }) {
      const rng = createRng(seed ?? Math.floor(fraction * 1e6) + store.eventCount);
      const when = at ?? now();
      const touched: string[] = [];
      for (let i = 0; i < store.issueCount; i++) {
        if (!rng.chance(fraction)) continue;
        // The issue's usual actors: whoever already worked on it.
        const actors = store.eventsOfIssue(i).map((e) => store.evActor.get(e));
        const actor = actors.length > 0 ? rng.pick(actors) : store.creator.get(i);
        addEvent(i, actor, rng.chance(0.5) ? EVENT_KIND.comment : EVENT_KIND.field, when);
        touched.push(issueKey(site, i));
      }
      return touched;
    },
    addEvent({ issueKey: key, accountId, kind, at }) {
      addEvent(issueIdx(key), userIdx(accountId), KIND_CODES[kind ?? 'field'], at ?? now());
    },
    setRoleActor({ projectKey, roleName, accountId, present }) {
      const p = site.projectsByKey.get(projectKey);
      const role = site.roles.find((r) => r.name === roleName);
      const actors = p && role ? p.roles.get(role.id) : undefined;
      if (!actors) throw new Error(`unknown project or role ${projectKey}/${roleName}`);
      if (present) actors.users.add(userIdx(accountId));
      else actors.users.delete(userIdx(accountId));
      access.invalidate();
    },
    setActive({ accountId, active }) {
      const u = site.users[userIdx(accountId)];
      if (u) u.active = active;
      access.invalidate();
    },
  };
}
