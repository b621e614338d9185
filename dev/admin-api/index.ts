import type { SimSite } from '../sim';
import { seedAdmin, type AdminApiToken, type AdminSeed, type ServiceAccountCredential } from './seed';

export type { AdminApiToken, AdminServiceAccount, ServiceAccountCredential } from './seed';

/**
 * A simulated Atlassian Administration API (https://api.atlassian.com/admin/api-access/v1), the
 * endpoints the registry reads, in the official shapes (atlassian-apis.md §3.2): Bearer API key;
 * `GET /orgs/{orgId}/api-tokens` (user API tokens, `{ data, links }`); `GET /orgs/{orgId}/service-accounts`
 * (`{ items, links, total }`); `GET /orgs/{orgId}/service-accounts/{id}/api-tokens` and `.../oauth-clients`
 * (that service account's credentials). Lists page with an opaque cursor: `links.next` is the cursor
 * of the next page, to send back as `?cursor=`, not a URL; a cursor it did not give is refused.
 */
export const DEV_ORG_ID = 'd3v0rg00-0000-4000-8000-000000000001';
/** The local org admin API key; anything else is refused with 401. Not a real credential. */
export const DEV_ADMIN_API_KEY = 'local-dev-org-admin-key-0123456789';
const PAGE_SIZE = 20;
const BASE = 'https://api.atlassian.com';
const PREFIX = '/admin/api-access/v1/orgs/';

export interface AdminApi {
  handle(request: Request): Promise<Response>;
  /** The user API tokens (seeded from the site on first use). */
  tokens(): Promise<AdminApiToken[]>;
  /** Everything the organization holds: user tokens, service accounts and their credentials. */
  seed(): Promise<AdminSeed>;
  /** Revokes a credential (it stays listed, status REVOKED). */
  revoke(id: string): Promise<void>;
  /** Deletes a credential (it is no longer listed). */
  remove(id: string): Promise<void>;
  /** Adds user API tokens, e.g. to bring an identity past the registry's credential cap. */
  addTokens(tokens: AdminApiToken[]): Promise<void>;
  /** Fault injection: while true, every request fails as if the network were down. */
  setUnreachable(down: boolean): void;
  /** Requests received, without their headers (so that tests can assert the key was used, not logged). */
  requests(): string[];
}

export function createAdminApi(sim: SimSite, options: { orgId?: string; apiKey?: string; now?: () => number } = {}): AdminApi {
  const orgId = options.orgId ?? DEV_ORG_ID;
  const apiKey = options.apiKey ?? DEV_ADMIN_API_KEY;
  let seeded: Promise<AdminSeed> | null = null;
  let unreachable = false;
  const log: string[] = [];
  const seed = () => (seeded ??= seedAdmin(sim, orgId, (options.now ?? Date.now)()));

  return {
    seed,
    tokens: async () => (await seed()).tokens,
    async revoke(id) {
      const s = await seed();
      for (const c of [...s.tokens, ...s.serviceCredentials]) if (c.id === id) c.status = 'REVOKED';
    },
    async remove(id) {
      const s = await seed();
      s.tokens = s.tokens.filter((t) => t.id !== id);
      s.serviceCredentials = s.serviceCredentials.filter((c) => c.id !== id);
    },
    async addTokens(tokens) {
      (await seed()).tokens.push(...tokens);
    },
    setUnreachable: (down) => {
      unreachable = down;
    },
    requests: () => [...log],
    async handle(request) {
      if (unreachable) throw new TypeError('fetch failed (simulated: api.atlassian.com unreachable)');
      const url = new URL(request.url);
      log.push(`${request.method} ${url.pathname}${url.search}`);
      if (request.headers.get('authorization') !== `Bearer ${apiKey}`) return json(401, { code: 401, message: 'Unauthorized' });
      if (request.method !== 'GET' || !url.pathname.startsWith(PREFIX)) return json(404, { code: 404, message: 'Not Found' });
      const [org, ...rest] = url.pathname.slice(PREFIX.length).split('/').map(decodeURIComponent);
      if (org !== orgId) return json(404, { code: 404, message: 'Organization not found' });
      const s = await seed();
      const cursor = url.searchParams.get('cursor');
      const self = `${BASE}${url.pathname}`;
      if (rest.length === 1 && rest[0] === 'api-tokens') return page(s.tokens, cursor, self, 'data');
      if (rest.length === 1 && rest[0] === 'service-accounts') return page(s.serviceAccounts, cursor, self, 'items');
      if (rest.length === 3 && rest[0] === 'service-accounts' && (rest[2] === 'api-tokens' || rest[2] === 'oauth-clients')) {
        const account = s.serviceAccounts.find((a) => a.id === rest[1]);
        if (!account) return json(404, { code: 404, message: 'Service account not found' });
        const kind: ServiceAccountCredential['kind'] = rest[2] === 'api-tokens' ? 'api-token' : 'oauth-client';
        const mine = s.serviceCredentials.filter((c) => c.serviceAccountId === account.id && c.kind === kind);
        return page(mine.map(({ kind: _kind, ...c }) => c), cursor, self, 'data');
      }
      return json(404, { code: 404, message: 'Not Found' });
    },
  };
}

/** One page of a list; the cursor is opaque (the next offset, encoded), as the real API's is to callers. */
function page<T>(all: readonly T[], cursor: string | null, self: string, field: 'data' | 'items'): Response {
  let start = 0;
  if (cursor !== null) {
    const decoded = /^o:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!decoded) return json(400, { code: 400, message: 'Invalid cursor' });
    start = Number(decoded[1]);
  }
  const encode = (offset: number) => Buffer.from(`o:${offset}`, 'utf8').toString('base64url');
  const next = start + PAGE_SIZE < all.length ? encode(start + PAGE_SIZE) : null;
  const prev = start > 0 ? encode(Math.max(0, start - PAGE_SIZE)) : null;
  return json(200, {
    [field]: all.slice(start, start + PAGE_SIZE),
    links: { self, next, prev },
    ...(field === 'items' ? { total: all.length } : {}),
  });
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}
