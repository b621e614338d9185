import { route } from '@forge/api';
import { z } from 'zod';
import type { JiraClient } from './client';
import { JiraUnavailableError } from './errors';

const Page = z.object({ values: z.array(z.object({ accountId: z.string() }).passthrough()), isLast: z.boolean().optional() }).passthrough();
const PAGE = 50;

/** GET /rest/api/3/group/member, one page of 50 (the endpoint's maximum). 2 points per member. */
export async function listGroupMembersPage(client: JiraClient, groupId: string, startAt: number): Promise<{ accountIds: string[]; isLast: boolean }> {
  const body = await client.json<unknown>({
    actor: 'app',
    route: route`/rest/api/3/group/member?groupId=${groupId}&startAt=${String(startAt)}&maxResults=${String(PAGE)}&includeInactiveUsers=true`,
    cost: (b) => 1 + 2 * ((b as { values?: unknown[] }).values?.length ?? 0),
  });
  const parsed = Page.safeParse(body);
  if (!parsed.success) throw new JiraUnavailableError('Jira answered /group/member with an unexpected shape');
  const accountIds = parsed.data.values.map((v) => v.accountId);
  return { accountIds, isLast: parsed.data.isLast ?? accountIds.length < PAGE };
}
