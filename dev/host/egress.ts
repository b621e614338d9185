import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { createAdminApi, type AdminApi } from '../admin-api';
import type { SimSite } from '../sim';
import { currentInvocation } from './runtime';

/**
 * Forge's egress rules for the app's own `fetch` calls: inside an invocation, only addresses declared
 * under manifest.yml `permissions.external.fetch.backend` are reachable, and Atlassian
 * Administration API calls go to the simulated one (dev/admin-api). Code outside an invocation (the
 * host, the tests) fetches as usual.
 */
interface HostEgress {
  allowed: string[];
  adminApi: AdminApi | null;
}

const hosts = new WeakMap<object, HostEgress>();
const bySite = new WeakMap<SimSite, AdminApi>();

/** The simulated Admin API serving a host's simulated site (tests use it to inject faults). */
export function adminApiFor(sim: SimSite): AdminApi | undefined {
  return bySite.get(sim);
}
let original: typeof fetch | null = null;

/** Declared backend egress addresses (object form `- address: …`, or the older plain strings). */
export function declaredEgress(manifestFile: string): string[] {
  const raw = parse(readFileSync(manifestFile, 'utf8')) as { permissions?: { external?: { fetch?: { backend?: Array<string | { address?: string }> } } } };
  return (raw.permissions?.external?.fetch?.backend ?? []).map((e) => (typeof e === 'string' ? e : (e.address ?? ''))).filter(Boolean);
}

function allows(patterns: readonly string[], url: URL): boolean {
  return patterns.some((p) => {
    const declared = new URL(p.includes('://') ? p : `https://${p}`);
    const host = declared.hostname.startsWith('*.') ? url.hostname.endsWith(declared.hostname.slice(1)) : url.hostname === declared.hostname;
    return host && url.protocol === declared.protocol;
  });
}

/** Installs the egress rules for one host (`owner` is the object its invocations carry). Answers its Admin API. */
export function installEgress(options: { manifestFile: string; sim: SimSite | null; owner: object }): AdminApi | null {
  const adminApi = options.sim ? createAdminApi(options.sim) : null;
  if (options.sim && adminApi) bySite.set(options.sim, adminApi);
  hosts.set(options.owner, { allowed: declaredEgress(options.manifestFile), adminApi });
  if (!original) {
    const realFetch = globalThis.fetch;
    original = realFetch;
    globalThis.fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
      const owner = currentInvocation()?.owner;
      const egress = owner ? hosts.get(owner) : undefined;
      if (!egress) return realFetch(input, init);
      const request = new Request(input, init);
      const url = new URL(request.url);
      if (!allows(egress.allowed, url)) {
        throw new TypeError(`Egress to ${url.origin} is not declared in manifest.yml (permissions.external.fetch.backend); Forge blocks it.`);
      }
      if (url.origin === 'https://api.atlassian.com' && url.pathname.startsWith('/admin/') && egress.adminApi) return egress.adminApi.handle(request);
      return realFetch(request);
    };
  }
  return adminApi;
}
