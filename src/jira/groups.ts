import { route } from '@forge/api';
import { z } from 'zod';
import type { JiraClient } from './client';
import { JiraUnavailableError, nullWhenMissing } from './errors';

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

/** Whether a group of that name exists (GET /rest/api/3/group/member?groupname=…&maxResults=1; 404 when not). */
export async function groupExists(client: JiraClient, groupName: string): Promise<boolean> {
  const body = await nullWhenMissing(client.json<unknown>({ actor: 'app', route: route`/rest/api/3/group/member?groupname=${groupName}&maxResults=1`, cost: () => 3 }));
  return body !== null;
}
