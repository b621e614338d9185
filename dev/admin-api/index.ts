import type { SimSite } from '../sim';
import { seedTokens, type AdminApiToken } from './seed';

/**
 * A simulated Atlassian Administration API (https://api.atlassian.com/admin/...): the one endpoint
 * the registry reads, `GET /admin/api-access/v1/orgs/{orgId}/api-tokens`, in the official shapes
 * (atlassian-apis.md §3.2): Bearer API key, `{ data, links: { self, next, prev } }`, cursor paging.
 */
export const DEV_ORG_ID = 'd3v0rg00-0000-4000-8000-000000000001';
/** The local org admin API key; anything else is refused with 401. Not a real credential. */
export const DEV_ADMIN_API_KEY = 'local-dev-org-admin-key-0123456789';
const PAGE_SIZE = 20;
const BASE = 'https://api.atlassian.com';

export interface AdminApi {
  handle(request: Request): Promise<Response>;
  /** The seeded tokens (read from the site on first use). */
  tokens(): Promise<AdminApiToken[]>;
  /** Fault injection: while true, every request fails as if the network were down. */
  setUnreachable(down: boolean): void;
  /** Requests received, without their headers (so that tests can assert the key was used, not logged). */
  requests(): string[];
}

export function createAdminApi(sim: SimSite, options: { orgId?: string; apiKey?: string; now?: () => number } = {}): AdminApi {
  const orgId = options.orgId ?? DEV_ORG_ID;
  const apiKey = options.apiKey ?? DEV_ADMIN_API_KEY;
  let seeded: Promise<AdminApiToken[]> | null = null;
  let unreachable = false;
  const log: string[] = [];
  const tokens = () => (seeded ??= seedTokens(sim, orgId, (options.now ?? Date.now)()));

  return {
    tokens,
    setUnreachable: (down) => {
      unreachable = down;
    },
    requests: () => [...log],
    async handle(request) {
      if (unreachable) throw new TypeError('fetch failed (simulated: api.atlassian.com unreachable)');
      const url = new URL(request.url);
      log.push(`${request.method} ${url.pathname}${url.search}`);
      if (request.headers.get('authorization') !== `Bearer ${apiKey}`) return json(401, { code: 401, message: 'Unauthorized' });
      const match = /^\/admin\/api-access\/v1\/orgs\/([^/]+)\/api-tokens$/.exec(url.pathname);
      if (!match || request.method !== 'GET') return json(404, { code: 404, message: 'Not Found' });
      if (decodeURIComponent(match[1] ?? '') !== orgId) return json(404, { code: 404, message: 'Organization not found' });
      const all = await tokens();
      const start = Number(url.searchParams.get('cursor') ?? '0');
      if (!Number.isInteger(start) || start < 0) return json(400, { code: 400, message: 'Invalid cursor' });
      const page = all.slice(start, start + PAGE_SIZE);
      const self = `${BASE}${url.pathname}`;
      return json(200, {
        data: page,
        links: {
          self: `${self}?cursor=${start}`,
          next: start + PAGE_SIZE < all.length ? `${self}?cursor=${start + PAGE_SIZE}` : null,
          prev: start > 0 ? `${self}?cursor=${Math.max(0, start - PAGE_SIZE)}` : null,
        },
      });
    },
  };
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}
