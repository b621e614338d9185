import { describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../src/jira/audit';
import { accessScope, type AccessScope } from '../../src/scan/access-scope';

const CATEGORIES = ['group management', 'permissions', 'projects'];
const accounts = new Map([
  ['person-1', { accountType: 'atlassian' }],
  ['bot-1', { accountType: 'app' }],
]);
const record = (category: string, summary: string, objectItem: AuditRecord['objectItem'], associatedItems: AuditRecord['associatedItems'] = []): AuditRecord => ({ category, summary, objectItem, associatedItems });
const user = (id: string) => ({ id, name: id, typeName: 'USER' });
const group = { id: 'g-1', name: 'team-1', typeName: 'GROUP' };
const project = (id: string) => ({ id, name: `Project ${id}`, typeName: 'PROJECT' });
const EVERYONE: AccessScope = { projectList: true, everywhere: 'all', projectIds: [], appAccounts: [] };

describe('accessScope: what an access refresh looks at again', () => {
  it.each<[string, AuditRecord[], AccessScope]>([
    ['nothing that changes access', [record('user management', 'User created', user('person-1'))], { projectList: false, everywhere: [], projectIds: [], appAccounts: [] }],
    ['a person added to a group: that person, everywhere', [record('group management', 'User added to group', user('person-1'), [group])], { projectList: false, everywhere: ['person-1'], projectIds: [], appAccounts: [] }],
    ['an app account added to a group: it may be the app itself', [record('Group management', 'User added to group', user('bot-1'), [group])], { projectList: false, everywhere: ['bot-1'], projectIds: [], appAccounts: ['bot-1'] }],
    ['a user the directory does not know: everyone', [record('group management', 'User added to group', user('someone-else'), [group])], EVERYONE],
    ['a group itself changed: everyone', [record('group management', 'Group deleted', group)], EVERYONE],
    ['a role changed in a project: that project, for everyone', [record('projects', 'Project roles changed', { id: '10002', name: 'Developers', typeName: 'PROJECT_ROLE' }, [project('10001'), user('person-1')])], { projectList: false, everywhere: [], projectIds: ['10001'], appAccounts: [] }],
    ['a project created', [record('projects', 'Project created', project('10040'))], { projectList: false, everywhere: [], projectIds: ['10040'], appAccounts: [] }],
    ['a project change naming no project: everyone', [record('projects', 'Project category changed', { id: '3', name: 'Internal', typeName: 'PROJECT_CATEGORY' })], EVERYONE],
    ['a permission scheme changed: everyone, and the project list', [record('permissions', 'Permission scheme updated', { id: '0', name: 'Default', typeName: 'PERMISSION_SCHEME' }, [project('10001')])], EVERYONE],
    [
      'several: their union',
      [record('group management', 'User removed from group', user('person-1'), [group]), record('projects', 'Project roles changed', { id: '1', name: 'Users', typeName: 'PROJECT_ROLE' }, [project('10003')]), record('projects', 'Project created', project('10040'))],
      { projectList: false, everywhere: ['person-1'], projectIds: ['10003', '10040'], appAccounts: [] },
    ],
  ])('%s', (_, records, expected) => {
    expect(accessScope(records, accounts, CATEGORIES)).toEqual(expected);
  });
});
