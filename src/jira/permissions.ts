import { route } from '@forge/api';
import { z } from 'zod';
import { requestJson } from './client';
import { JiraUnavailableError } from './errors';

export type PermissionKey = 'ADMINISTER' | 'ADMINISTER_PROJECTS' | 'BROWSE_PROJECTS';

const MyPermissions = z.object({
  permissions: z.record(z.string(), z.object({ havePermission: z.boolean() }).passthrough()),
});

/**
 * GET /rest/api/3/mypermissions as the calling user. Answers, for each key asked, whether the caller
 * holds it (in projectKey when given). A key missing from the answer, or any odd shape, counts as
 * "not held": access checks fail closed.
 */
export async function getMyPermissions(keys: readonly PermissionKey[], projectKey?: string): Promise<Record<PermissionKey, boolean>> {
  const permissions = keys.join(',');
  const r = projectKey
    ? route`/rest/api/3/mypermissions?permissions=${permissions}&projectKey=${projectKey}`
    : route`/rest/api/3/mypermissions?permissions=${permissions}`;
  const body = await requestJson<unknown>({ actor: 'user', route: r });
  const parsed = MyPermissions.safeParse(body);
  if (!parsed.success) throw new JiraUnavailableError('Jira answered /mypermissions with an unexpected shape');
  const held = {} as Record<PermissionKey, boolean>;
  for (const key of keys) held[key] = parsed.data.permissions[key]?.havePermission === true;
  return held;
}
