import { route } from '@forge/api';
import { z } from 'zod';
import type { JiraClient } from './client';
import { JiraUnavailableError } from './errors';

const Groups = z.array(z.object({ name: z.string(), groupId: z.string().nullish() }).passthrough());

/** GET /rest/api/3/user/groups: the groups one account belongs to. 2 points per group. */
export async function groupsOfUser(client: JiraClient, accountId: string): Promise<Array<{ groupId: string; name: string }>> {
  const body = await client.json<unknown>({
    actor: 'app',
    route: route`/rest/api/3/user/groups?accountId=${accountId}`,
    maxCost: 1 + 2 * 200,
    cost: (b) => 1 + 2 * (Array.isArray(b) ? b.length : 0),
  });
  const parsed = Groups.safeParse(body);
  if (!parsed.success) throw new JiraUnavailableError('Jira answered /user/groups with an unexpected shape');
  return parsed.data.map((g) => ({ groupId: g.groupId ?? g.name, name: g.name }));
}
