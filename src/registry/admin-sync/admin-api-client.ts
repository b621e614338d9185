import { z } from 'zod';

/**
 * Atlassian Administration API, API Access collection (https://api.atlassian.com/admin/api-access/v1;
 * the key is a Bearer token):
 * - `GET /orgs/{orgId}/api-tokens`: the organization's user API tokens;
 * - `GET /orgs/{orgId}/service-accounts`: the service accounts;
 * - `GET /orgs/{orgId}/service-accounts/{id}/api-tokens` and `.../oauth-clients`: each service
 *   account's own credentials, which the org-wide token list does not hold.
 * Lists page with a cursor: `links.next` is the cursor of the next page (passed back as `?cursor=`),
 * not a URL. Errors say what to do and never carry the key or the answer's body.
 */
export const ADMIN_API_BASE = 'https://api.atlassian.com';
const API_ACCESS = `${ADMIN_API_BASE}/admin/api-access/v1`;
const MAX_PAGES = 100;
const TIMEOUT_MS = 15_000;

const Links = z.object({ next: z.string().nullish() }).passthrough().optional();

const ApiToken = z
  .object({
    id: z.string(),
    label: z.string().default(''),
    status: z.string().optional(),
    createdAt: z.string().nullish(),
    expiresAt: z.string().nullish(),
    lastActiveAt: z.string().nullish(),
    scopes: z.array(z.string()).optional(),
    user: z.object({ id: z.string(), name: z.string().nullish(), email: z.string().nullish() }).passthrough(),
  })
  .passthrough();
export type AdminApiToken = z.infer<typeof ApiToken>;

const ServiceAccount = z.object({ id: z.string(), atlassianId: z.string().nullish(), displayName: z.string().nullish(), status: z.string().nullish() }).passthrough();

const ServiceAccountCredential = z
  .object({
    id: z.string(),
    label: z.string().nullish(),
    name: z.string().nullish(),
    status: z.string().nullish(),
    createdAt: z.string().nullish(),
    expiresAt: z.string().nullish(),
    lastActiveAt: z.string().nullish(),
    scopes: z.array(z.string()).optional(),
  })
  .passthrough();

/** One credential the Admin API lists, whoever owns it, in the registry's terms. */
export interface AdminCredential {
  id: string;
  kind: 'api-token' | 'oauth-client-credential';
  accountId: string;
  label: string;
  /** ALLOWED, REVOKED, … as the API says; anything but a revocation counts as live. */
  status: string | null;
  createdAt: string | null;
  expiresAt: string | null;
  lastActiveAt: string | null;
  scopes: string[];
}

export class AdminApiError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AdminApiError';
  }
}

/** Every credential of the organization: user API tokens, then each service account's API tokens and OAuth clients. All pages, before anything is written. */
export async function listOrgCredentials(orgId: string, apiKey: string): Promise<AdminCredential[]> {
  const org = `${API_ACCESS}/orgs/${encodeURIComponent(orgId)}`;
  const out: AdminCredential[] = [];
  for (const raw of await listAll(`${org}/api-tokens`, apiKey, ApiToken)) {
    out.push({ id: raw.id, kind: 'api-token', accountId: raw.user.id, label: raw.label, status: raw.status ?? null, createdAt: raw.createdAt ?? null, expiresAt: raw.expiresAt ?? null, lastActiveAt: raw.lastActiveAt ?? null, scopes: raw.scopes ?? [] });
  }
  for (const account of await listAll(`${org}/service-accounts`, apiKey, ServiceAccount)) {
    const accountId = account.atlassianId ?? account.id;
    const base = `${org}/service-accounts/${encodeURIComponent(account.id)}`;
    for (const [path, kind] of [['api-tokens', 'api-token'], ['oauth-clients', 'oauth-client-credential']] as const) {
      for (const raw of await listAll(`${base}/${path}`, apiKey, ServiceAccountCredential)) {
        out.push({ id: raw.id, kind, accountId, label: raw.label ?? raw.name ?? '', status: raw.status ?? null, createdAt: raw.createdAt ?? null, expiresAt: raw.expiresAt ?? null, lastActiveAt: raw.lastActiveAt ?? null, scopes: raw.scopes ?? [] });
      }
    }
  }
  return out;
}

/** All pages of a list (`{ data | items: [...], links: { next: cursor } }`), following the cursor. */
async function listAll<T extends z.ZodTypeAny>(url: string, apiKey: string, item: T): Promise<Array<z.infer<T>>> {
  const Page = z.object({ data: z.array(item).optional(), items: z.array(item).optional(), links: Links }).passthrough();
  const all: Array<z.infer<T>> = [];
  let cursor: string | null = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    const body = await getJson(cursor === null ? url : `${url}?cursor=${encodeURIComponent(cursor)}`, apiKey);
    const parsed = Page.safeParse(body);
    if (!parsed.success) throw new AdminApiError('The Atlassian Administration API answered in an unexpected shape. Nothing was changed.');
    all.push(...((parsed.data.data ?? parsed.data.items ?? []) as Array<z.infer<T>>));
    const next = cursorOf(parsed.data.links?.next ?? null);
    if (next === null) return all;
    if (next === cursor) throw new AdminApiError('The Atlassian Administration API sent the same page twice. Nothing was changed; try again later.');
    cursor = next;
  }
  throw new AdminApiError(`The Atlassian Administration API listed more than ${MAX_PAGES} pages. Nothing was changed.`);
}

/**
 * The cursor of the next page. `links.next` is a cursor; an older answer that gives a whole URL on the
 * API's own host is read for its `cursor` parameter. Never a URL to follow, so a crafted answer cannot
 * send the key elsewhere.
 */
export function cursorOf(next: string | null): string | null {
  if (!next) return null;
  if (!/^https?:\/\//i.test(next)) return next;
  const url = new URL(next);
  return url.origin === ADMIN_API_BASE ? url.searchParams.get('cursor') : null;
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
