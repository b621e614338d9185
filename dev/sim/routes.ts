// Every endpoint the simulator implements, under the spec's path templates.
import { Router } from './router.js';
import { getMyself } from './endpoints/myself.js';
import { getMyPermissions } from './endpoints/mypermissions.js';
import { getProject, searchProjects } from './endpoints/projects.js';

export function createRoutes(): Router {
  const r = new Router();
  r.add('GET', '/rest/api/3/myself', getMyself);
  r.add('GET', '/rest/api/3/mypermissions', getMyPermissions);
  r.add('GET', '/rest/api/3/project/search', searchProjects);
  r.add('GET', '/rest/api/3/project/{projectIdOrKey}', getProject);
  return r;
}
