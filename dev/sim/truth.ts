// Ground truth for tests and the benchmark, computed from the stored data (never from the API).
import type { Access } from './access.js';
import type { SiteData } from './model.js';
import { countsForUpdatedBy } from './store/issues.js';
import type { Truth } from './types.js';

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
    sizes: () => ({
      users: site.users.length,
      projects: site.projects.length,
      issues: site.issues.issueCount,
      events: site.issues.eventCount,
      groups: site.groups.length,
    }),
  };
}

export function issueKey(site: SiteData, issue: number): string {
  const p = site.projects[site.issues.project.get(issue)];
  return `${p?.key ?? '?'}-${site.issues.num.get(issue)}`;
}

