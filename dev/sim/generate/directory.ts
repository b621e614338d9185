// Groups, projects and project roles, plus the activity plan: which projects each account works
// in. Integration identities get roles in more projects than they use (unused access), some only
// through a group.
import type { Rng } from '../prng.js';
import { ROLE_IDS, type RoleDef, type SimGroup, type SimProject, type SimUser } from '../model.js';
import { PROJECTS } from './names.js';
import type { SizeSpec } from './sizes.js';

export const ROLE_DEFS: RoleDef[] = [
  { id: ROLE_IDS.developers, name: 'Developers', description: 'A project role that represents developers in a project' },
  { id: ROLE_IDS.users, name: 'Users', description: 'A project role that represents users in a project' },
  { id: ROLE_IDS.administrators, name: 'Administrators', description: 'A project role that represents administrators in a project' },
  { id: ROLE_IDS.integrations, name: 'Integrations', description: 'Service accounts and apps that automate this project' },
];

export interface ActivityPlan {
  /** Projects each account works in (by user index). */
  activeProjects: Map<number, number[]>;
  /** People who work in each project (by project index). */
  projectPeople: number[][];
}

export interface Directory {
  groups: SimGroup[];
  projects: SimProject[];
  adminGroupIdx: number;
  usersGroupIdx: number;
  plan: ActivityPlan;
}

interface Accounts {
  siteAdmin: SimUser;
  adminA: SimUser;
  adminB: SimUser;
  plainUser: SimUser;
}

export function generateDirectory(rng: Rng, size: SizeSpec, users: SimUser[], personas: Accounts, appBotIdx: number): Directory {
  const groups: SimGroup[] = [];
  const addGroup = (name: string): SimGroup => {
    const g: SimGroup = { idx: groups.length, groupId: rng.uuid(), name, members: new Set() };
    groups.push(g);
    return g;
  };
  const join = (g: SimGroup, u: SimUser): void => {
    g.members.add(u.idx);
    u.groupIdxs.add(g.idx);
  };

  const people = users.filter((u) => u.kind === 'person');
  const personaIdxs = new Set([personas.siteAdmin.idx, personas.adminA.idx, personas.adminB.idx, personas.plainUser.idx]);
  const workers = people.filter((u) => !personaIdxs.has(u.idx) && !u.automationLike);
  const activeWorkers = workers.filter((u) => u.active);
  const automationPeople = people.filter((u) => u.automationLike);
  const integrations = users.filter((u) => u.kind !== 'person' && u.idx !== appBotIdx);

  const admins = addGroup('jira-administrators');
  join(admins, personas.siteAdmin);
  for (const u of rng.sample(activeWorkers, 2)) join(admins, u);
  const everyone = addGroup('jira-software-users');
  for (const u of people) if (u.active) join(everyone, u);
  addGroup('site-admins'); // an empty group exists on most sites

  const teamCount = Math.max(4, Math.round(size.projects / 12));
  const teams = Array.from({ length: teamCount }, (_, i) => addGroup(`team-${i + 1}`));
  for (const u of workers) for (const t of rng.sample(teams, rng.between(1, 2))) join(t, u);

  // Integration groups: their members hold project access only through the group.
  const integrationGroups = ['ci-integrations', 'reporting-integrations', 'sync-integrations'].map(addGroup);
  const serviceAccounts = integrations.filter((u) => u.kind === 'service');
  const viaGroup = new Set<number>();
  serviceAccounts.forEach((u, i) => {
    if (i % 2 === 0) {
      join(integrationGroups[i % integrationGroups.length] as SimGroup, u);
      viaGroup.add(u.idx);
    }
  });

  const projects: SimProject[] = [];
  for (let p = 0; p < size.projects; p++) {
    const fixed = PROJECTS[p];
    const key = fixed ? fixed[0] : `PRJ${p + 1}`;
    const name = fixed ? fixed[1] : `Project ${p + 1}`;
    const lead = p === 0 ? personas.adminA : p === 1 ? personas.adminB : rng.pick(activeWorkers);
    const isPrivate = p > 1 && rng.chance(0.2);
    const roles = new Map(ROLE_DEFS.map((r) => [r.id, { users: new Set<number>(), groups: new Set<number>() }]));
    const role = (id: number) => roles.get(id) as { users: Set<number>; groups: Set<number> };
    role(ROLE_IDS.administrators).users.add(lead.idx);
    role(ROLE_IDS.administrators).groups.add(admins.idx);
    const team = rng.pick(teams);
    role(ROLE_IDS.developers).groups.add(team.idx);
    for (const u of rng.sample(activeWorkers, rng.between(1, 3))) role(ROLE_IDS.developers).users.add(u.idx);
    if (isPrivate) for (const u of rng.sample(activeWorkers, 2)) role(ROLE_IDS.users).users.add(u.idx);
    else role(ROLE_IDS.users).groups.add(everyone.idx);
    projects.push({
      idx: p,
      id: String(10000 + p),
      key,
      name,
      description: `${name}: work tracked by the ${team.name} team.`,
      leadIdx: lead.idx,
      isPrivate,
      typeKey: key === 'IT' || key === 'SUP' ? 'service_desk' : p % 7 === 3 ? 'business' : 'software',
      roles,
    });
  }

  const projectPeople: number[][] = projects.map((p) => {
    const set = new Set<number>([p.leadIdx]);
    for (const [, actors] of p.roles) {
      for (const u of actors.users) if (users[u]?.kind === 'person') set.add(u);
      for (const g of actors.groups) {
        if (g === everyone.idx || g === admins.idx) continue;
        for (const u of groups[g]?.members ?? []) if (users[u]?.kind === 'person') set.add(u);
      }
    }
    return [...set].filter((u) => !users[u]?.automationLike);
  });
  // Personas do a little work: the site admin anywhere, the project admins in their project.
  for (const p of rng.sample(projects, 3)) projectPeople[p.idx]?.push(personas.siteAdmin.idx);
  projectPeople[0]?.push(personas.plainUser.idx);

  const activeProjects = new Map<number, number[]>();
  const roleSpan = (u: SimUser): number =>
    u.automationLike && u.kind === 'person' ? rng.between(4, 10) : rng.between(3, Math.min(size.projects, size.projects > 100 ? 30 : 8));
  const groupProjects = new Map<number, SimProject[]>();
  for (const g of integrationGroups) {
    const chosen = rng.sample(projects, rng.between(4, Math.min(size.projects, 12)));
    groupProjects.set(g.idx, chosen);
    for (const p of chosen) p.roles.get(ROLE_IDS.developers)?.groups.add(g.idx);
  }
  for (const u of [...integrations, ...automationPeople]) {
    let withRole: SimProject[];
    const group = [...u.groupIdxs].find((g) => groupProjects.has(g));
    if (viaGroup.has(u.idx) && group !== undefined) {
      withRole = groupProjects.get(group) ?? [];
    } else {
      withRole = rng.sample(projects, roleSpan(u));
      const roleId = u.kind === 'person' ? ROLE_IDS.developers : ROLE_IDS.integrations;
      for (const p of withRole) p.roles.get(roleId)?.users.add(u.idx);
    }
    // Unused access: keep roughly a third of the role projects idle.
    const used = withRole.filter((_, i) => i === 0 || rng.chance(0.65));
    activeProjects.set(u.idx, used.map((p) => p.idx));
  }
  return { groups, projects, adminGroupIdx: admins.idx, usersGroupIdx: everyone.idx, plan: { activeProjects, projectPeople } };
}
