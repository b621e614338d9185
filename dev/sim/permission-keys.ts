// The permission keys the simulator knows, with Jira's ids, names and types, and which project
// roles grant each project permission (one permission scheme shared by every project).
import { ROLE_IDS } from './model.js';

export interface PermissionKey {
  key: string;
  id: string;
  name: string;
  type: 'GLOBAL' | 'PROJECT';
  description: string;
  /** For project permissions: the roles that grant it. */
  grantedTo?: number[];
}

const ANY_ROLE = [ROLE_IDS.users, ROLE_IDS.developers, ROLE_IDS.administrators, ROLE_IDS.integrations];
const WORKERS = [ROLE_IDS.developers, ROLE_IDS.administrators, ROLE_IDS.integrations];

export const PERMISSION_KEYS: PermissionKey[] = [
  { key: 'ADMINISTER', id: '0', name: 'Administer Jira', type: 'GLOBAL', description: 'Create and administer projects, issue types, fields, workflows, and schemes for all projects. Users with this permission can perform most administration tasks, except: managing users, importing data, and editing system email settings.' },
  { key: 'SYSTEM_ADMIN', id: '44', name: 'Jira System Administrator', type: 'GLOBAL', description: 'Ability to perform all administration functions. There must be at least one group with this permission.' },
  { key: 'USER_PICKER', id: '27', name: 'Browse users and groups', type: 'GLOBAL', description: 'View and select users or groups from the user picker, and share issues. Users with this permission can see the names of all users and groups on your site.' },
  { key: 'CREATE_SHARED_OBJECTS', id: '22', name: 'Share dashboards and filters', type: 'GLOBAL', description: 'Share dashboards and filters with other users.' },
  { key: 'ADMINISTER_PROJECTS', id: '23', name: 'Administer Projects', type: 'PROJECT', description: 'Ability to administer a project in Jira.', grantedTo: [ROLE_IDS.administrators] },
  { key: 'BROWSE_PROJECTS', id: '10', name: 'Browse Projects', type: 'PROJECT', description: 'Ability to browse projects and the issues within them.', grantedTo: ANY_ROLE },
  { key: 'CREATE_ISSUES', id: '11', name: 'Create Issues', type: 'PROJECT', description: 'Ability to create issues.', grantedTo: ANY_ROLE },
  { key: 'EDIT_ISSUES', id: '12', name: 'Edit Issues', type: 'PROJECT', description: 'Ability to edit issues.', grantedTo: WORKERS },
  { key: 'ASSIGN_ISSUES', id: '13', name: 'Assign Issues', type: 'PROJECT', description: 'Ability to assign issues to other people.', grantedTo: WORKERS },
  { key: 'TRANSITION_ISSUES', id: '46', name: 'Transition Issues', type: 'PROJECT', description: 'Ability to transition issues.', grantedTo: WORKERS },
  { key: 'ADD_COMMENTS', id: '15', name: 'Add Comments', type: 'PROJECT', description: 'Ability to comment on issues.', grantedTo: ANY_ROLE },
  { key: 'WORK_ON_ISSUES', id: '20', name: 'Work On Issues', type: 'PROJECT', description: 'Ability to log work done against an issue. Only useful if Time Tracking is turned on.', grantedTo: WORKERS },
  { key: 'DELETE_ISSUES', id: '16', name: 'Delete Issues', type: 'PROJECT', description: 'Ability to delete issues.', grantedTo: [ROLE_IDS.administrators] },
];

export const PERMISSIONS_BY_KEY = new Map(PERMISSION_KEYS.map((p) => [p.key, p]));
