/**
 * Who may talk to the local host. `/dev/invoke` acts as any persona, the site admin included, so a
 * web page open in the same browser must not be able to drive it:
 * - the Host header must name a loopback address (a DNS-rebinding page sends its own name);
 * - an Origin header, when the browser sends one, must be the host's own origin (every cross-site
 *   POST carries one, the no-cors kind included);
 * - a request that sends a body to /dev/* or /sim/* must declare it `application/json`, which a
 *   cross-site form or no-cors fetch cannot do without a CORS preflight that the host never grants.
 * Tools such as curl send no Origin and pass, as long as they address localhost and declare JSON.
 */
import type { IncomingMessage } from 'node:http';
import { HostError } from '../functions';

const LOOPBACK_NAMES = new Set(['localhost', '[::1]']);

export function isLoopbackHostname(hostname: string): boolean {
  const name = hostname.toLowerCase();
  return LOOPBACK_NAMES.has(name) || name.endsWith('.localhost') || /^127(\.\d{1,3}){3}$/.test(name);
}

/** A listening interface that other machines can reach (anything but loopback). */
export function isLoopbackInterface(hostname: string): boolean {
  return hostname === '::1' || isLoopbackHostname(hostname);
}

/** The host part of a Host header value ("127.0.0.1:8080" → "127.0.0.1"), or null when malformed. */
function hostnameOf(hostHeader: string): string | null {
  try {
    const url = new URL(`http://${hostHeader}`);
    return url.host === hostHeader.toLowerCase() ? url.hostname : null;
  } catch {
    return null;
  }
}

export interface RequestFacts {
  method: string;
  path: string;
  host: string | undefined;
  origin: string | undefined;
  contentType: string | undefined;
  /** True when the request carries a body (content-length > 0 or chunked). */
  hasBody: boolean;
}

export function factsOf(req: IncomingMessage, path: string): RequestFacts {
  const length = Number(req.headers['content-length'] ?? 0);
  return {
    method: req.method ?? 'GET',
    path,
    host: req.headers.host,
    origin: typeof req.headers.origin === 'string' ? req.headers.origin : undefined,
    contentType: req.headers['content-type'],
    hasBody: length > 0 || req.headers['transfer-encoding'] !== undefined,
  };
}

/** Throws a HostError (403 or 415) with a message for a person when the request must be refused. */
export function checkRequest(r: RequestFacts): void {
  const hostname = r.host ? hostnameOf(r.host) : null;
  if (!r.host || !hostname || !isLoopbackHostname(hostname)) {
    throw new HostError(403, `Refused: the local host answers requests addressed to localhost only (Host: ${r.host ?? 'missing'}). Open it as http://localhost:PORT or http://127.0.0.1:PORT.`);
  }
  if (r.origin !== undefined && r.origin !== `http://${r.host.toLowerCase()}`) {
    throw new HostError(403, `Refused: a request from ${r.origin} may not use the local host; only its own pages (http://${r.host}) and tools without an Origin may.`);
  }
  const writes = r.method !== 'GET' && r.method !== 'HEAD' && r.method !== 'OPTIONS';
  if (writes && (r.path.startsWith('/dev/') || r.path.startsWith('/sim/')) && (r.hasBody || r.path === '/dev/invoke')) {
    const type = (r.contentType ?? '').split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/json') {
      throw new HostError(415, `Refused: ${r.method} ${r.path} takes a JSON body with the header "content-type: application/json" (got ${r.contentType ? `"${r.contentType}"` : 'none'}).`);
    }
  }
}
