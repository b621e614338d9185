// Every endpoint the simulator implements, under the spec's path templates.
import { Router } from './router.js';
import { getAuditRecords } from './endpoints/audit.js';
import { getGroupMembers } from './endpoints/groups.js';
import { bulkFetchChangelogs, getIssueChangelog, getIssueComments, getIssueWorklogs } from './endpoints/history.js';
import { createIssue, editIssue, getIssue, notifyIssue } from './endpoints/issues.js';
import { getMyself } from './endpoints/myself.js';
import { getMyPermissions } from './endpoints/mypermissions.js';
import { checkPermissions } from './endpoints/permissions-check.js';
import { getProject, searchProjects } from './endpoints/projects.js';
import { getAllRoles, getProjectRole, getProjectRoles } from './endpoints/roles.js';
import { approximateCount, searchJql } from './endpoints/search.js';
import { bulkGetUsers, findUsers, getAllUsers, getUser, getUserGroups } from './endpoints/users.js';

export function createRoutes(): Router {
  const r = new Router();
  r.add('GET', '/rest/api/3/myself', getMyself);
  r.add('GET', '/rest/api/3/mypermissions', getMyPermissions);
  r.add('POST', '/rest/api/3/permissions/check', checkPermissions);
  r.add('GET', '/rest/api/3/project/search', searchProjects);
  r.add('GET', '/rest/api/3/project/{projectIdOrKey}', getProject);
  r.add('GET', '/rest/api/3/project/{projectIdOrKey}/role', getProjectRoles);
  r.add('GET', '/rest/api/3/project/{projectIdOrKey}/role/{id}', getProjectRole);
  r.add('GET', '/rest/api/3/role', getAllRoles);
  r.add('GET', '/rest/api/3/users/search', getAllUsers);
  r.add('GET', '/rest/api/3/user/bulk', bulkGetUsers);
  r.add('GET', '/rest/api/3/user', getUser);
  r.add('GET', '/rest/api/3/user/search', findUsers);
  r.add('GET', '/rest/api/3/user/groups', getUserGroups);
  r.add('GET', '/rest/api/3/group/member', getGroupMembers);
  r.add('GET', '/rest/api/3/search/jql', searchJql);
  r.add('POST', '/rest/api/3/search/jql', searchJql);
  r.add('POST', '/rest/api/3/search/approximate-count', approximateCount);
  r.add('POST', '/rest/api/3/changelog/bulkfetch', bulkFetchChangelogs);
  r.add('GET', '/rest/api/3/issue/{issueIdOrKey}/changelog', getIssueChangelog);
  r.add('GET', '/rest/api/3/issue/{issueIdOrKey}/comment', getIssueComments);
  r.add('GET', '/rest/api/3/issue/{issueIdOrKey}/worklog', getIssueWorklogs);
  r.add('GET', '/rest/api/3/auditing/record', getAuditRecords);
  r.add('POST', '/rest/api/3/issue', createIssue);
  r.add('GET', '/rest/api/3/issue/{issueIdOrKey}', getIssue);
  r.add('PUT', '/rest/api/3/issue/{issueIdOrKey}', editIssue);
  r.add('POST', '/rest/api/3/issue/{issueIdOrKey}/notify', notifyIssue);
  return r;
}

/** The (method, template) pairs the simulator serves, for the contract test. */
export function implementedOperations(): Array<{ method: string; template: string }> {
  return createRoutes().list();
}
