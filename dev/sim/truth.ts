// Ground truth for tests and the benchmark, computed from the stored data (never from the API).
import type { Access } from './access.js';
import type { SiteData } from './model.js';
import { countsForUpdatedBy, EVENT_KIND } from './store/issues.js';
import type { LedgerCell, Truth } from './types.js';

export function createTruth(site: SiteData, access: Access): Truth {
  const personaIdxs = new Set(site.personas.map((p) => p.userIdx));
  const isIntegration = (i: number): boolean => {
    const u = site.users[i];
    return !!u && (u.accountType === 'app' || u.automationLike);
  };
  const userIdx = (accountId: string): number => {
    const u = site.usersByAccountId.get(accountId);
    if (!u) throw new Error(`unknown account ${accountId}`);
    return u.idx;
  };
  return {
    integrationAccountIds: () => site.users.filter((u) => isIntegration(u.idx)).map((u) => u.accountId),
    ordinaryPeopleAccountIds: () =>
      site.users.filter((u) => u.kind === 'person' && !u.automationLike && !personaIdxs.has(u.idx)).map((u) => u.accountId),
    touchedPairs({ sinceMs }) {
      const out: Array<{ accountId: string; projectKey: string; issues: number }> = [];
      for (const u of site.users) {
        if (!isIntegration(u.idx)) continue;
        const perProject = new Map<number, Set<number>>();
        site.issues.forEachEventOfActor(u.idx, (e) => {
          if (site.issues.evTime.get(e) < sinceMs) return;
          const issue = site.issues.evIssue.get(e);
          const p = site.issues.project.get(issue);
          let set = perProject.get(p);
          if (!set) perProject.set(p, (set = new Set()));
          set.add(issue);
        });
        for (const [p, set] of perProject) {
          const project = site.projects[p];
          if (project) out.push({ accountId: u.accountId, projectKey: project.key, issues: set.size });
        }
      }
      return out.sort((a, b) => a.accountId.localeCompare(b.accountId) || a.projectKey.localeCompare(b.projectKey));
    },
    issuesTouchedBy(accountId, { sinceMs }) {
      const set = new Set<number>();
      site.issues.forEachEventOfActor(userIdx(accountId), (e) => {
        if (site.issues.evTime.get(e) >= sinceMs && countsForUpdatedBy(site.issues.evKind.get(e))) set.add(site.issues.evIssue.get(e));
      });
      return [...set].map((i) => issueKey(site, i)).sort();
    },
    projectsWithRole(accountId) {
      const u = site.users[userIdx(accountId)];
      if (!u) return [];
      return site.projects.filter((p) => access.rolesIn(u, p).length > 0).map((p) => p.key);
    },
    ledgerCells: ({ sinceMs, untilMs }) => cellsOf(site, sinceMs, untilMs, (t) => dayOf(t)),
    touchMatrix: ({ sinceMs, untilMs }) => cellsOf(site, sinceMs, untilMs, () => dayOf(sinceMs)),
    sizes: () => ({
      users: site.users.length,
      projects: site.projects.length,
      issues: site.issues.issueCount,
      events: site.issues.eventCount,
      groups: site.groups.length,
    }),
  };
}

const ACTION: Record<number, 'created' | 'updated' | 'transitioned' | 'commented' | 'worked'> = {
  [EVENT_KIND.create]: 'created',
  [EVENT_KIND.field]: 'updated',
  [EVENT_KIND.status]: 'transitioned',
  [EVENT_KIND.comment]: 'commented',
  [EVENT_KIND.commentEdit]: 'commented',
  [EVENT_KIND.worklog]: 'worked',
};

const dayOf = (t: number) => new Date(Math.floor(t / 86_400_000) * 86_400_000).toISOString().slice(0, 10);

/** Distinct issues per account x project x bucket (a day, or one bucket for the whole range), per action and in all. */
function cellsOf(site: SiteData, sinceMs: number, untilMs: number | undefined, bucket: (t: number) => string): LedgerCell[] {
  const store = site.issues;
  const cells = new Map<string, { accountId: string; projectKey: string; day: string; sets: Record<string, Set<number>>; all: Set<number> }>();
  for (const u of site.users) {
    store.forEachEventOfActor(u.idx, (e) => {
      const t = store.evTime.get(e);
      if (t < sinceMs || (untilMs !== undefined && t >= untilMs)) return;
      const issue = store.evIssue.get(e);
      const projectKey = site.projects[store.project.get(issue)]?.key ?? '?';
      const day = bucket(t);
      const id = `${u.accountId}|${projectKey}|${day}`;
      let cell = cells.get(id);
      if (!cell) cells.set(id, (cell = { accountId: u.accountId, projectKey, day, sets: {}, all: new Set() }));
      const action = ACTION[store.evKind.get(e)] ?? 'updated';
      (cell.sets[action] ??= new Set()).add(issue);
      cell.all.add(issue);
    });
  }
  return [...cells.values()]
    .map((c) => ({
      accountId: c.accountId,
      projectKey: c.projectKey,
      day: c.day,
      touches: c.all.size,
      created: c.sets.created?.size ?? 0,
      updated: c.sets.updated?.size ?? 0,
      transitioned: c.sets.transitioned?.size ?? 0,
      commented: c.sets.commented?.size ?? 0,
      worked: c.sets.worked?.size ?? 0,
    }))
    .sort((a, b) => a.accountId.localeCompare(b.accountId) || a.projectKey.localeCompare(b.projectKey) || a.day.localeCompare(b.day));
}

export function issueKey(site: SiteData, issue: number): string {
  const p = site.projects[site.issues.project.get(issue)];
  return `${p?.key ?? '?'}-${site.issues.num.get(issue)}`;
}

