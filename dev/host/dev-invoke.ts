import { HostError } from './functions';
import type { Host } from './host';

/** POST /dev/invoke: `{ as, moduleKey, projectKey?, functionKey, payload }`, exactly as the bridge would call. */
export async function devInvoke(host: Host, body: unknown): Promise<unknown> {
  if (typeof body !== 'object' || body === null) throw new HostError(400, 'Expected a JSON object { as, moduleKey, projectKey?, functionKey, payload }');
  const { as, moduleKey, projectKey, functionKey, payload } = body as Record<string, unknown>;
  if (typeof functionKey !== 'string' || functionKey === '') throw new HostError(400, 'functionKey must be a resolver key such as "me/get"');
  if (moduleKey !== 'admin-page' && moduleKey !== 'project-page' && moduleKey !== 'my-integrations') throw new HostError(400, 'moduleKey must be "admin-page", "project-page" or "my-integrations"');
  if (moduleKey === 'project-page' && (typeof projectKey !== 'string' || projectKey === '')) throw new HostError(400, 'projectKey is required for the project-page module');
  if (as !== undefined && as !== null && typeof as !== 'string') throw new HostError(400, 'as must be an account id, or null for an anonymous caller');
  const accountId = typeof as === 'string' && as !== '' ? as : undefined;
  const page = host.manifest.pages.get(moduleKey);
  return host.functions.invokeResolver({
    ...(accountId ? { accountId } : {}),
    moduleKey,
    functionKey,
    payload: payload ?? {},
    frontendContext: {
      moduleKey,
      cloudId: host.cloudId,
      siteUrl: host.siteUrl,
      localId: `ari:cloud:ecosystem::extension/local/${moduleKey}`,
      environmentId: 'local-development',
      environmentType: 'DEVELOPMENT',
      extension: { type: page?.type, ...(moduleKey === 'project-page' ? { project: { key: projectKey, id: projectKey, type: 'software' } } : {}) },
    },
  });
}
