// Audit records: user and group management, role changes. Jira's audit log holds configuration
// changes, not issue edits, so this is where "who granted the service account access" lives.
import type { Rng } from '../prng.js';
import type { SimGroup, SimProject, SimUser } from '../model.js';

export interface AuditEntry {
  id: number;
  created: number;
  summary: string;
  category: string;
  eventSource: string;
  authorIdx: number;
  remoteAddress: string;
  objectItem: { id: string; name: string; typeName: string; parentId?: string; parentName?: string };
  associatedItems: Array<{ id: string; name: string; typeName: string; parentId?: string; parentName?: string }>;
  changedValues: Array<{ fieldName: string; changedFrom?: string; changedTo?: string }>;
}

const DIRECTORY = { parentId: '10000', parentName: 'com.atlassian.crowd.directory.IdentityPlatformRemoteDirectory' };
const TWO_YEARS_MS = 730 * 86_400_000;

export function generateAudit(
  rng: Rng,
  count: number,
  now: number,
  ctx: { users: SimUser[]; groups: SimGroup[]; projects: SimProject[]; adminIdxs: number[] },
): AuditEntry[] {
  const entries: AuditEntry[] = [];
  const integrations = ctx.users.filter((u) => u.accountType === 'app' || u.automationLike);
  for (let i = 0; i < count; i++) {
    const author = rng.pick(ctx.adminIdxs);
    const created = now - rng.int(TWO_YEARS_MS);
    const subject = rng.chance(0.5) && integrations.length > 0 ? rng.pick(integrations) : rng.pick(ctx.users);
    const userItem = { id: subject.accountId, name: subject.accountId, typeName: 'USER', ...DIRECTORY };
    const base = { id: 0, created, eventSource: '', authorIdx: author, remoteAddress: `10.${rng.int(255)}.${rng.int(255)}.${rng.int(255)}` };
    const pickKind = rng.int(4);
    if (pickKind === 0) {
      const group = rng.pick(ctx.groups);
      entries.push({
        ...base,
        summary: 'User added to group',
        category: 'group management',
        objectItem: userItem,
        associatedItems: [{ id: group.groupId, name: group.name, typeName: 'GROUP', ...DIRECTORY }],
        changedValues: [],
      });
    } else if (pickKind === 1) {
      const project = rng.pick(ctx.projects);
      entries.push({
        ...base,
        summary: 'Project roles changed',
        category: 'projects',
        objectItem: { id: '10000', name: rng.pick(['Developers', 'Integrations', 'Users']), typeName: 'PROJECT_ROLE' },
        associatedItems: [{ id: project.id, name: project.name, typeName: 'PROJECT' }],
        changedValues: [{ fieldName: 'Users', changedFrom: '', changedTo: subject.displayName }],
      });
    } else if (pickKind === 2) {
      entries.push({
        ...base,
        summary: subject.active ? 'User created' : 'User deactivated',
        category: 'user management',
        objectItem: userItem,
        associatedItems: [],
        changedValues: subject.active ? [{ fieldName: 'Active / Inactive', changedTo: 'Active' }] : [{ fieldName: 'Active / Inactive', changedFrom: 'Active', changedTo: 'Inactive' }],
      });
    } else {
      const project = rng.pick(ctx.projects);
      entries.push({
        ...base,
        summary: 'Permission scheme updated',
        category: 'permissions',
        objectItem: { id: '0', name: 'Default Permission Scheme', typeName: 'PERMISSION_SCHEME' },
        associatedItems: [{ id: project.id, name: project.name, typeName: 'PROJECT' }],
        changedValues: [{ fieldName: 'Browse Projects', changedTo: 'Project Role (Users)' }],
      });
    }
  }
  // Newest first, as Jira answers; ids grow with time.
  entries.sort((a, b) => a.created - b.created);
  entries.forEach((e, i) => (e.id = 10000 + i));
  return entries.reverse();
}
