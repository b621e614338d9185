import { route } from '@forge/api';
import { z } from 'zod';
import type { JiraClient } from './client';
import { JiraUnavailableError } from './errors';

const Answer = z
  .object({ total: z.number().optional(), records: z.array(z.object({ category: z.string().optional(), summary: z.string().optional(), created: z.string().optional() }).passthrough()).default([]) })
  .passthrough();

/**
 * GET /rest/api/3/auditing/record since a time: how many configuration changes (user, group,
 * role, permission, project) Jira recorded. The incremental scan uses it to decide whether the
 * directory (users, projects, access) must be read again.
 */
export async function auditRecordsSince(client: JiraClient, fromIso: string, limit = 1000): Promise<Array<{ category: string; summary: string }>> {
  const body = await client.json<unknown>({
    actor: 'app',
    route: route`/rest/api/3/auditing/record?from=${fromIso}&limit=${String(limit)}`,
    maxCost: 1 + limit,
    cost: (b) => 1 + ((b as { records?: unknown[] }).records?.length ?? 0),
  });
  const parsed = Answer.safeParse(body);
  if (!parsed.success) throw new JiraUnavailableError('Jira answered /auditing/record with an unexpected shape');
  return parsed.data.records.map((r) => ({ category: r.category ?? '', summary: r.summary ?? '' }));
}
