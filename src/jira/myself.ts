import { route } from '@forge/api';
import { z } from 'zod';
import { requestJson, type JiraClient } from './client';
import { JiraUnavailableError } from './errors';

const Myself = z.object({ accountId: z.string().min(1), displayName: z.string().default(''), active: z.boolean().optional() });
export type Myself = z.infer<typeof Myself>;

/** GET /rest/api/3/myself as the calling user. */
export async function getMyself(): Promise<Myself> {
  const body = await requestJson<unknown>({ actor: 'user', route: route`/rest/api/3/myself` });
  const parsed = Myself.safeParse(body);
  if (!parsed.success) throw new JiraUnavailableError('Jira answered /myself with an unexpected shape');
  return parsed.data;
}

/** GET /rest/api/3/myself as the app: the app's own account (its bot user), with the scan's client. */
export async function appAccountId(client: JiraClient): Promise<string> {
  const body = await client.json<unknown>({ actor: 'app', route: route`/rest/api/3/myself`, maxCost: 3, cost: () => 3 });
  const parsed = Myself.safeParse(body);
  if (!parsed.success) throw new JiraUnavailableError('Jira answered /myself with an unexpected shape');
  return parsed.data.accountId;
}
