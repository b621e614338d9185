// Changes for incremental-scan tests: new events on issues, role and activity changes. Everything
// goes through the same store the API reads, so searches, counts and changelogs see it at once.
import type { Access } from './access.js';
import { ROLE_IDS, type SiteData } from './model.js';
import type { AuditEntry } from './generate/audit.js';
import { createRng } from './prng.js';
import { addEventOfKind } from './store/add-event.js';
import { EVENT_KIND, type EventKind } from './store/issues.js';
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

  const addEvent = (issue: number, actor: number, kind: EventKind, at: number): void => addEventOfKind(store, issue, actor, kind, at);

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
    integrationsAct({ count, at, seed }) {
      const rng = createRng(seed ?? store.eventCount + 7);
      const when = at ?? now();
      const actors = site.users.filter((u) => u.active && (u.accountType === 'app' || u.automationLike) && u.idx !== site.appBotIdx);
      const kinds = [EVENT_KIND.field, EVENT_KIND.field, EVENT_KIND.status, EVENT_KIND.comment, EVENT_KIND.worklog];
      const touched: string[] = [];
      for (let n = 0; n < count && actors.length > 0; n++) {
        const actor = rng.pick(actors);
        const past: number[] = [];
        store.forEachEventOfActor(actor.idx, (e) => {
          if (past.length < 200) past.push(e);
        });
        if (past.length === 0) continue;
        const issue = store.evIssue.get(rng.pick(past));
        addEvent(issue, actor.idx, rng.pick(kinds), when);
        touched.push(issueKey(site, issue));
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
      // Jira records role changes in its audit log (category projects: the role, with the project and the user).
      recordAudit({
        category: 'projects',
        summary: 'Project roles changed',
        objectItem: { id: String(role?.id ?? ''), name: roleName, typeName: 'PROJECT_ROLE' },
        associatedItems: [
          { id: p?.id ?? '', name: p?.name ?? '', typeName: 'PROJECT' },
          { id: accountId, name: accountId, typeName: 'USER' },
        ],
      });
    },
    setGroupMember({ groupName, accountId, present }) {
      const group = site.groupsByName.get(groupName);
      const user = site.users[userIdx(accountId)];
      if (!group || !user) throw new Error(`unknown group ${groupName}`);
      if (present) {
        group.members.add(user.idx);
        user.groupIdxs.add(group.idx);
      } else {
        group.members.delete(user.idx);
        user.groupIdxs.delete(group.idx);
      }
      access.invalidate();
      // As Jira records it: the user as the object, the group associated.
      recordAudit({
        category: 'group management',
        summary: present ? 'User added to group' : 'User removed from group',
        objectItem: { id: accountId, name: accountId, typeName: 'USER' },
        associatedItems: [{ id: group.groupId, name: group.name, typeName: 'GROUP' }],
      });
    },
    addUser({ accountId, displayName, accountType, appType }) {
      if (site.usersByAccountId.has(accountId)) throw new Error(`account ${accountId} exists`);
      const kind = accountType === 'atlassian' ? 'person' : appType === 'service' ? 'service' : appType === 'agent' ? 'agent' : 'app';
      const user = { idx: site.users.length, accountId, displayName, kind, accountType, ...(appType ? { appType } : {}), emailVisible: false, active: true, timeZone: 'UTC', locale: 'en_US', automationLike: false, groupIdxs: new Set<number>() } as const;
      site.users.push({ ...user, groupIdxs: new Set<number>() });
      site.usersByAccountId.set(accountId, site.users[user.idx] as (typeof site.users)[number]);
      access.invalidate();
    },
    setActive({ accountId, active }) {
      const u = site.users[userIdx(accountId)];
      if (u) u.active = active;
      access.invalidate();
    },
    setProjectBrowsableByApp({ projectKey, browsable }) {
      const p = site.projectsByKey.get(projectKey);
      if (!p) throw new Error(`unknown project ${projectKey}`);
      if (browsable) access.hiddenFromApp.delete(p.idx);
      else access.hiddenFromApp.add(p.idx);
      access.invalidate();
      // On a real site a permission scheme's change does this, and Jira records it.
      recordAudit({ category: 'permissions', summary: 'Permission scheme updated', objectItem: { id: '0', name: 'Default Permission Scheme', typeName: 'PERMISSION_SCHEME' }, associatedItems: [{ id: p.id, name: p.name, typeName: 'PROJECT' }] });
    },
    setCountLag({ ms }) {
      site.countLagMs = Math.max(0, ms);
    },
    addAuditRecord(record) {
      recordAudit(record);
    },
    addProject({ key, name, leadAccountId }) {
      if (site.projectsByKey.has(key)) throw new Error(`project ${key} exists`);
      const lead = leadAccountId ? userIdx(leadAccountId) : (site.personas.find((p) => p.role === 'site-admin')?.userIdx ?? 0);
      const roles = new Map(site.roles.map((r) => [r.id, { users: new Set<number>(), groups: new Set<number>() }]));
      roles.get(ROLE_IDS.administrators)?.users.add(lead);
      roles.get(ROLE_IDS.administrators)?.groups.add(site.adminGroupIdx);
      roles.get(ROLE_IDS.users)?.groups.add(site.usersGroupIdx);
      const idx = site.projects.length;
      const id = String(10000 + idx);
      const project = { idx, id, key, name, description: `${name}.`, leadIdx: lead, isPrivate: false, typeKey: 'software' as const, roles };
      site.projects.push(project);
      site.projectsByKey.set(key, project);
      site.projectsById.set(id, project);
      store.addProject();
      access.invalidate();
      // Jira records a new project in its audit log (category projects, the project as the object).
      recordAudit({ category: 'projects', summary: 'Project created', objectItem: { id, name: key, typeName: 'PROJECT' } });
      return id;
    },
    createIssue({ projectKey, accountId, at }) {
      const p = site.projectsByKey.get(projectKey);
      if (!p) throw new Error(`unknown project ${projectKey}`);
      const actor = userIdx(accountId);
      const when = at ?? now();
      const idx = store.addIssue({ project: p.idx, creator: actor, reporter: actor, assignee: -1, created: when, status: 0 });
      addEvent(idx, actor, EVENT_KIND.create, when);
      return issueKey(site, idx);
    },
  };

  /** Appends a record to the audit log, newest first as Jira answers, by the site admin. */
  function recordAudit(r: { category: string; summary: string; objectItem: AuditEntry['objectItem']; associatedItems?: AuditEntry['associatedItems']; at?: number }): void {
    const id = site.audit.reduce((n, e) => Math.max(n, e.id), 9999) + 1;
    const authorIdx = site.personas.find((p) => p.role === 'site-admin')?.userIdx ?? 0;
    site.audit.unshift({ id, created: r.at ?? now(), summary: r.summary, category: r.category, eventSource: '', authorIdx, remoteAddress: '10.0.0.1', objectItem: r.objectItem, associatedItems: r.associatedItems ?? [], changedValues: [] });
  }
}
