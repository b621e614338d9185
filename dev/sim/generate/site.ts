// Builds the whole site from a seed: accounts, directory, issues with their history, audit log.
import { createRng, deriveSeed } from '../prng.js';
import type { PersonaSeed, SiteData, SimUser } from '../model.js';
import { IssueStore } from '../store/issues.js';
import { generateAccounts, PERSONA_IDS } from './accounts.js';
import { generateActivity } from './activity.js';
import { generateAudit } from './audit.js';
import { generateDirectory, ROLE_DEFS } from './directory.js';
import { SIZES } from './sizes.js';

export const SITE_BASE_URL = 'https://integration-registry-sim.atlassian.net';

export function buildSite(o: { size: 'demo' | 'large'; seed: number; now: number }): SiteData {
  const size = SIZES[o.size];
  const users = generateAccounts(createRng(deriveSeed(o.seed, 'accounts')), size);
  const byId = new Map(users.map((u) => [u.accountId, u]));
  const need = (id: string): SimUser => {
    const u = byId.get(id);
    if (!u) throw new Error(`missing persona ${id}`);
    return u;
  };
  const personaUsers = {
    siteAdmin: need(PERSONA_IDS.siteAdmin),
    adminA: need(PERSONA_IDS.projectAdminA),
    adminB: need(PERSONA_IDS.projectAdminB),
    plainUser: need(PERSONA_IDS.user),
  };
  const appBotIdx = users.findIndex((u) => u.kind === 'app');
  const dir = generateDirectory(createRng(deriveSeed(o.seed, 'directory')), size, users, personaUsers, appBotIdx);
  const issues = new IssueStore(dir.projects.length);
  generateActivity(createRng(deriveSeed(o.seed, 'activity')), { size, users, projects: dir.projects, plan: dir.plan, issues, now: o.now });
  issues.seal(users.length);
  const adminIdxs = [...(dir.groups[dir.adminGroupIdx]?.members ?? [])];
  const audit = generateAudit(createRng(deriveSeed(o.seed, 'audit')), size.auditRecords, o.now, {
    users,
    groups: dir.groups,
    projects: dir.projects,
    adminIdxs,
  });
  const personas: PersonaSeed[] = [
    { userIdx: personaUsers.siteAdmin.idx, role: 'site-admin', projectIdxs: [] },
    { userIdx: personaUsers.adminA.idx, role: 'project-admin', projectIdxs: [0] },
    { userIdx: personaUsers.adminB.idx, role: 'project-admin', projectIdxs: [1] },
    { userIdx: personaUsers.plainUser.idx, role: 'user', projectIdxs: [] },
  ];
  return {
    baseUrl: SITE_BASE_URL,
    seed: o.seed,
    builtAt: o.now,
    users,
    usersByAccountId: byId,
    groups: dir.groups,
    groupsById: new Map(dir.groups.map((g) => [g.groupId, g])),
    groupsByName: new Map(dir.groups.map((g) => [g.name, g])),
    roles: ROLE_DEFS,
    projects: dir.projects,
    projectsByKey: new Map(dir.projects.map((p) => [p.key, p])),
    projectsById: new Map(dir.projects.map((p) => [p.id, p])),
    appBotIdx,
    adminGroupIdx: dir.adminGroupIdx,
    usersGroupIdx: dir.usersGroupIdx,
    personas,
    issues,
    audit,
  };
}
