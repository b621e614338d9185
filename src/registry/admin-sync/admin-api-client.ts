import { z } from 'zod';

/**
 * Atlassian Administration API: the organization's user API tokens
 * (GET https://api.atlassian.com/admin/api-access/v1/orgs/{orgId}/api-tokens; the key is a Bearer
 * token). Errors say what to do and never carry the key or the answer's body.
 */
export const ADMIN_API_BASE = 'https://api.atlassian.com';
const MAX_PAGES = 100;
const TIMEOUT_MS = 15_000;

const ApiToken = z
  .object({
    id: z.string(),
    label: z.string().default(''),
    status: z.string().optional(),
    createdAt: z.string().nullish(),
    expiresAt: z.string().nullish(),
    lastActiveAt: z.string().nullish(),
    user: z.object({ id: z.string(), name: z.string().nullish(), email: z.string().nullish() }).passthrough(),
  })
  .passthrough();
export type AdminApiToken = z.infer<typeof ApiToken>;

const TokenPage = z.object({ data: z.array(ApiToken), links: z.object({ next: z.string().nullish() }).passthrough().optional() }).passthrough();

export class AdminApiError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AdminApiError';
  }
}

/** Every user API token of the organization, all pages, before anything is written. */
export async function listOrgApiTokens(orgId: string, apiKey: string): Promise<AdminApiToken[]> {
  const tokens: AdminApiToken[] = [];
  let url: string | null = `${ADMIN_API_BASE}/admin/api-access/v1/orgs/${encodeURIComponent(orgId)}/api-tokens`;
  for (let page = 0; url && page < MAX_PAGES; page++) {
    const body = await getJson(url, apiKey);
    const parsed = TokenPage.safeParse(body);
    if (!parsed.success) throw new AdminApiError('The Atlassian Administration API answered in an unexpected shape. Nothing was changed.');
    tokens.push(...parsed.data.data);
    url = nextUrl(parsed.data.links?.next ?? null);
  }
  return tokens;
}

/** Follows `links.next` only on the Admin API's own host, so a crafted answer cannot send the key elsewhere. */
function nextUrl(next: string | null): string | null {
  if (!next) return null;
  const url = new URL(next, ADMIN_API_BASE);
  return url.origin === ADMIN_API_BASE ? url.toString() : null;
}

async function getJson(url: string, apiKey: string): Promise<unknown> {
  let response: Response;
  try {
    // Forge's Node runtime sends the global fetch through its egress proxy (manifest
    // permissions.external); @forge/api's `fetch` is that same function, bound when it loads.
    response = await globalThis.fetch(url, { headers: { Authorization: `Bearer ${apiKey}`, Accept: 'application/json' }, signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch {
    throw new AdminApiError('The Atlassian Administration API could not be reached. Nothing was changed; try again later.');
  }
  if (response.status === 401 || response.status === 403) {
    throw new AdminApiError('The Atlassian Administration API refused the API key (wrong, expired or without access to this organization). Nothing was changed; store a valid org admin API key.');
  }
  if (response.status === 404) throw new AdminApiError('The Atlassian Administration API does not know this organization ID. Nothing was changed; check the organization ID.');
  if (response.status === 429) throw new AdminApiError('The Atlassian Administration API is rate limiting this app. Nothing was changed; try again in a few minutes.');
  if (!response.ok) throw new AdminApiError(`The Atlassian Administration API answered ${response.status}. Nothing was changed; try again later.`);
  try {
    return (await response.json()) as unknown;
  } catch {
    throw new AdminApiError('The Atlassian Administration API answered with something that is not JSON. Nothing was changed.');
  }
}
