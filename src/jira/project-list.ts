import { route } from '@forge/api';
import { z } from 'zod';
import type { JiraClient } from './client';
import { JiraUnavailableError } from './errors';

const Project = z.object({ id: z.string(), key: z.string(), name: z.string() }).passthrough();
const Page = z.object({ values: z.array(Project), isLast: z.boolean().optional(), total: z.number().optional() }).passthrough();
export type ProjectItem = { id: string; key: string; name: string };

const PAGE = 100;

/** GET /rest/api/3/project/search as the app, one page of 100 ordered by key. 1 point per project. */
export async function listProjectsPage(client: JiraClient, startAt: number): Promise<{ projects: ProjectItem[]; isLast: boolean }> {
  const body = await client.json<unknown>({
    actor: 'app',
    route: route`/rest/api/3/project/search?startAt=${String(startAt)}&maxResults=${String(PAGE)}&orderBy=key`,
    maxCost: 1 + PAGE,
    cost: (b) => 1 + ((b as { values?: unknown[] }).values?.length ?? 0),
  });
  const parsed = Page.safeParse(body);
  if (!parsed.success) throw new JiraUnavailableError('Jira answered /project/search with an unexpected shape');
  const projects = parsed.data.values.map(({ id, key, name }) => ({ id, key, name }));
  return { projects, isLast: parsed.data.isLast ?? projects.length < PAGE };
}

/** Jira's project/search takes at most 50 ids. */
export const MAX_IDS = 50;

/**
 * GET /rest/api/3/project/search?id=… as the app: of these project ids (at most MAX_IDS), the ones
 * it lists, as the whole list would show them (a deleted project is absent). 1 point per project.
 */
export async function listProjectsById(client: JiraClient, ids: readonly string[]): Promise<ProjectItem[]> {
  if (ids.length === 0) return [];
  if (ids.length > MAX_IDS) throw new Error(`at most ${MAX_IDS} project ids at a time`);
  const query = new URLSearchParams([...ids.map((id) => ['id', id]), ['maxResults', String(MAX_IDS)], ['orderBy', 'key']]);
  const body = await client.json<unknown>({
    actor: 'app',
    route: route`/rest/api/3/project/search?${query}`,
    maxCost: 1 + ids.length,
    cost: (b) => 1 + ((b as { values?: unknown[] }).values?.length ?? 0),
  });
  const parsed = Page.safeParse(body);
  if (!parsed.success) throw new JiraUnavailableError('Jira answered /project/search with an unexpected shape');
  return parsed.data.values.map(({ id, key, name }) => ({ id, key, name }));
}
