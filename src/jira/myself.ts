import { route } from '@forge/api';
import { z } from 'zod';
import { requestJson } from './client';
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
